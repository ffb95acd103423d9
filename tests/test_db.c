/* Opening a database: a private new file, the pragmas that keep two
 * programs from corrupting or locking each other, refusing files that are
 * not ours (untouched), migrating older ones, the device id and the
 * default path. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/db.h"
#include "core/schema.h"
#include "core/value.h"
#include "core/write.h"
#include "tests/helpers.h"

/* ------------------------------------------------------------ scratch dir */

/* Each test gets its own temporary folder, removed with all it holds. */
static int scratch_setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/samordne-dbtest-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		free(dir);
		return -1;
	}
	*state = dir;
	return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int scratch_teardown(void **state)
{
	char *dir = *state;
	int rc = nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
	return rc;
}

/* A path in the test's folder, in a buffer of the caller's: a failing
 * assert then leaks nothing. */
#define PATH_BUF 512

static void scratch_path(void **state, const char *name, char out[PATH_BUF])
{
	snprintf(out, PATH_BUF, "%s/%s", (const char *)*state, name);
}

/* ------------------------------------------------------------ helpers */

static bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Runs SQL on a file with plain SQLite, as another program would. */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	                                 NULL),
	                 SQLITE_OK);
	char *msg = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("raw SQL \"%s\" failed: %s", sql, msg);
	sqlite3_close(h);
}

static void write_file(const char *path, const char *bytes)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fputs(bytes, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* The whole file; *len its size. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct strbuf sb = {0};
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return sb_steal(&sb);
}

static int64_t pragma_int(struct sam_db *db, const char *pragma)
{
	return th_count(db, pragma);
}

static char *pragma_text(struct sam_db *db, const char *pragma)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db->sql, pragma, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char *s = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s;
}

static struct sam_db *open_ok(const char *path, unsigned flags)
{
	struct sam_db *db = NULL;
	struct sam_err err = {{0}};
	if (sam_db_open(path, flags, &db, &err) < 0)
		fail_msg("cannot open %s: %s", path, err.msg);
	assert_non_null(db);
	return db;
}

/* Opening must fail, leave *out NULL and say something containing want. */
static void assert_open_refused(const char *path, unsigned flags, const char *want)
{
	struct sam_db *db = (struct sam_db *)1;
	struct sam_err err = {{0}};
	assert_int_equal(sam_db_open(path, flags, &db, &err), -1);
	assert_null(db);
	if (!strstr(err.msg, want))
		fail_msg("expected a message containing \"%s\", got \"%s\"", want, err.msg);
}

static void write_name(struct sam_db *db, const char *rid, const char *name)
{
	struct sam_err err = {{0}};
	struct sam_value v = {0};
	sam_value_set_text(&v, name);
	assert_int_equal(sam_tx_begin(db, &err), 0);
	if (sam_write_field(db, "municipality", rid, "name", &v, &err) < 0)
		fail_msg("write failed: %s", err.msg);
	assert_int_equal(sam_tx_commit(db, &err), 0);
	sam_value_clear(&v);
}

/* ------------------------------------------------------------ tests */

/* Contact data is personal: a new database is readable by its owner only,
 * and its folder is made if it does not exist yet. */
static void test_new_file_is_private_and_parents_made(void **state)
{
	char path[PATH_BUF];
	scratch_path(state, "a/b/samordne.db", path);
	char parent[PATH_BUF];
	scratch_path(state, "a/b", parent);
	struct sam_db *db = open_ok(path, SAM_DB_CREATE);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(stat(parent, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0077, 0);
	sam_db_close(db);
}

/* Two programs share the file safely: WAL, foreign keys on, a synchronous
 * mode that never loses a committed change, and the current schema. */
static void test_pragmas_and_schema_version(void **state)
{
	char path[PATH_BUF];
	scratch_path(state, "samordne.db", path);
	struct sam_db *db = open_ok(path, SAM_DB_CREATE);
	char *mode = pragma_text(db, "PRAGMA journal_mode");
	assert_string_equal(mode, "wal");
	free(mode);
	assert_int_equal(pragma_int(db, "PRAGMA foreign_keys"), 1);
	assert_int_not_equal(pragma_int(db, "PRAGMA synchronous"), 0);
	assert_int_equal(pragma_int(db, "PRAGMA page_size"), 16384); /* a new file's */
	assert_int_equal(pragma_int(db, "PRAGMA user_version"), sam_schema_version);
	assert_int_equal(th_count(db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
	                              "('op', 'field_clock', 'local', 'municipality')"),
	                 4);
	sam_db_close(db);
	/* Reopening a current file changes nothing and still works. */
	db = open_ok(path, 0);
	assert_int_equal(pragma_int(db, "PRAGMA user_version"), sam_schema_version);
	sam_db_close(db);
}

/* A file written by a newer samordne is refused with a message saying so,
 * never opened and half-understood. */
static void test_newer_file_refused(void **state)
{
	char path[PATH_BUF];
	scratch_path(state, "samordne.db", path);
	sam_db_close(open_ok(path, SAM_DB_CREATE));
	raw_exec(path, "PRAGMA user_version = 999");
	assert_open_refused(path, 0, "newer");
	assert_open_refused(path, SAM_DB_CREATE, "newer");
}

/* A file that is not SQLite at all is refused and left as it was. */
static void test_not_sqlite_refused(void **state)
{
	char path[PATH_BUF];
	scratch_path(state, "notes.txt", path);
	write_file(path, "hello\n");
	assert_open_refused(path, SAM_DB_CREATE, "not a samordne database");
	size_t len;
	char *bytes = slurp(path, &len);
	assert_int_equal(len, 6);
	assert_memory_equal(bytes, "hello\n", 6);
	free(bytes);
}

/* Another program's SQLite file (someone typed the wrong path) is refused
 * and left byte for byte as it was: no tables added, no journal mode
 * changed. */
static void test_foreign_sqlite_refused_untouched(void **state)
{
	char path[PATH_BUF];
	scratch_path(state, "other.sqlite", path);
	char wal[PATH_BUF];
	scratch_path(state, "other.sqlite-wal", wal);
	raw_exec(path, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('lapskaus')");
	size_t before_len, after_len;
	char *before = slurp(path, &before_len);
	assert_open_refused(path, SAM_DB_CREATE, "not a samordne database");
	char *after = slurp(path, &after_len);
	size_t first_diff = 0;
	while (first_diff < before_len && first_diff < after_len &&
	       before[first_diff] == after[first_diff])
		first_diff++;
	bool same = after_len == before_len && first_diff == before_len;
	free(after);
	free(before);
	if (!same)
		fail_msg("the refused file was changed (%zu bytes, now %zu; first difference at "
		         "byte %zu)",
		         before_len, after_len, first_diff);
	assert_false(file_exists(wal));
}

/* Without SAM_DB_CREATE a mistyped path is an error naming the path, and
 * no file appears there. */
static void test_missing_file_without_create(void **state)
{
	char path[PATH_BUF];
	scratch_path(state, "missing/samordne.db", path);
	assert_open_refused(path, 0, path);
	assert_open_refused(path, SAM_DB_READONLY, path);
	assert_false(file_exists(path));
}

/* Each file has its own device id (16 hex digits), kept across opens, so
 * sync can tell laptops apart. */
static void test_device_id_stable_and_distinct(void **state)
{
	char p1[PATH_BUF];
	scratch_path(state, "one.db", p1);
	char p2[PATH_BUF];
	scratch_path(state, "two.db", p2);
	struct sam_db *db = open_ok(p1, SAM_DB_CREATE);
	char first[SAM_DEV_BUF];
	memcpy(first, db->dev, sizeof first);
	assert_int_equal(strlen(first), SAM_DEV_LEN);
	assert_true(sam_dev_valid(first));
	sam_db_close(db);

	db = open_ok(p1, 0);
	assert_string_equal(db->dev, first);
	sam_db_close(db);

	db = open_ok(p2, SAM_DB_CREATE);
	assert_true(sam_dev_valid(db->dev));
	assert_string_not_equal(db->dev, first);
	sam_db_close(db);
}

/* Restores an environment variable as it was. */
static void env_restore(const char *name, char *saved)
{
	if (saved)
		setenv(name, saved, 1);
	else
		unsetenv(name);
	free(saved);
}

static char *env_save(const char *name)
{
	const char *v = getenv(name);
	return v ? xstrdup(v) : NULL;
}

static void assert_default_path(const char *want)
{
	char *got = sam_db_default_path();
	assert_string_equal(got, want);
	free(got);
}

/* The database is where the user said ($SAMORDNE_DB), else in the XDG
 * data folder, else under ~/.local/share. */
static void test_default_path_order(void **state)
{
	(void)state;
	char *db_env = env_save("SAMORDNE_DB");
	char *xdg = env_save("XDG_DATA_HOME");
	char *home = env_save("HOME");

	setenv("SAMORDNE_DB", "/srv/kari/nettverk.db", 1);
	setenv("XDG_DATA_HOME", "/xdg/data", 1);
	setenv("HOME", "/home/kari", 1);
	assert_default_path("/srv/kari/nettverk.db");

	unsetenv("SAMORDNE_DB");
	assert_default_path("/xdg/data/samordne/samordne.db");
	setenv("SAMORDNE_DB", "", 1); /* empty is unset */
	assert_default_path("/xdg/data/samordne/samordne.db");

	unsetenv("XDG_DATA_HOME");
	assert_default_path("/home/kari/.local/share/samordne/samordne.db");
	/* The XDG spec: a relative path is invalid and ignored. */
	setenv("XDG_DATA_HOME", "relative/data", 1);
	assert_default_path("/home/kari/.local/share/samordne/samordne.db");

	env_restore("HOME", home);
	env_restore("XDG_DATA_HOME", xdg);
	env_restore("SAMORDNE_DB", db_env);
}

/* The TUI and a cron sync on one file: while one holds a write
 * transaction the other still reads, and then each writes in turn, with
 * one op counter between them. */
static void test_two_connections_take_turns(void **state)
{
	char path[PATH_BUF];
	scratch_path(state, "shared.db", path);
	struct sam_db *tui = open_ok(path, SAM_DB_CREATE);
	struct sam_db *cron = open_ok(path, 0);
	assert_string_equal(tui->dev, cron->dev);
	static const char moss[] = "0000000000000000000000000000aa01";
	static const char rade[] = "0000000000000000000000000000aa02";

	struct sam_err err = {{0}};
	struct sam_value v = {0};
	sam_value_set_text(&v, "Moss");
	assert_int_equal(sam_tx_begin(tui, &err), 0);
	assert_int_equal(sam_write_field(tui, "municipality", moss, "name", &v, &err), 0);
	/* The other connection reads the last committed state, unblocked. */
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(cron->sql, "SELECT count(*) FROM municipality", -1,
	                                    &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	assert_int_equal(sam_tx_commit(tui, &err), 0);
	sam_value_clear(&v);

	write_name(cron, rade, "Råde");
	write_name(tui, moss, "Moss kommune");

	assert_int_equal(th_count(cron, "SELECT count(*) FROM municipality"), 2);
	assert_int_equal(th_count(tui, "SELECT count(*) FROM municipality WHERE name = 'Råde'"), 1);
	assert_int_equal(th_count(cron, "SELECT count(*) FROM municipality "
	                                "WHERE name = 'Moss kommune'"),
	                 1);
	/* Seq 1, 2, 3 of the one device, whichever connection wrote. */
	assert_int_equal(th_count(tui, "SELECT count(*) FROM op"), 3);
	assert_int_equal(th_count(tui, "SELECT max(seq) FROM op"), 3);
	assert_int_equal(th_count(tui, "SELECT count(DISTINCT dev) FROM op"), 1);
	sam_db_close(cron);
	sam_db_close(tui);
}

/* An older file (schema 0: SQLite, but nothing of ours yet) is brought up
 * to this version on open. */
static void test_older_empty_file_migrated(void **state)
{
	char path[PATH_BUF];
	scratch_path(state, "old.db", path);
	/* A real SQLite file with user_version 0 and no tables left, made
	 * with the 4 KB pages of files from before, which it keeps. */
	raw_exec(path, "PRAGMA page_size = 4096; CREATE TABLE scratch (x); DROP TABLE scratch; "
	               "PRAGMA user_version = 0");
	size_t len;
	free(slurp(path, &len));
	assert_true(len > 0);
	struct sam_db *db = open_ok(path, 0);
	assert_int_equal(pragma_int(db, "PRAGMA user_version"), sam_schema_version);
	assert_int_equal(th_count(db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
	                              "('op', 'field_clock', 'local', 'settlement', 'contact')"),
	                 5);
	assert_true(sam_dev_valid(db->dev));
	write_name(db, "0000000000000000000000000000bb01", "Hobøl");
	assert_int_equal(th_count(db, "SELECT count(*) FROM op"), 1);
	assert_int_equal(pragma_int(db, "PRAGMA page_size"), 4096);
	sam_db_close(db);
}

#define SCRATCH_TEST(f) cmocka_unit_test_setup_teardown(f, scratch_setup, scratch_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		SCRATCH_TEST(test_new_file_is_private_and_parents_made),
		SCRATCH_TEST(test_pragmas_and_schema_version),
		SCRATCH_TEST(test_newer_file_refused),
		SCRATCH_TEST(test_not_sqlite_refused),
		SCRATCH_TEST(test_foreign_sqlite_refused_untouched),
		SCRATCH_TEST(test_missing_file_without_create),
		SCRATCH_TEST(test_device_id_stable_and_distinct),
		SCRATCH_TEST(test_default_path_order),
		SCRATCH_TEST(test_two_connections_take_turns),
		SCRATCH_TEST(test_older_empty_file_migrated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
