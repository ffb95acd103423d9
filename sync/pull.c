/* Pull: heads, then segments (see pull.h). */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/conflict.h"
#include "sync/cursor.h"
#include "sync/head.h"
#include "sync/propfind.h"
#include "sync/pull.h"
#include "sync/push.h"

/* A stamp this far ahead of our clock, or before 2020, flags its device. */
#define FUTURE_MS (10 * 60 * 1000)
#define Y2020_MS INT64_C(1577836800000)
#define CLOCK_WARN_MS (2 * 60 * 1000)

char *sync_device_name(struct sam_db *db, const char *dev)
{
	return sam_device_who(db, dev);
}

/* ------------------------------------------------------------ heads */

/* What says a head did not change since it was fetched: a strong ETag;
 * else (a weak ETag or none) its length together with its last-modified
 * time, if both are listed and that second was over when the server
 * answered (its Date, listed_at): a rewrite later within the same second
 * could keep both. NULL: nothing to go by, fetch it. Only a hint (a server
 * may also reuse an ETag): the full check, which fetches every head,
 * catches a change it hid. */
static char *change_token(const struct dav_entry *e, int64_t listed_at)
{
	if (e->etag && !e->weak_etag)
		return xstrdup(e->etag);
	int64_t modified = e->modified ? webdav_parse_date(e->modified) : -1;
	if (e->length >= 0 && modified >= 0 && listed_at > modified)
		return xasprintf("%s %" PRId64 " %" PRId64, e->etag ? e->etag : "-", e->length,
		                 modified);
	return NULL;
}

static bool head_unchanged(struct sam_db *db, const char *dev, const char *token)
{
	if (!token)
		return false;
	sqlite3_stmt *st = sam_db_stmt(db, "SELECT head_etag FROM sync_device WHERE dev = ?");
	sqlite3_bind_text(st, 1, dev, -1, SQLITE_STATIC);
	bool same = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) &&
	            strcmp((const char *)sqlite3_column_text(st, 0), token) == 0;
	sqlite3_reset(st);
	return same;
}

static void note_head(struct sync_session *s, const struct sync_head *h, const char *etag)
{
	struct sam_db *db = s->db;
	sync_device_ensure(db, h->dev);
	sqlite3_stmt *st = sam_db_stmt(db, "UPDATE sync_device SET head_seg = ?, head_time = ?, "
	                                   "head_etag = ?, last_seen = max(coalesce(last_seen, 0), ?) "
	                                   "WHERE dev = ?");
	sqlite3_bind_int64(st, 1, h->seg);
	sqlite3_bind_int64(st, 2, h->time_ms);
	sqlite3_bind_text(st, 3, etag, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, h->time_ms);
	sqlite3_bind_text(st, 5, h->dev, -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_reset(st);
	if (h->clock_offset_ms > CLOCK_WARN_MS || h->clock_offset_ms < -CLOCK_WARN_MS) {
		char *flag = xasprintf(_("its clock is %" PRId64 " minutes %s"),
		                       (h->clock_offset_ms < 0 ? -h->clock_offset_ms
		                                               : h->clock_offset_ms) / 60000,
		                       h->clock_offset_ms < 0 ? _("ahead") : _("behind"));
		sync_device_note(db, h->dev, "flag", flag);
		free(flag);
	}
}

/* Fetches a listed head; *usable: it was there and valid. */
static enum sam_sync_outcome fetch_head(struct sync_session *s, const struct dav_entry *e,
                                        const char *dev, const char *token, bool *usable)
{
	char *path = xasprintf("heads/%s", e->name);
	enum webdav_result r;
	int attempt = 0;
	while ((r = webdav_get(s->w, path, SYNC_HEAD_CAP)) != WD_OK && r != WD_ABSENT &&
	       sync_retry_wait(s, r, &attempt))
		;
	enum sam_sync_outcome rc = SAM_SYNC_OK;
	const struct webdav_response *resp = webdav_last(s->w);
	struct sync_head h;
	if (r == WD_OK && (e->length < 0 || (size_t)e->length == resp->len) &&
	    sync_head_parse(s, dev, resp->body, resp->len, &h) == 0) {
		note_head(s, &h, token);
		*usable = true;
	} else if (r == WD_UNREACHABLE || r == WD_AUTH || r == WD_FORBIDDEN || r == WD_TLS)
		rc = sync_fail_request(s, r, path);
	/* A broken or missing head is only a hint lost: the segments are
	 * fetched by name all the same. */
	free(path);
	return rc;
}

static enum sam_sync_outcome list(struct sync_session *s, const char *path,
                                  struct dav_listing *out)
{
	enum webdav_result r;
	int attempt = 0;
	*out = (struct dav_listing){0};
	while ((r = webdav_propfind(s->w, path, 1)) != WD_OK && sync_retry_wait(s, r, &attempt))
		;
	if (r != WD_OK)
		return sync_fail_request(s, r, path);
	const struct webdav_response *resp = webdav_last(s->w);
	char *folder = xasprintf("%s%s", webdav_url(s->w), path);
	int rc = dav_listing_parse(resp->body, resp->len, folder, out, s->err);
	free(folder);
	return rc < 0 ? SAM_SYNC_FAILED : SAM_SYNC_OK;
}

static enum sam_sync_outcome list_logs(struct sync_session *s)
{
	struct dav_listing l;
	enum sam_sync_outcome rc = list(s, "log/", &l);
	for (int i = 0; rc == SAM_SYNC_OK && i < l.n; i++)
		if (l.e[i].is_dir && sam_dev_valid(l.e[i].name) && strcmp(l.e[i].name, s->db->dev) != 0)
			sync_device_ensure(s->db, l.e[i].name);
	dav_listing_free(&l);
	return rc;
}

enum sam_sync_outcome sync_pull_heads(struct sync_session *s, bool full,
                                      struct sync_own_head *own)
{
	*own = (struct sync_own_head){.length = -1};
	sync_progress(s, "progress listing");
	struct dav_listing l;
	enum sam_sync_outcome rc = list(s, "heads/", &l);
	if (rc != SAM_SYNC_OK)
		return rc;
	int64_t listed_at = webdav_last(s->w)->date;
	bool unusable = false;
	for (int i = 0; rc == SAM_SYNC_OK && i < l.n; i++) {
		const struct dav_entry *e = &l.e[i];
		size_t n = strlen(e->name);
		if (n != SAM_DEV_LEN + 5 || strcmp(e->name + SAM_DEV_LEN, ".json") != 0)
			continue;
		char dev[SAM_DEV_BUF];
		snprintf(dev, sizeof dev, "%.*s", SAM_DEV_LEN, e->name);
		if (!sam_dev_valid(dev))
			continue;
		if (strcmp(dev, s->db->dev) == 0) {
			own->listed = true;
			own->length = e->length;
			continue;
		}
		char *token = change_token(e, listed_at);
		if (full || !head_unchanged(s->db, dev, token)) {
			bool usable = false;
			rc = fetch_head(s, e, dev, token, &usable);
			unusable = unusable || !usable;
		}
		free(token);
	}
	/* A device without a usable head is found by its log folder. */
	if (rc == SAM_SYNC_OK && (full || unusable || l.n == 0))
		rc = list_logs(s);
	dav_listing_free(&l);
	return rc;
}

/* ------------------------------------------------------------ segments */

static void flag_clock(struct sync_session *s, const struct sync_segment *seg)
{
	int64_t now = sam_clock_now_ms() + sam_db_local_int(s->db, "clock_offset_ms", 0);
	for (int i = 0; i < seg->nops; i++) {
		int64_t ms = SAM_HLC_MS(seg->ops[i].op.hlc);
		const char *why = ms > now + FUTURE_MS ? _("its clock is ahead: changes come stamped "
		                                           "in the future")
		                  : ms < Y2020_MS       ? _("its clock is behind: changes come stamped "
		                                            "before 2020")
		                                        : NULL;
		if (why) {
			sync_device_note(s->db, seg->hdr.dev, "flag", why);
			return;
		}
	}
}

int sync_apply_segment(struct sync_session *s, const struct sync_segment *seg)
{
	struct sam_db *db = s->db;
	if (sam_tx_begin(db, s->err) < 0)
		return -1;
	/* Own ops made before this apply are sealed first, with the vector
	 * they were made under: that keeps "had seen" exact. */
	if (sync_seal(s) < 0)
		goto fail;
	for (int i = 0; i < seg->nops; i++)
		if (sam_apply_op(db, &seg->ops[i].op, s->err) < 0)
			goto fail;
	sqlite3_stmt *st = sam_db_stmt(db, "INSERT OR REPLACE INTO sync_segment (dev, seg, first, "
	                                   "last, vec) VALUES (?, ?, ?, ?, ?)");
	sqlite3_bind_text(st, 1, seg->hdr.dev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, seg->hdr.seg);
	sqlite3_bind_int64(st, 3, seg->hdr.first);
	sqlite3_bind_int64(st, 4, seg->hdr.last);
	sqlite3_bind_text(st, 5, seg->hdr.vec_json, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		sam_db_fail(db, s->err);
		goto fail;
	}
	struct sync_cursor c = {.seg = seg->hdr.seg, .seq = seg->hdr.last};
	memcpy(c.sha, seg->sha256, sizeof c.sha);
	if (sync_cursor_set(db, seg->hdr.dev, &c, s->err) < 0)
		goto fail;
	flag_clock(s, seg);
	sync_test_point("pull-before-commit");
	if (sam_tx_commit(db, s->err) < 0)
		return -1;
	sync_test_point("pull-after-commit");
	return 0;
fail:
	sam_tx_rollback(db);
	return -1;
}

static void park(struct sync_session *s, const char *dev, int64_t k, const char *why, bool newer)
{
	char *who = sync_device_name(s->db, dev);
	char *msg = newer ? xasprintf(_("%s's change log at segment %" PRId64 " needs a newer "
	                                "samordne: %s"), who, k, why)
	                  : xasprintf(_("%s's change log is damaged at segment %" PRId64 ": %s"), who,
	                              k, why);
	sync_device_note(s->db, dev, "parked", msg);
	if (!s->res->warning[0])
		snprintf(s->res->warning, sizeof s->res->warning, "%s", msg);
	s->res->parked++;
	free(msg);
	free(who);
}

/* Fetches device dev's segments after its cursor until the first that
 * is not there (or not usable). */
static enum sam_sync_outcome pull_device(struct sync_session *s, const char *dev, int64_t head_seg,
                                         bool *transient)
{
	for (;;) {
		struct sync_cursor c;
		sync_cursor_get(s->db, dev, &c);
		int64_t k = c.seg + 1;
		if (head_seg >= 0 && k > head_seg)
			return SAM_SYNC_OK;
		char *name = sync_seg_name(k);
		char *path = xasprintf("log/%s/%s", dev, name);
		free(name);
		sync_progress(s, "progress pulling %s %" PRId64, dev, k);
		enum webdav_result r;
		int attempt = 0;
		while ((r = webdav_get(s->w, path, SYNC_SEG_MAX_BYTES)) != WD_OK && r != WD_ABSENT &&
		       sync_retry_wait(s, r, &attempt))
			;
		enum sam_sync_outcome rc = SAM_SYNC_OK;
		bool stop = true;
		if (r == WD_ABSENT) {
			if (head_seg >= k)
				*transient = true; /* the head says it is there: not yet */
		} else if (r == WD_UNREACHABLE || r == WD_AUTH || r == WD_FORBIDDEN || r == WD_TLS ||
		           r == WD_REDIRECT) {
			rc = sync_fail_request(s, r, path);
		} else if (r != WD_OK) {
			*transient = true;
			webdav_explain(s->w, r, path, s->err);
		} else {
			const struct webdav_response *resp = webdav_last(s->w);
			struct sync_seg_expect want = {.ws = s->ws, .dev = dev, .seg = k, .prev = c.sha,
			                               .first = c.seq + 1};
			struct sync_segment seg;
			struct sam_err why;
			int v = sync_segment_parse(s->db->sql, resp->body, resp->len, &want, &seg, &why);
			if (v != SYNC_SEG_OK) {
				park(s, dev, k, why.msg, v == SYNC_SEG_NEWER);
			} else {
				if (sync_apply_segment(s, &seg) == 0) {
					s->res->pulled += seg.nops;
					stop = false;
				} else {
					park(s, dev, k, s->err->msg, false);
				}
				sync_segment_free(&seg);
			}
		}
		free(path);
		if (stop)
			return rc;
	}
}

enum sam_sync_outcome sync_pull_logs(struct sync_session *s)
{
	struct sam_db *db = s->db;
	sqlite3_stmt *st = sam_db_stmt(db, "SELECT dev, coalesce(head_seg, -1) FROM sync_device "
	                                   "WHERE dev <> ? AND (head_seg IS NULL OR head_seg > seg) "
	                                   "ORDER BY dev");
	sqlite3_bind_text(st, 1, db->dev, -1, SQLITE_STATIC);
	struct todo {
		char dev[SAM_DEV_BUF];
		int64_t head;
	} *todo = NULL;
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		todo = xrealloc(todo, (size_t)(n + 1) * sizeof *todo);
		snprintf(todo[n].dev, sizeof todo[n].dev, "%s", (const char *)sqlite3_column_text(st, 0));
		todo[n++].head = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	enum sam_sync_outcome rc = SAM_SYNC_OK;
	bool transient = false;
	for (int i = 0; i < n && rc == SAM_SYNC_OK; i++)
		if (sam_dev_valid(todo[i].dev))
			rc = pull_device(s, todo[i].dev, todo[i].head, &transient);
	free(todo);
	if (rc == SAM_SYNC_OK && transient) {
		if (!s->err->msg[0])
			sam_fail(s->err, _("some changes could not be fetched yet; the next sync tries "
			                   "again"));
		return SAM_SYNC_FAILED;
	}
	return rc;
}
