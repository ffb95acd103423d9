/* Opening a samordne database: WAL, a busy timeout, foreign keys,
 * synchronous=NORMAL (never OFF), migrations, and this device's identity. */
#ifndef SAMORDNE_DB_H
#define SAMORDNE_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/common.h"
#include "core/id.h"

struct sam_db {
	sqlite3 *sql;
	char *path;
	char dev[SAM_DEV_BUF]; /* this device, made on first use */
	int tx_depth;          /* sam_tx_begin nesting */
	struct sam_stmt_cache *stmts;
	struct sam_write_cache *wcache; /* write.c's statements per table */
	bool tx_failed;                 /* an inner step rolled back */
	/* This device's ops written in the open transaction, so its commit
	 * can note where the change began and ended (core/undo.c). */
	int64_t tx_first_seq, tx_last_seq;
};

/* Who is editing: shown in history and conflicts ("Kari, laptop-moss"). */
struct sam_author {
	const char *name;  /* the person; default: the login's full name */
	const char *label; /* the device; default: the host name */
};

enum {
	SAM_DB_CREATE = 1 << 0, /* make the file (mode 0600) if missing */
	SAM_DB_READONLY = 1 << 1,
};

/* Opens (and if needed creates and migrates) the database at path. A file
 * written by a newer samordne is refused with a message that says so. */
int sam_db_open(const char *path, unsigned flags, struct sam_db **out, struct sam_err *err);
void sam_db_close(struct sam_db *db);

/* Records who this device's changes come from; written as an ordinary
 * change of the device's own record (so it syncs) only when it differs. */
int sam_db_set_author(struct sam_db *db, const struct sam_author *who, struct sam_err *err);

/* The default database: $SAMORDNE_DB, else $XDG_DATA_HOME/samordne/samordne.db
 * (~/.local/share/…). Newly allocated. */
char *sam_db_default_path(void);

/* A prepared statement kept for the life of the handle, keyed by the SQL
 * text's address (pass string literals). Reset and with bindings cleared. */
sqlite3_stmt *sam_db_stmt(struct sam_db *db, const char *sql);

/* Runs SQL that returns nothing; fatal() on a programming error, -1 with a
 * message for what the disk or another process can cause. */
int sam_db_exec(struct sam_db *db, const char *sql, struct sam_err *err);

/* A failure of SQLite as a user-facing message ("disk full", "locked"). */
int sam_db_fail(struct sam_db *db, struct sam_err *err);

/* local key/value state of this file (device id, clocks, counters). */
int64_t sam_db_local_int(struct sam_db *db, const char *key, int64_t dflt);
int sam_db_local_set_int(struct sam_db *db, const char *key, int64_t value);

#endif
