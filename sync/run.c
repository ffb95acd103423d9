/* One sync: list heads (the first request also tells whether the server
 * is there), seal and push, load a snapshot if this laptop is new, pull,
 * write our head; then record the outcome for the status bar. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/conflict.h"
#include "sync/head.h"
#include "sync/pull.h"
#include "sync/push.h"
#include "sync/snapshot.h"

#define CLOCK_WARN_MS (2 * 60 * 1000)
/* The Date header has whole seconds: smaller offsets are noise. */
#define CLOCK_NOISE_MS 2000
/* The full check (every head fetched, log/ listed, our head rewritten)
 * is due when this long has passed since the last one, or the clock went
 * back. */
#define FULL_CHECK_MS (60 * 60 * 1000)

static void store_clock_offset(struct sync_session *s)
{
	int64_t off;
	if (!webdav_clock_offset(s->w, &off))
		return;
	if (off > -CLOCK_NOISE_MS && off < CLOCK_NOISE_MS)
		off = 0;
	int64_t old = sam_db_local_int(s->db, "clock_offset_ms", 0);
	/* Smoothed, unless the clock moved a lot (a corrected clock). */
	int64_t diff = off - old;
	if (diff > -60000 && diff < 60000)
		off = old + diff / 2;
	/* Written only when it moved: a sync that finds nothing new
	 * writes no more than its outcome. */
	if (off != old)
		sam_db_local_set_int(s->db, "clock_offset_ms", off);
	if ((off > CLOCK_WARN_MS || off < -CLOCK_WARN_MS) && !s->res->warning[0])
		snprintf(s->res->warning, sizeof s->res->warning,
		         _("this laptop's clock is %" PRId64 " minutes %s the server's; please set it"),
		         (off < 0 ? -off : off) / 60000, off < 0 ? _("ahead of") : _("behind"));
}

static void record(struct sam_db *db, enum sam_sync_outcome rc, const struct sam_sync_result *res,
                   const char *msg)
{
	static const char *const names[] = {"ok", "failed", "usage", "offline"};
	int64_t now = sam_clock_now_ms();
	sqlite3_stmt *st = sam_db_stmt(
		db, "INSERT INTO sync_run (id, finished, outcome, message, last_ok, pushed, pulled, runs) "
		    "VALUES (1, ?1, ?2, ?3, CASE WHEN ?2 = 'ok' THEN ?1 END, ?4, ?5, 1) "
		    "ON CONFLICT (id) DO UPDATE SET finished = ?1, outcome = ?2, message = ?3, "
		    "last_ok = CASE WHEN ?2 = 'ok' THEN ?1 ELSE last_ok END, pushed = ?4, pulled = ?5, "
		    "runs = runs + 1");
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_text(st, 2, names[rc], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, msg, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, res->pushed);
	sqlite3_bind_int(st, 5, res->pulled);
	sqlite3_step(st);
	sqlite3_reset(st);
}

static bool full_check_due(struct sam_db *db)
{
	int64_t last = sam_db_local_int(db, "full_check_ms", 0), now = sam_clock_now_ms();
	return now - last >= FULL_CHECK_MS || now < last;
}

static enum sam_sync_outcome steps(struct sync_session *s)
{
	bool full = full_check_due(s->db);
	struct sync_own_head own;
	enum sam_sync_outcome rc = sync_pull_heads(s, full, &own);
	if (rc != SAM_SYNC_OK)
		return rc;
	store_clock_offset(s);
	sync_progress(s, "progress sealing");
	if (sync_seal(s) < 0)
		return SAM_SYNC_FAILED;
	sync_test_point("push-after-seal");
	enum sam_sync_outcome push_rc = sync_push(s);
	if (push_rc == SAM_SYNC_OFFLINE)
		return push_rc;
	/* A failed push (the server full, say) does not keep us from
	 * receiving others' changes. */
	struct sam_err push_err = *s->err;
	if ((rc = sync_snapshot_load(s)) != SAM_SYNC_OK || (rc = sync_pull_logs(s)) != SAM_SYNC_OK)
		return rc;
	if ((rc = sync_head_put(s, full, &own)) != SAM_SYNC_OK)
		return rc;
	if (full)
		sam_db_local_set_int(s->db, "full_check_ms", sam_clock_now_ms());
	if (s->opts && s->opts->write_snapshot && (rc = sync_snapshot_write(s)) != SAM_SYNC_OK)
		return rc;
	if (push_rc != SAM_SYNC_OK) {
		*s->err = push_err;
		return push_rc;
	}
	if (s->res->parked > 0) {
		sam_fail(s->err, "%s", s->res->warning);
		return SAM_SYNC_FAILED;
	}
	return SAM_SYNC_OK;
}

enum sam_sync_outcome sam_sync_run(struct sam_db *db, const struct sam_sync_settings *set,
                                   const struct sam_sync_opts *opts, struct sam_sync_result *res,
                                   struct sam_err *err)
{
	*res = (struct sam_sync_result){0};
	err->msg[0] = '\0';
	struct sync_session s;
	if (sync_session_open(&s, db, set, NULL, err) < 0)
		return SAM_SYNC_FAILED;
	s.opts = opts;
	s.res = res;
	enum sam_sync_outcome rc = steps(&s);
	sync_session_close(&s);
	res->conflicts = (int)sam_conflict_count(db);
	record(db, rc, res, rc == SAM_SYNC_OK ? res->warning : err->msg);
	if (rc == SAM_SYNC_OK)
		sync_progress(&s, "done pushed=%d pulled=%d conflicts=%d", res->pushed, res->pulled,
		              res->conflicts);
	return rc;
}
