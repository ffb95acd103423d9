/* Snapshots (see snapshot.h). */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/bulk.h"
#include "sync/cursor.h"
#include "sync/propfind.h"
#include "sync/push.h"
#include "sync/snapshot.h"

struct snap_dev {
	char dev[SAM_DEV_BUF];
	struct sync_cursor c;
	int64_t next; /* reading: the next op expected */
};

struct snap {
	struct snap_dev *d;
	int nd;
};

/* ------------------------------------------------------------ writing */

static void covered_devices(struct sync_session *s, struct snap *sn)
{
	sqlite3_stmt *st = sam_db_stmt(s->db, "SELECT dev FROM sync_device WHERE seq > 0 AND dev <> ? "
	                                      "ORDER BY dev");
	sqlite3_bind_text(st, 1, s->db->dev, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		sn->d = xrealloc(sn->d, (size_t)(sn->nd + 1) * sizeof *sn->d);
		struct snap_dev *d = &sn->d[sn->nd++];
		snprintf(d->dev, sizeof d->dev, "%s", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_reset(st);
	for (int i = 0; i < sn->nd; i++)
		sync_cursor_get(s->db, sn->d[i].dev, &sn->d[i].c);
	char sha[SYNC_SHA_HEX];
	int64_t last;
	int64_t seg = sync_own_verified(s->db, sha, &last);
	if (seg > 0) {
		sn->d = xrealloc(sn->d, (size_t)(sn->nd + 1) * sizeof *sn->d);
		struct snap_dev *d = &sn->d[sn->nd++];
		snprintf(d->dev, sizeof d->dev, "%s", s->db->dev);
		d->c = (struct sync_cursor){.seg = seg, .seq = last};
		memcpy(d->c.sha, sha, sizeof sha);
	}
}

static int build(struct sync_session *s, struct snap *sn, struct strbuf *out)
{
	struct sam_db *db = s->db;
	int64_t n = 0;
	for (int i = 0; i < sn->nd; i++)
		n += sn->d[i].c.seq;
	sb_add(out, "{\"t\":\"snap\",\"fmt\":1,\"ws\":");
	sync_json_str(out, s->ws);
	sb_addf(out, ",\"dev\":\"%s\",\"n\":%" PRId64 "}\n", db->dev, n);
	int lines = 0;
	for (int i = 0; i < sn->nd; i++, lines++)
		sb_addf(out, "{\"t\":\"cur\",\"d\":\"%s\",\"g\":%" PRId64 ",\"s\":%" PRId64
		        ",\"sha256\":\"%s\"}\n", sn->d[i].dev, sn->d[i].c.seg, sn->d[i].c.seq,
		        sn->d[i].c.sha);
	sqlite3_stmt *sv = sam_db_stmt(db, "SELECT seg, first, last, vec FROM sync_segment WHERE dev = ? "
	                                   "AND seg <= ? ORDER BY seg");
	sqlite3_stmt *ops = sam_db_stmt(db, "SELECT seq, hlc, entity, rid, field, value FROM op "
	                                    "WHERE dev = ? AND seq <= ? ORDER BY seq");
	for (int i = 0; i < sn->nd; i++) {
		sqlite3_bind_text(sv, 1, sn->d[i].dev, -1, SQLITE_STATIC);
		sqlite3_bind_int64(sv, 2, sn->d[i].c.seg);
		for (; sqlite3_step(sv) == SQLITE_ROW; lines++)
			sb_addf(out, "{\"t\":\"sv\",\"d\":\"%s\",\"g\":%" PRId64 ",\"first\":%" PRId64
			        ",\"last\":%" PRId64 ",\"vec\":%s}\n", sn->d[i].dev,
			        (int64_t)sqlite3_column_int64(sv, 0), (int64_t)sqlite3_column_int64(sv, 1),
			        (int64_t)sqlite3_column_int64(sv, 2), (const char *)sqlite3_column_text(sv, 3));
		sqlite3_reset(sv);
	}
	for (int i = 0; i < sn->nd; i++) {
		sqlite3_bind_text(ops, 1, sn->d[i].dev, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ops, 2, sn->d[i].c.seq);
		for (; sqlite3_step(ops) == SQLITE_ROW; lines++) {
			struct sam_op op = {.dev = sn->d[i].dev, .seq = sqlite3_column_int64(ops, 0),
			                    .hlc = sqlite3_column_int64(ops, 1),
			                    .entity = (const char *)sqlite3_column_text(ops, 2),
			                    .rid = (const char *)sqlite3_column_text(ops, 3),
			                    .field = (const char *)sqlite3_column_text(ops, 4)};
			sam_value_from_column(&op.v, ops, 5);
			sync_op_line(out, &op);
			sb_addc(out, '\n');
			sam_value_clear(&op.v);
		}
		sqlite3_reset(ops);
		if (out->len > SYNC_SNAP_CAP)
			return -1;
	}
	char sha[SYNC_SHA_HEX];
	sync_sha256_hex(out->buf, out->len, sha);
	sb_addf(out, "{\"t\":\"end\",\"n\":%d,\"sha256\":\"%s\"}\n", lines, sha);
	return out->len > SYNC_SNAP_CAP ? -1 : 0;
}

enum sam_sync_outcome sync_snapshot_write(struct sync_session *s)
{
	struct snap sn = {0};
	covered_devices(s, &sn);
	int64_t n = 0;
	for (int i = 0; i < sn.nd; i++)
		n += sn.d[i].c.seq;
	struct strbuf b = {0};
	enum sam_sync_outcome rc = SAM_SYNC_OK;
	if (n > 0 && build(s, &sn, &b) == 0) {
		char *path = xasprintf("snap/%s-%012" PRId64 ".snap", s->db->dev, n);
		sync_progress(s, "progress snapshot");
		enum webdav_result r;
		int attempt = 0;
		for (;;) {
			r = webdav_put(s->w, path, b.buf, b.len, true);
			if (r == WD_NO_PARENT && attempt++ < 2) {
				webdav_mkcol(s->w, "snap/");
				continue;
			}
			if (r != WD_OK && r != WD_EXISTS && sync_retry_wait(s, r, &attempt))
				continue;
			break;
		}
		/* The same name covers the same ops: one written earlier will do. */
		if (r != WD_OK && r != WD_EXISTS)
			rc = sync_fail_request(s, r, path);
		free(path);
	}
	sb_free(&b);
	free(sn.d);
	return rc;
}

/* ------------------------------------------------------------ reading */

/* A snapshot is read from a file once, its ops applied as they come in
 * one transaction; the transaction is rolled back unless every line and
 * the trailer's checksum turn out valid, so an invalid snapshot changes
 * nothing. Only the device and segment lines stay in memory. */
struct snap_read {
	struct sync_session *s;
	struct sync_jparser p;
	struct snap sn;
	int64_t nops;
	struct sync_segment *svs; /* only hdr used */
	int nsv;
	int cur_dev;              /* index of the device whose ops are being read */
	int phase;                /* 0 header, 1 cur, 2 sv, 3 ops */
	struct sam_bulk *bulk;    /* the ops go here */
};

static struct snap_dev *find_dev(struct snap *sn, const char *dev)
{
	for (int i = 0; i < sn->nd; i++)
		if (strcmp(sn->d[i].dev, dev) == 0)
			return &sn->d[i];
	return NULL;
}

static int read_meta(struct snap_read *r, const struct sync_jobject *o, const char *t,
                     struct sam_err *err)
{
	const char *d = sync_jobject_text(o, "d");
	const struct sync_jmember *g = sync_jobject_int(o, "g");
	if (strcmp(t, "cur") == 0) {
		const struct sync_jmember *sq = sync_jobject_int(o, "s");
		const char *sha = sync_jobject_text(o, "sha256");
		if (r->phase > 1 || o->n != 5 || !d || !sam_dev_valid(d) || !g || g->i < 1 || !sq ||
		    sq->i < 1 || !sha || !sync_sha_valid(sha) || find_dev(&r->sn, d))
			return sam_fail(err, _("a malformed device line"));
		r->phase = 1;
		r->sn.d = xrealloc(r->sn.d, (size_t)(r->sn.nd + 1) * sizeof *r->sn.d);
		struct snap_dev *sd = &r->sn.d[r->sn.nd++];
		*sd = (struct snap_dev){.c = {.seg = g->i, .seq = sq->i}, .next = 1};
		snprintf(sd->dev, sizeof sd->dev, "%s", d);
		snprintf(sd->c.sha, sizeof sd->c.sha, "%s", sha);
		return 0;
	}
	const struct sync_jmember *first = sync_jobject_int(o, "first");
	const struct sync_jmember *last = sync_jobject_int(o, "last");
	const struct sync_jmember *vec = sync_jobject_get(o, "vec");
	struct snap_dev *sd = d ? find_dev(&r->sn, d) : NULL;
	struct sync_vec v;
	if (r->phase > 2 || o->n != 6 || !sd || !g || g->i < 1 || g->i > sd->c.seg || !first ||
	    !last || first->i < 1 || last->i < first->i || last->i > sd->c.seq || !vec ||
	    vec->type != SYNC_J_OBJECT || sync_vec_parse(&r->p, vec->s, &v, err) < 0)
		return sam_fail(err, _("a malformed segment line"));
	sync_vec_free(&v);
	r->phase = 2;
	r->svs = xrealloc(r->svs, (size_t)(r->nsv + 1) * sizeof *r->svs);
	struct sync_segment *sv = &r->svs[r->nsv++];
	*sv = (struct sync_segment){.hdr = {.seg = g->i, .first = first->i, .last = last->i,
	                                    .vec_json = xstrdup(vec->s)}};
	snprintf(sv->hdr.dev, sizeof sv->hdr.dev, "%s", d);
	return 0;
}

static int read_snap_line(void *ctx, int lineno, const char *line, size_t len, struct sam_err *err)
{
	struct snap_read *r = ctx;
	struct sync_jobject o;
	struct sam_err why;
	if (len > 0 && strncmp(line, "{\"t\":", 5) == 0) {
		if (sync_json_object(&r->p, line, len, &o, &why) < 0)
			return sam_fail(err, _("line %d: %s"), lineno, why.msg);
		const char *t = sync_jobject_text(&o, "t");
		int rc;
		if (lineno == 1) {
			const char *ws = sync_jobject_text(&o, "ws");
			const struct sync_jmember *fmt = sync_jobject_int(&o, "fmt");
			rc = t && strcmp(t, "snap") == 0 && fmt && fmt->i == SYNC_FORMAT && ws &&
			             strcmp(ws, r->s->ws) == 0
			         ? 0
			         : sam_fail(err, _("not a snapshot of this network"));
		} else {
			rc = t ? read_meta(r, &o, t, err) : sam_fail(err, _("line %d is malformed"), lineno);
		}
		sync_jobject_free(&o);
		return rc;
	}
	if (lineno == 1)
		return sam_fail(err, _("the snapshot has no header"));
	r->phase = 3;
	struct sync_op op;
	if (sync_op_parse(&r->p, line, len, &op, &why) < 0)
		return sam_fail(err, _("line %d: %s"), lineno, why.msg);
	/* Ops by device, each device's from 1 to its cursor without gaps. */
	struct snap_dev *sd = find_dev(&r->sn, op.dev);
	int rc;
	if (!sd || op.op.seq != sd->next || (r->cur_dev >= 0 && &r->sn.d[r->cur_dev] != sd &&
	                                     r->sn.d[r->cur_dev].next <= r->sn.d[r->cur_dev].c.seq))
		rc = sam_fail(err, _("line %d: a change out of order"), lineno);
	else {
		r->cur_dev = (int)(sd - r->sn.d);
		sd->next++;
		r->nops++;
		rc = sam_bulk_add(r->bulk, &op.op, err);
	}
	sync_op_free(&op);
	return rc;
}

static void snap_read_free(struct snap_read *r)
{
	for (int i = 0; i < r->nsv; i++)
		sync_segment_free(&r->svs[i]);
	free(r->svs);
	free(r->sn.d);
	sync_jparser_close(&r->p);
}

/* What only the whole file shows. */
static int complete(struct snap_read *r, struct sam_err *err)
{
	for (int i = 0; i < r->sn.nd; i++) {
		if (r->sn.d[i].next != r->sn.d[i].c.seq + 1)
			return sam_fail(err, _("changes of a device are missing"));
		if (strcmp(r->sn.d[i].dev, r->s->db->dev) == 0)
			return sam_fail(err, _("it holds this database's own device"));
	}
	return 0;
}

static int save_segments(struct snap_read *r, struct sam_err *err)
{
	struct sam_db *db = r->s->db;
	sqlite3_stmt *st = sam_db_stmt(db, "INSERT OR REPLACE INTO sync_segment (dev, seg, first, "
	                                   "last, vec) VALUES (?, ?, ?, ?, ?)");
	for (int i = 0; i < r->nsv; i++) {
		const struct sync_seg_header *h = &r->svs[i].hdr;
		sqlite3_bind_text(st, 1, h->dev, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, h->seg);
		sqlite3_bind_int64(st, 3, h->first);
		sqlite3_bind_int64(st, 4, h->last);
		sqlite3_bind_text(st, 5, h->vec_json, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return sam_db_fail(db, err);
	}
	for (int i = 0; i < r->sn.nd; i++)
		if (sync_cursor_set(db, r->sn.d[i].dev, &r->sn.d[i].c, err) < 0)
			return -1;
	return 0;
}

/* Reads and applies the snapshot in f; why: what made it invalid. */
static int load(struct snap_read *r, FILE *f, struct sam_err *why)
{
	struct sync_session *s = r->s;
	struct sam_db *db = s->db;
	if (sam_tx_begin(db, s->err) < 0)
		return -1;
	if (sync_seal(s) < 0) {
		sam_tx_rollback(db);
		return -1;
	}
	if (!(r->bulk = sam_bulk_begin(db, why))) {
		sam_tx_rollback(db);
		return -1;
	}
	if (sync_lines_check_file(&r->p, f, read_snap_line, r, why) < 0 || complete(r, why) < 0) {
		sam_bulk_abandon(r->bulk);
		sam_tx_rollback(db);
		return -1;
	}
	if (sam_bulk_end(r->bulk, why) < 0 || save_segments(r, why) < 0) {
		sam_tx_rollback(db);
		return -1;
	}
	if (sam_tx_commit(db, s->err) < 0)
		return -1;
	s->res->pulled += (int)r->nops;
	return 0;
}

/* An unlinked file beside the database (the same disk, room the database
 * will need anyway), else in the temporary folder. */
static FILE *scratch_file(struct sam_db *db)
{
	char *name = xasprintf("%s.snap-XXXXXX", db->path);
	int fd = mkstemp(name);
	FILE *f = NULL;
	if (fd >= 0) {
		unlink(name);
		if (!(f = fdopen(fd, "w+")))
			close(fd);
	}
	free(name);
	return f ? f : tmpfile();
}

static bool fresh(struct sam_db *db)
{
	sqlite3_stmt *st = sam_db_stmt(db, "SELECT count(*) FROM sync_device WHERE seg > 0");
	bool none = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) == 0;
	sqlite3_reset(st);
	return none;
}

static int by_covered_desc(const void *a, const void *b)
{
	const struct dav_entry *x = a, *y = b;
	/* <dev>-<n:012>.snap: the digits after the dash sort as numbers. */
	return -strcmp(x->name + SAM_DEV_LEN + 1, y->name + SAM_DEV_LEN + 1);
}

static bool snap_name(const char *name)
{
	size_t n = strlen(name);
	return n == SAM_DEV_LEN + 1 + 12 + 5 && name[SAM_DEV_LEN] == '-' &&
	       strcmp(name + n - 5, ".snap") == 0 && strspn(name + SAM_DEV_LEN + 1, "0123456789") == 12;
}

enum sam_sync_outcome sync_snapshot_load(struct sync_session *s)
{
	if (!fresh(s->db))
		return SAM_SYNC_OK;
	enum webdav_result r;
	int attempt = 0;
	while ((r = webdav_propfind(s->w, "snap/", 1)) != WD_OK && r != WD_ABSENT &&
	       sync_retry_wait(s, r, &attempt))
		;
	if (r == WD_ABSENT)
		return SAM_SYNC_OK;
	if (r != WD_OK)
		return sync_fail_request(s, r, "snap/");
	struct dav_listing l;
	const struct webdav_response *resp = webdav_last(s->w);
	char *folder = xasprintf("%ssnap/", webdav_url(s->w));
	int prc = dav_listing_parse(resp->body, resp->len, folder, &l, s->err);
	free(folder);
	if (prc < 0)
		return SAM_SYNC_FAILED;
	int k = 0;
	for (int i = 0; i < l.n; i++)
		if (!l.e[i].is_dir && snap_name(l.e[i].name))
			l.e[k++] = l.e[i];
		else {
			free(l.e[i].name);
			free(l.e[i].etag);
			free(l.e[i].modified);
		}
	l.n = k;
	if (l.n > 1)
		qsort(l.e, (size_t)l.n, sizeof *l.e, by_covered_desc);
	enum sam_sync_outcome rc = SAM_SYNC_OK;
	/* Without a file to hold one, the segments alone will do. */
	FILE *f = l.n > 0 ? scratch_file(s->db) : NULL;
	for (int i = 0; f && i < l.n; i++) {
		char *path = xasprintf("snap/%s", l.e[i].name);
		sync_progress(s, "progress snapshot %s", l.e[i].name);
		rewind(f);
		r = ftruncate(fileno(f), 0) == 0 ? webdav_get_file(s->w, path, SYNC_SNAP_CAP, f)
		                                 : WD_TRANSIENT;
		free(path);
		if (r == WD_UNREACHABLE || r == WD_AUTH || r == WD_FORBIDDEN) {
			rc = sync_fail_request(s, r, "snap/");
			break;
		}
		resp = webdav_last(s->w);
		if (r != WD_OK || (l.e[i].length >= 0 && (size_t)l.e[i].length != resp->len))
			continue;
		rewind(f);
		struct snap_read rd = {.s = s, .cur_dev = -1};
		sync_jparser_open(&rd.p, s->db->sql);
		struct sam_err why;
		/* An invalid snapshot is passed over: segments are the truth. */
		bool ok = load(&rd, f, &why) == 0;
		snap_read_free(&rd);
		if (ok)
			break;
	}
	if (f)
		fclose(f);
	dav_listing_free(&l);
	return rc;
}
