/* Push: sealing, upload, verification, bookkeeping (see push.h). */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/reidentify.h"
#include "sync/cursor.h"
#include "sync/push.h"

/* ------------------------------------------------------------ sealing */

/* The newest sealed segment of this device (only verified ones, or any). */
static int64_t newest_segment(struct sam_db *db, bool verified, char sha[SYNC_SHA_HEX],
                              int64_t *last_seq)
{
	sqlite3_stmt *st = sam_db_stmt(db, "SELECT seg, sha256, last FROM sync_outbox WHERE dev = ? "
	                                   "AND verified >= ? ORDER BY seg DESC LIMIT 1");
	sqlite3_bind_text(st, 1, db->dev, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, verified);
	int64_t seg = 0;
	sha[0] = '\0';
	*last_seq = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		seg = sqlite3_column_int64(st, 0);
		snprintf(sha, SYNC_SHA_HEX, "%s", (const char *)sqlite3_column_text(st, 1));
		*last_seq = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return seg;
}

int64_t sync_own_verified(struct sam_db *db, char sha[SYNC_SHA_HEX], int64_t *last_seq)
{
	return newest_segment(db, true, sha, last_seq);
}

static int store_sealed(struct sam_db *db, const struct sync_seg_header *h, const struct strbuf *b,
                        struct sam_err *err)
{
	char sha[SYNC_SHA_HEX];
	sync_sha256_hex(b->buf, b->len, sha);
	sqlite3_stmt *st = sam_db_stmt(db, "INSERT INTO sync_outbox (dev, seg, first, last, sha256, "
	                                   "bytes) VALUES (?, ?, ?, ?, ?, ?)");
	sqlite3_bind_text(st, 1, h->dev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, h->seg);
	sqlite3_bind_int64(st, 3, h->first);
	sqlite3_bind_int64(st, 4, h->last);
	sqlite3_bind_text(st, 5, sha, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 6, b->buf, (int)b->len, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sam_db_fail(db, err);
	st = sam_db_stmt(db, "INSERT OR REPLACE INTO sync_segment (dev, seg, first, last, vec) "
	                     "VALUES (?, ?, ?, ?, ?)");
	sqlite3_bind_text(st, 1, h->dev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, h->seg);
	sqlite3_bind_int64(st, 3, h->first);
	sqlite3_bind_int64(st, 4, h->last);
	sqlite3_bind_text(st, 5, h->vec_json, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sam_db_fail(db, err);
}

static const char sql_unsealed[] =
	"SELECT seq, hlc, entity, rid, field, value FROM op WHERE dev = ? AND seq > ? ORDER BY seq";

static int seal_ops(struct sync_session *s)
{
	struct sam_db *db = s->db;
	char prev[SYNC_SHA_HEX];
	int64_t sealed_seq;
	int64_t seg = newest_segment(db, false, prev, &sealed_seq);
	size_t max_bytes = (size_t)sam_db_local_int(db, "seal_max_bytes", SYNC_SEG_MAX_BYTES);
	int rc = 0;
	/* The ops are read whole first: sealing writes to the outbox. */
	sqlite3_stmt *st = sam_db_stmt(db, sql_unsealed);
	sqlite3_bind_text(st, 1, db->dev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, sealed_seq);
	struct sync_op *ops = NULL;
	int nops = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (nops == cap) {
			cap = cap ? 2 * cap : 64;
			ops = xrealloc(ops, (size_t)cap * sizeof *ops);
		}
		struct sync_op *op = &ops[nops++];
		*op = (struct sync_op){.dev = xstrdup(db->dev),
		                       .entity = xstrdup((const char *)sqlite3_column_text(st, 2)),
		                       .rid = xstrdup((const char *)sqlite3_column_text(st, 3)),
		                       .field = xstrdup((const char *)sqlite3_column_text(st, 4))};
		op->op = (struct sam_op){.dev = op->dev, .seq = sqlite3_column_int64(st, 0),
		                         .hlc = sqlite3_column_int64(st, 1), .entity = op->entity,
		                         .rid = op->rid, .field = op->field};
		sam_value_from_column(&op->op.v, st, 5);
	}
	sqlite3_reset(st);
	if (nops == 0)
		return 0;
	struct sync_vec vec;
	sync_vec_load_held(db, &vec);
	struct strbuf vec_json = {0};
	sync_vec_write(&vec_json, &vec);
	sync_vec_free(&vec);
	struct sync_seg_builder b = {0};
	struct sync_seg_header h = {.schema = SYNC_DATA_SCHEMA, .vec_json = vec_json.buf};
	snprintf(h.ws, sizeof h.ws, "%s", s->ws);
	snprintf(h.dev, sizeof h.dev, "%s", db->dev);
	for (int i = 0; i < nops && rc == 0;) {
		if (sync_seg_add(&b, &ops[i].op, max_bytes, SYNC_SEG_MAX_OPS)) {
			i++;
			if (i < nops)
				continue;
		}
		struct strbuf bytes;
		h.seg = ++seg;
		snprintf(h.prev, sizeof h.prev, "%s", prev);
		sync_seg_finish(&b, &h, &bytes);
		rc = store_sealed(db, &h, &bytes, s->err);
		sync_sha256_hex(bytes.buf, bytes.len, prev);
		sb_free(&bytes);
	}
	for (int i = 0; i < nops; i++)
		sync_op_free(&ops[i]);
	free(ops);
	sync_seg_builder_free(&b);
	sb_free(&vec_json);
	return rc;
}

int sync_seal(struct sync_session *s)
{
	if (sam_tx_begin(s->db, s->err) < 0)
		return -1;
	if (seal_ops(s) < 0) {
		sam_tx_rollback(s->db);
		return -1;
	}
	return sam_tx_commit(s->db, s->err);
}

/* ------------------------------------------------------------ upload */

struct outbox_row {
	int64_t seg, first, last;
	char sha[SYNC_SHA_HEX];
	char *bytes;
	size_t len;
};

static bool next_unverified(struct sam_db *db, struct outbox_row *row)
{
	sqlite3_stmt *st = sam_db_stmt(db, "SELECT seg, first, last, sha256, bytes FROM sync_outbox "
	                                   "WHERE dev = ? AND verified = 0 ORDER BY seg LIMIT 1");
	sqlite3_bind_text(st, 1, db->dev, -1, SQLITE_STATIC);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		row->seg = sqlite3_column_int64(st, 0);
		row->first = sqlite3_column_int64(st, 1);
		row->last = sqlite3_column_int64(st, 2);
		snprintf(row->sha, sizeof row->sha, "%s", (const char *)sqlite3_column_text(st, 3));
		row->len = (size_t)sqlite3_column_bytes(st, 4);
		row->bytes = xmalloc(row->len + 1);
		memcpy(row->bytes, sqlite3_column_blob(st, 4), row->len);
	}
	sqlite3_reset(st);
	return found;
}

static int count_unverified(struct sam_db *db)
{
	sqlite3_stmt *st = sam_db_stmt(db, "SELECT count(*) FROM sync_outbox WHERE dev = ? AND "
	                                   "verified = 0");
	sqlite3_bind_text(st, 1, db->dev, -1, SQLITE_STATIC);
	int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	return n;
}

/* Verified: the row is marked, pushed_seq moves, and older rows' bytes
 * go (the newest stays, for the chain). */
static int mark_verified(struct sync_session *s, const struct outbox_row *row)
{
	struct sam_db *db = s->db;
	sync_test_point("push-before-bookkeeping");
	if (sam_tx_begin(db, s->err) < 0)
		return -1;
	sqlite3_stmt *st = sam_db_stmt(db, "UPDATE sync_outbox SET verified = 1 WHERE dev = ? AND "
	                                   "seg = ?");
	sqlite3_bind_text(st, 1, db->dev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, row->seg);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	st = sam_db_stmt(db, "DELETE FROM sync_outbox WHERE dev = ? AND seg < ? AND verified = 1");
	sqlite3_bind_text(st, 1, db->dev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, row->seg);
	if (rc != SQLITE_DONE || sqlite3_step(st) != SQLITE_DONE ||
	    sam_db_local_set_int(db, "pushed_seq", row->last) < 0) {
		sqlite3_reset(st);
		sam_db_fail(db, s->err);
		sam_tx_rollback(db);
		return -1;
	}
	sqlite3_reset(st);
	if (sam_tx_commit(db, s->err) < 0)
		return -1;
	s->res->pushed++;
	sync_test_point("push-after-bookkeeping");
	return 0;
}

enum stored { STORED_SAME, STORED_BROKEN, STORED_OTHER, STORED_UNKNOWN };

/* What the server holds under the segment's name. */
static enum stored compare_stored(struct sync_session *s, const char *path,
                                  const struct outbox_row *row, enum webdav_result *r)
{
	*r = webdav_get(s->w, path, SYNC_SEG_MAX_BYTES);
	if (*r == WD_ABSENT)
		return STORED_BROKEN;
	if (*r != WD_OK)
		return STORED_UNKNOWN;
	const struct webdav_response *resp = webdav_last(s->w);
	char sha[SYNC_SHA_HEX];
	sync_sha256_hex(resp->body, resp->len, sha);
	if (strcmp(sha, row->sha) == 0)
		return STORED_SAME;
	struct sync_seg_expect want = {.ws = s->ws, .dev = s->db->dev, .seg = row->seg};
	struct sync_segment seg;
	struct sam_err why;
	if (sync_segment_parse(s->db->sql, resp->body, resp->len, &want, &seg, &why) != SYNC_SEG_OK)
		return STORED_BROKEN;
	sync_segment_free(&seg);
	return STORED_OTHER;
}

/* Another copy of this database already wrote this name: this one takes
 * a new device id, and its unverified ops go out under it. */
static int become_new_device(struct sync_session *s, const struct outbox_row *row)
{
	struct sam_db *db = s->db;
	char old[SAM_DEV_BUF];
	memcpy(old, db->dev, sizeof old);
	if (sam_tx_begin(db, s->err) < 0)
		return -1;
	char sha[SYNC_SHA_HEX];
	int64_t last_seq;
	int64_t seg = sync_own_verified(db, sha, &last_seq);
	struct sync_cursor c = {.seg = seg, .seq = last_seq};
	snprintf(c.sha, sizeof c.sha, "%s", sha);
	sqlite3_stmt *st = sam_db_stmt(db, "DELETE FROM sync_segment WHERE dev = ? AND seg >= ?");
	sqlite3_bind_text(st, 1, old, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, row->seg);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_stmt *del = sam_db_stmt(db, "DELETE FROM sync_outbox WHERE dev = ?");
	sqlite3_bind_text(del, 1, old, -1, SQLITE_STATIC);
	if (rc != SQLITE_DONE || sqlite3_step(del) != SQLITE_DONE) {
		sqlite3_reset(del);
		sam_db_fail(db, s->err);
		sam_tx_rollback(db);
		return -1;
	}
	sqlite3_reset(del);
	if (sync_cursor_set(db, old, &c, s->err) < 0 || sam_db_reidentify(db, row->first, s->err) < 0 ||
	    seal_ops(s) < 0) {
		sam_tx_rollback(db);
		return -1;
	}
	snprintf(s->res->warning, sizeof s->res->warning,
	         _("another copy of this database was already syncing as device %s; this one is now "
	           "device %s"), old, db->dev);
	return sam_tx_commit(db, s->err);
}

/* The server refused the size (413): the unverified segments are sealed
 * again at half the size. None of their names was stored. */
static int seal_smaller(struct sync_session *s, const struct outbox_row *row)
{
	struct sam_db *db = s->db;
	int64_t max = sam_db_local_int(db, "seal_max_bytes", SYNC_SEG_MAX_BYTES) / 2;
	if (max < 16 * 1024)
		return sam_fail(s->err, _("the server refuses even small files (413)"));
	if (sam_tx_begin(db, s->err) < 0)
		return -1;
	sqlite3_stmt *st = sam_db_stmt(db, "DELETE FROM sync_outbox WHERE dev = ? AND seg >= ?");
	sqlite3_bind_text(st, 1, db->dev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, row->seg);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE || sam_db_local_set_int(db, "seal_max_bytes", max) < 0 ||
	    seal_ops(s) < 0) {
		sam_tx_rollback(db);
		return -1;
	}
	return sam_tx_commit(db, s->err);
}

static int make_parents(struct sync_session *s)
{
	char *mine = xasprintf("log/%s/", s->db->dev);
	const char *dirs[] = {"log/", mine};
	enum webdav_result r = WD_OK;
	for (size_t i = 0; i < SAM_ARRAY_LEN(dirs) && (r == WD_OK || r == WD_EXISTS); i++)
		r = webdav_mkcol(s->w, dirs[i]);
	free(mine);
	return r == WD_OK || r == WD_EXISTS ? 0 : (int)r;
}

enum step { STEP_DONE, STEP_AGAIN, STEP_FAILED };

/* One attempt at one outbox row. */
static enum step push_row(struct sync_session *s, const struct outbox_row *row, const char *path,
                          int *attempt, enum sam_sync_outcome *outcome)
{
	sync_test_point("push-before-upload");
	enum webdav_result r = webdav_put(s->w, path, row->bytes, row->len, true);
	sync_test_point("push-after-upload");
	enum stored st;
	switch (r) {
	case WD_OK:
		/* Verify: a cut-off upload can appear under the final name. */
		st = compare_stored(s, path, row, &r);
		if (st == STORED_SAME)
			return mark_verified(s, row) < 0 ? STEP_FAILED : STEP_DONE;
		break;
	case WD_EXISTS:
		st = compare_stored(s, path, row, &r);
		if (st == STORED_SAME)
			return mark_verified(s, row) < 0 ? STEP_FAILED : STEP_DONE;
		if (st == STORED_OTHER)
			return become_new_device(s, row) < 0 ? STEP_FAILED : STEP_AGAIN;
		if (st == STORED_BROKEN) {
			/* Our own name, holding a broken upload: replace it, and
			 * verify again. That counts as an attempt: a server that
			 * cuts every upload must not keep us here forever. */
			r = webdav_put(s->w, path, row->bytes, row->len, false);
		}
		break;
	case WD_NO_PARENT:
		r = (enum webdav_result)make_parents(s);
		if (r == WD_OK && ++*attempt < 4)
			return STEP_AGAIN;
		break;
	case WD_TOO_LARGE:
		return seal_smaller(s, row) < 0 ? STEP_FAILED : STEP_AGAIN;
	default:
		break;
	}
	/* The stored bytes are not ours yet: try again. */
	bool stored_wrong = r == WD_OK || r == WD_ABSENT;
	if (stored_wrong)
		r = WD_TRANSIENT;
	if (sync_retry_wait(s, r, attempt))
		return STEP_AGAIN;
	if (stored_wrong) {
		/* The last answer was a success: saying it would not help. */
		sam_fail(s->err, _("the server does not keep %s%s as sent (it holds other or fewer "
		                   "bytes); will retry"), webdav_url(s->w), path);
		*outcome = SAM_SYNC_FAILED;
	} else {
		*outcome = sync_fail_request(s, r, path);
	}
	return STEP_FAILED;
}

enum sam_sync_outcome sync_push(struct sync_session *s)
{
	int total = count_unverified(s->db), done = 0, attempt = 0;
	enum sam_sync_outcome outcome = SAM_SYNC_FAILED;
	struct outbox_row row;
	while (next_unverified(s->db, &row)) {
		char *name = sync_seg_name(row.seg);
		char *path = xasprintf("log/%s/%s", s->db->dev, name);
		free(name);
		sync_progress(s, "progress pushing %d/%d", done + 1, total);
		enum step step = push_row(s, &row, path, &attempt, &outcome);
		free(path);
		free(row.bytes);
		if (step == STEP_FAILED)
			return outcome == SAM_SYNC_OFFLINE ? outcome : SAM_SYNC_FAILED;
		if (step == STEP_DONE) {
			done++;
			attempt = 0;
		}
	}
	return SAM_SYNC_OK;
}
