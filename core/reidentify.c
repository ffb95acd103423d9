/* A new device id for a cloned or restored database (see reidentify.h). */
#include <config.h>

#include <string.h>

#include "core/reidentify.h"
#include "core/write.h"

static int run(struct sam_db *db, const char *sql, const char *new_dev, int64_t from_seq,
               struct sam_err *err)
{
	sqlite3_stmt *st = sam_db_stmt(db, sql);
	sqlite3_bind_text(st, 1, new_dev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, from_seq);
	sqlite3_bind_text(st, 3, db->dev, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sam_db_fail(db, err);
}

int sam_db_reidentify(struct sam_db *db, int64_t from_seq, struct sam_err *err)
{
	if (db->tx_depth == 0)
		fatal("sam_db_reidentify outside a transaction");
	char dev[SAM_DEV_BUF];
	sam_dev_new(dev);
	int64_t last = sam_db_local_int(db, "seq", 0);
	if (run(db, "UPDATE op SET dev = ?1, seq = seq - ?2 + 1 WHERE dev = ?3 AND seq >= ?2", dev,
	        from_seq, err) < 0 ||
	    run(db, "UPDATE field_clock SET dev = ?1, seq = seq - ?2 + 1 WHERE dev = ?3 AND seq >= ?2",
	        dev, from_seq, err) < 0)
		return -1;
	sqlite3_stmt *st = sam_db_stmt(db, "UPDATE local SET value = ? WHERE key = 'dev'");
	sqlite3_bind_text(st, 1, dev, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	int64_t moved = last >= from_seq ? last - from_seq + 1 : 0;
	if (rc != SQLITE_DONE || sam_db_local_set_int(db, "seq", moved) < 0 ||
	    sam_db_local_set_int(db, "pushed_seq", 0) < 0)
		return sam_db_fail(db, err);
	memcpy(db->dev, dev, sizeof dev);
	return 0;
}
