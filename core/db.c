/* Opening, migrating and closing a samordne database (see db.h). */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/collate.h"
#include "core/db.h"
#include "core/entity.h"
#include "core/record.h"
#include "core/schema.h"
#include "core/write.h"

#define BUSY_TIMEOUT_MS 10000

struct stmt_entry {
	const char *sql;
	sqlite3_stmt *st;
};

struct sam_stmt_cache {
	struct stmt_entry *e;
	int n, cap;
};

int sam_db_fail(struct sam_db *db, struct sam_err *err)
{
	int code = sqlite3_extended_errcode(db->sql);
	switch (code & 0xff) {
	case SQLITE_FULL:
		return sam_fail(err, _("%s: the disk is full; nothing was changed"), db->path);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return sam_fail(err, _("%s: the database is busy in another program; try again"),
		                db->path);
	case SQLITE_READONLY:
		return sam_fail(err, _("%s: the database cannot be written (read-only)"), db->path);
	case SQLITE_NOTADB:
		return sam_fail(err, _("%s is not a samordne database"), db->path);
	case SQLITE_CORRUPT:
		return sam_fail(err, _("%s is damaged (%s)"), db->path, sqlite3_errmsg(db->sql));
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return sam_fail(err, _("%s: cannot read or write the file (%s)"), db->path,
		                sqlite3_errmsg(db->sql));
	default:
		return sam_fail(err, _("%s: database error: %s"), db->path, sqlite3_errmsg(db->sql));
	}
}

int sam_db_exec(struct sam_db *db, const char *sql, struct sam_err *err)
{
	if (sqlite3_exec(db->sql, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sam_db_fail(db, err);
	return 0;
}

sqlite3_stmt *sam_db_stmt(struct sam_db *db, const char *sql)
{
	struct sam_stmt_cache *c = db->stmts;
	for (int i = 0; i < c->n; i++) {
		if (c->e[i].sql == sql) {
			sqlite3_reset(c->e[i].st);
			sqlite3_clear_bindings(c->e[i].st);
			return c->e[i].st;
		}
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		fatal("cannot prepare \"%s\": %s", sql, sqlite3_errmsg(db->sql));
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 32;
		c->e = xrealloc(c->e, (size_t)c->cap * sizeof *c->e);
	}
	c->e[c->n++] = (struct stmt_entry){sql, st};
	return st;
}

static const char sql_local_get[] = "SELECT value FROM local WHERE key = ?";
static const char sql_local_set[] =
	"INSERT INTO local (key, value) VALUES (?, ?) "
	"ON CONFLICT (key) DO UPDATE SET value = excluded.value";

int64_t sam_db_local_int(struct sam_db *db, const char *key, int64_t dflt)
{
	sqlite3_stmt *st = sam_db_stmt(db, sql_local_get);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int64_t v = dflt;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}

int sam_db_local_set_int(struct sam_db *db, const char *key, int64_t value)
{
	sqlite3_stmt *st = sam_db_stmt(db, sql_local_set);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, value);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int local_text(struct sam_db *db, const char *key, char *out, size_t size)
{
	sqlite3_stmt *st = sam_db_stmt(db, sql_local_get);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int found = 0;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_TEXT) {
		snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
		found = 1;
	}
	sqlite3_reset(st);
	return found;
}

static int get_user_version(struct sam_db *db, int *version, struct sam_err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return sam_db_fail(db, err);
	int rc = sqlite3_step(st);
	*version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : sam_db_fail(db, err);
}

static int count_tables(struct sam_db *db)
{
	sqlite3_stmt *st;
	int n = 0;
	if (sqlite3_prepare_v2(db->sql, "SELECT count(*) FROM sqlite_schema", -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Brings an older file up to this version's schema, all steps in one
 * transaction: a crash half-way leaves the file as it was. */
static int migrate(struct sam_db *db, struct sam_err *err)
{
	int version;
	if (get_user_version(db, &version, err) < 0)
		return -1;
	if (version > sam_schema_version)
		return sam_fail(err,
		                _("%s was written by a newer samordne (schema %d; this one knows %d): "
		                  "update samordne to open it"),
		                db->path, version, sam_schema_version);
	if (version == 0 && count_tables(db) > 0)
		return sam_fail(err, _("%s is not a samordne database"), db->path);
	if (version == sam_schema_version)
		return 0;
	if (sam_db_exec(db, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	for (int v = version; v < sam_schema_version; v++) {
		if (sqlite3_exec(db->sql, sam_migrations[v].sql, NULL, NULL, NULL) != SQLITE_OK) {
			sam_db_fail(db, err);
			sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	char *set = xasprintf("PRAGMA user_version = %d; COMMIT", sam_schema_version);
	int rc = sam_db_exec(db, set, err);
	free(set);
	if (rc < 0)
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* The device id is made once per file. A copied file keeps it; sync
 * detects such a clone and takes a new one. */
static int ensure_device(struct sam_db *db, struct sam_err *err)
{
	if (local_text(db, "dev", db->dev, sizeof db->dev) && sam_dev_valid(db->dev))
		return 0;
	char dev[SAM_DEV_BUF];
	sam_dev_new(dev);
	sqlite3_stmt *st = sam_db_stmt(db, sql_local_set);
	sqlite3_bind_text(st, 1, "dev", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, dev, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sam_db_fail(db, err);
	memcpy(db->dev, dev, sizeof dev);
	return 0;
}

static int mkdir_parents(const char *path)
{
	char *dir = xstrdup(path);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			free(dir);
			return -1;
		}
		*p = '/';
	}
	free(dir);
	return 0;
}

/* Creates the file with mode 0600 before SQLite opens it (SQLite gives its
 * -wal and -shm files the same mode): contact data is personal data. */
static int create_private_file(const char *path, struct sam_err *err)
{
	if (mkdir_parents(path) < 0)
		return sam_fail(err, _("cannot make the folder for %s: %s"), path, strerror(errno));
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EEXIST)
		return sam_fail(err, _("cannot create %s: %s"), path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return 0;
}

static int configure_connection(struct sam_db *db, bool readonly, struct sam_err *err)
{
	sqlite3_busy_timeout(db->sql, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db->sql, 1);
	if (sam_collate_register(db->sql) != SQLITE_OK)
		return sam_db_fail(db, err);
	/* WAL lets the TUI read while a cron sync writes; NORMAL is durable
	 * across a crash of the program in WAL mode, and never loses a
	 * committed change to corruption. Pages of 16 KB, which only a new
	 * file takes (SQLite keeps a file's page size, and WAL fixes it):
	 * the lists read indexes from end to end, a system call per page, and
	 * at 50,000 contacts 4 KB pages made that a third of the time; with
	 * 16 KB the contact CSV, the agenda and the bench's writes each ran
	 * 10–25 % faster. */
	const char *pragmas = readonly ? "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF"
	                               : "PRAGMA page_size = 16384; PRAGMA synchronous = NORMAL; "
	                                 "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF";
	return sam_db_exec(db, pragmas, err);
}

/* Only once the file is known to be ours (after migrate's checks):
 * switching to WAL rewrites the header of whatever file was opened. */
static int use_wal(struct sam_db *db, struct sam_err *err)
{
	return sam_db_exec(db, "PRAGMA journal_mode = WAL", err);
}

int sam_db_open(const char *path, unsigned flags, struct sam_db **out, struct sam_err *err)
{
	*out = NULL;
	bool readonly = flags & SAM_DB_READONLY;
	struct stat stbuf;
	if (stat(path, &stbuf) < 0) {
		if (!(flags & SAM_DB_CREATE) || readonly)
			return sam_fail(err, _("there is no database at %s"), path);
		if (create_private_file(path, err) < 0)
			return -1;
	}
	struct sam_db *db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->stmts = xcalloc(1, sizeof *db->stmts);
	int oflags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (sqlite3_open_v2(path, &db->sql, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		sam_db_fail(db, err);
		sam_db_close(db);
		return -1;
	}
	if (configure_connection(db, readonly, err) < 0 || (!readonly && migrate(db, err) < 0) ||
	    (!readonly && use_wal(db, err) < 0) ||
	    (!readonly && ensure_device(db, err) < 0)) {
		sam_db_close(db);
		return -1;
	}
	if (readonly && !local_text(db, "dev", db->dev, sizeof db->dev)) {
		sam_fail(err, _("%s is not a samordne database"), path);
		sam_db_close(db);
		return -1;
	}
	*out = db;
	return 0;
}

void sam_db_close(struct sam_db *db)
{
	if (!db)
		return;
	if (db->stmts) {
		for (int i = 0; i < db->stmts->n; i++)
			sqlite3_finalize(db->stmts->e[i].st);
		free(db->stmts->e);
		free(db->stmts);
	}
	sam_write_cache_free(db);
	if (db->sql)
		sqlite3_close(db->sql);
	free(db->path);
	free(db);
}

int sam_db_set_author(struct sam_db *db, const struct sam_author *who, struct sam_err *err)
{
	const struct sam_entity *dev_e = sam_entity_find("device");
	const char *parts[] = {"device", db->dev};
	char id[SAM_ID_BUF];
	sam_id_derive(id, parts, 2);
	sqlite3_stmt *st = sam_db_stmt(db, "SELECT user_name, label FROM device WHERE id = ?");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	bool same = false;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(st, 0);
		const char *l = (const char *)sqlite3_column_text(st, 1);
		same = strcmp(n ? n : "", who->name ? who->name : "") == 0 &&
		       strcmp(l ? l : "", who->label ? who->label : "") == 0;
	}
	sqlite3_reset(st);
	if (same)
		return 0;
	struct sam_assign a[] = {
		{"dev", db->dev},
		{"user_name", who->name ? who->name : ""},
		{"label", who->label ? who->label : ""},
	};
	char out_id[SAM_ID_BUF];
	return sam_record_add(db, dev_e, a, 3, out_id, err);
}

char *sam_db_default_path(void)
{
	const char *env = getenv("SAMORDNE_DB");
	if (env && *env)
		return xstrdup(env);
	const char *data = getenv("XDG_DATA_HOME");
	if (data && *data == '/')
		return xasprintf("%s/samordne/samordne.db", data);
	const char *home = getenv("HOME");
	return xasprintf("%s/.local/share/samordne/samordne.db", home && *home ? home : ".");
}
