/* Other devices' bookkeeping (see cursor.h). */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "sync/cursor.h"

void sync_device_ensure(struct sam_db *db, const char *dev)
{
	sqlite3_stmt *st = sam_db_stmt(db, "INSERT INTO sync_device (dev) VALUES (?) "
	                                   "ON CONFLICT (dev) DO NOTHING");
	sqlite3_bind_text(st, 1, dev, -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_reset(st);
}

void sync_cursor_get(struct sam_db *db, const char *dev, struct sync_cursor *c)
{
	*c = (struct sync_cursor){0};
	sqlite3_stmt *st = sam_db_stmt(db, "SELECT seg, seq, sha256 FROM sync_device WHERE dev = ?");
	sqlite3_bind_text(st, 1, dev, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		c->seg = sqlite3_column_int64(st, 0);
		c->seq = sqlite3_column_int64(st, 1);
		snprintf(c->sha, sizeof c->sha, "%s", (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_reset(st);
}

int sync_cursor_set(struct sam_db *db, const char *dev, const struct sync_cursor *c,
                    struct sam_err *err)
{
	sync_device_ensure(db, dev);
	sqlite3_stmt *st = sam_db_stmt(db, "UPDATE sync_device SET seg = ?, seq = ?, sha256 = ?, "
	                                   "parked = NULL, last_seen = max(coalesce(last_seen, 0), ?) "
	                                   "WHERE dev = ?");
	sqlite3_bind_int64(st, 1, c->seg);
	sqlite3_bind_int64(st, 2, c->seq);
	sqlite3_bind_text(st, 3, c->sha, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, sam_clock_now_ms());
	sqlite3_bind_text(st, 5, dev, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sam_db_fail(db, err);
}

int sync_device_note(struct sam_db *db, const char *dev, const char *column, const char *text)
{
	static const char *const columns[] = {"parked", "flag", "head_label"};
	static const char *const sql[] = {
		"UPDATE sync_device SET parked = ? WHERE dev = ?",
		"UPDATE sync_device SET flag = ? WHERE dev = ?",
		"UPDATE sync_device SET head_label = ? WHERE dev = ?",
	};
	for (size_t i = 0; i < SAM_ARRAY_LEN(columns); i++) {
		if (strcmp(columns[i], column) != 0)
			continue;
		sync_device_ensure(db, dev);
		sqlite3_stmt *st = sam_db_stmt(db, sql[i]);
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, dev, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 0 : -1;
	}
	fatal("no device column %s", column);
}
