/* Test helpers (see helpers.h). */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/demo.h"
#include "core/write.h"
#include "tests/helpers.h"

static char *make_path(void)
{
	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/samordne-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		perror("mkstemp");
		abort();
	}
	close(fd);
	return path;
}

struct sam_db *th_open_empty(void)
{
	char *path = make_path();
	struct sam_db *db;
	struct sam_err err;
	if (sam_db_open(path, SAM_DB_CREATE, &db, &err) < 0) {
		fprintf(stderr, "cannot open %s: %s\n", path, err.msg);
		abort();
	}
	free(path);
	return db;
}

struct sam_db *th_open_demo(void)
{
	struct sam_db *db = th_open_empty();
	struct sam_err err;
	if (sam_demo_load(db, &err) < 0) {
		fprintf(stderr, "cannot load the demo: %s\n", err.msg);
		abort();
	}
	return db;
}

void th_close(struct sam_db *db)
{
	char *path = xstrdup(db->path);
	sam_db_close(db);
	sam_demo_remove(path);
	free(path);
}

void th_begin(struct sam_db *db)
{
	struct sam_err err;
	if (sam_tx_begin(db, &err) < 0) {
		fprintf(stderr, "begin: %s\n", err.msg);
		abort();
	}
}

void th_commit(struct sam_db *db)
{
	struct sam_err err;
	if (sam_tx_commit(db, &err) < 0) {
		fprintf(stderr, "commit: %s\n", err.msg);
		abort();
	}
}

static sqlite3_stmt *prepare_or_abort(struct sam_db *db, const char *sql);

int64_t th_count(struct sam_db *db, const char *sql)
{
	sqlite3_stmt *st = prepare_or_abort(db, sql);
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return n;
}

static sqlite3_stmt *prepare_or_abort(struct sam_db *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "bad test SQL %s: %s\n", sql, sqlite3_errmsg(db->sql));
		abort();
	}
	return st;
}

char *th_query_text(struct sam_db *db, const char *sql)
{
	sqlite3_stmt *st = prepare_or_abort(db, sql);
	char *s = NULL;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		s = xstrdup(t ? (const char *)t : "");
	}
	sqlite3_finalize(st);
	if (!s) {
		fprintf(stderr, "no row for %s\n", sql);
		abort();
	}
	return s;
}

static void dump_value(struct strbuf *sb, sqlite3_stmt *st, int col)
{
	switch (sqlite3_column_type(st, col)) {
	case SQLITE_NULL:
		sb_add(sb, "NULL");
		break;
	case SQLITE_INTEGER:
		sb_addf(sb, "i%" PRId64, (int64_t)sqlite3_column_int64(st, col));
		break;
	case SQLITE_FLOAT:
		sb_addf(sb, "r%.17g", sqlite3_column_double(st, col));
		break;
	default:
		sb_addf(sb, "t'%s'", (const char *)sqlite3_column_text(st, col));
		break;
	}
}

void th_dump_query(struct strbuf *sb, struct sam_db *db, const char *sql)
{
	sqlite3_stmt *st = prepare_or_abort(db, sql);
	sb_addf(sb, "## %s\n", sql);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int c = 0; c < sqlite3_column_count(st); c++) {
			sb_add(sb, c ? "|" : "");
			dump_value(sb, st, c);
		}
		sb_addc(sb, '\n');
	}
	sqlite3_finalize(st);
}

static int64_t test_clock_ms;

static int64_t test_clock(void)
{
	return test_clock_ms++;
}

void th_clock_set(int64_t ms)
{
	test_clock_ms = ms;
	sam_clock_set(test_clock);
}
