/* Segment files: building the exact bytes, and validating every byte of a
 * downloaded one before anything of it is applied (see segment.h). */
#include <config.h>

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/entity.h"
#include "core/id.h"
#include "sync/segment.h"

/* Room the header and the trailer take at most. */
#define FRAME_BYTES 4096

char *sync_seg_name(int64_t seg)
{
	return xasprintf("s-%012" PRId64 ".seg", seg);
}

/* ------------------------------------------------------------ building */

void sync_op_line(struct strbuf *sb, const struct sam_op *op)
{
	sb_addf(sb, "{\"d\":\"%s\",\"s\":%" PRId64 ",\"h\":%" PRId64 ",\"e\":", op->dev, op->seq,
	        op->hlc);
	sync_json_str(sb, op->entity);
	sb_add(sb, ",\"id\":");
	sync_json_str(sb, op->rid);
	sb_add(sb, ",\"f\":");
	sync_json_str(sb, op->field);
	sb_add(sb, ",\"v\":");
	sync_json_value(sb, &op->v, strcmp(op->field, SAM_FIELD_DELETED) == 0);
	sb_addc(sb, '}');
}

bool sync_seg_add(struct sync_seg_builder *b, const struct sam_op *op, size_t max_bytes,
                  int max_ops)
{
	if (b->nops >= max_ops)
		return false;
	size_t before = b->ops.len;
	sync_op_line(&b->ops, op);
	sb_addc(&b->ops, '\n');
	if (b->nops > 0 && b->ops.len + FRAME_BYTES > max_bytes) {
		b->ops.len = before;
		b->ops.buf[before] = '\0';
		return false;
	}
	if (b->nops == 0)
		b->first = op->seq;
	b->last = op->seq;
	b->nops++;
	return true;
}

void sync_seg_finish(struct sync_seg_builder *b, struct sync_seg_header *h, struct strbuf *out)
{
	h->first = b->first;
	h->last = b->last;
	*out = (struct strbuf){0};
	sb_add(out, "{\"t\":\"hdr\",\"fmt\":1,\"ws\":");
	sync_json_str(out, h->ws);
	sb_addf(out, ",\"dev\":\"%s\",\"seg\":%" PRId64 ",\"prev\":\"%s\",\"first\":%" PRId64
	        ",\"last\":%" PRId64 ",\"schema\":%d,\"vec\":%s}\n",
	        h->dev, h->seg, h->prev, h->first, h->last, h->schema,
	        h->vec_json ? h->vec_json : "{}");
	sb_addn(out, b->ops.buf ? b->ops.buf : "", b->ops.len);
	char sha[SYNC_SHA_HEX];
	sync_sha256_hex(out->buf, out->len, sha);
	sb_addf(out, "{\"t\":\"end\",\"n\":%d,\"sha256\":\"%s\"}\n", b->nops, sha);
	sync_seg_builder_free(b);
}

void sync_seg_builder_free(struct sync_seg_builder *b)
{
	sb_free(&b->ops);
	*b = (struct sync_seg_builder){0};
}

/* ------------------------------------------------------------ reading */

/* The object has exactly these keys. */
static bool has_keys(const struct sync_jobject *o, const char *const *keys, int n)
{
	if (o->n != n)
		return false;
	for (int i = 0; i < n; i++)
		if (!sync_jobject_get(o, keys[i]))
			return false;
	return true;
}

void sync_op_free(struct sync_op *op)
{
	free(op->dev);
	free(op->entity);
	free(op->rid);
	free(op->field);
	sam_value_clear(&op->op.v);
	*op = (struct sync_op){0};
}

int sync_op_parse(struct sync_jparser *p, const char *line, size_t len, struct sync_op *out,
                  struct sam_err *err)
{
	static const char *const keys[] = {"d", "s", "h", "e", "id", "f", "v"};
	*out = (struct sync_op){0};
	struct sync_jobject o;
	if (sync_json_object(p, line, len, &o, err) < 0)
		return -1;
	int rc = -1;
	const struct sync_jmember *s = sync_jobject_int(&o, "s"), *h = sync_jobject_int(&o, "h");
	const char *d = sync_jobject_text(&o, "d"), *e = sync_jobject_text(&o, "e");
	const char *id = sync_jobject_text(&o, "id"), *f = sync_jobject_text(&o, "f");
	if (!has_keys(&o, keys, (int)SAM_ARRAY_LEN(keys)) || !s || !h || !d || !e || !id || !f)
		sam_fail(err, _("a change line lacks a part or has one too many"));
	else if (!sam_dev_valid(d))
		sam_fail(err, _("a change names a malformed device"));
	else if (s->i <= 0 || h->i <= 0)
		sam_fail(err, _("a change has no valid counter or time"));
	else if (!sam_name_valid(e) || !sam_name_valid(f))
		sam_fail(err, _("a change names a malformed record kind or field"));
	else if (!sam_id_valid(id))
		sam_fail(err, _("a change has a malformed record id"));
	else if (sync_jmember_value(sync_jobject_get(&o, "v"), &out->op.v) < 0)
		sam_fail(err, _("a change's value is not a single value"));
	else
		rc = 0;
	if (rc == 0) {
		out->dev = xstrdup(d);
		out->entity = xstrdup(e);
		out->rid = xstrdup(id);
		out->field = xstrdup(f);
		out->op.dev = out->dev;
		out->op.entity = out->entity;
		out->op.rid = out->rid;
		out->op.field = out->field;
		out->op.seq = s->i;
		out->op.hlc = h->i;
	}
	sync_jobject_free(&o);
	return rc;
}

/* The trailer {"t":"end","n":…,"sha256":…} against the sha256 of what
 * came before it; *n: the body lines it counts. */
static int check_trailer(struct sync_jparser *p, const char *line, size_t len,
                         const char sha[SYNC_SHA_HEX], int64_t *n, struct sam_err *err)
{
	struct sync_jobject t;
	if (sync_json_object(p, line, len, &t, err) < 0)
		return sam_fail(err, _("the end line is damaged"));
	static const char *const tkeys[] = {"t", "n", "sha256"};
	const char *tt = sync_jobject_text(&t, "t"), *tsha = sync_jobject_text(&t, "sha256");
	const struct sync_jmember *tn = sync_jobject_int(&t, "n");
	int rc = 0;
	if (!has_keys(&t, tkeys, 3) || !tt || strcmp(tt, "end") != 0 || !tn || !tsha)
		rc = sam_fail(err, _("the end line is damaged"));
	else if (strcmp(tsha, sha) != 0)
		rc = sam_fail(err, _("the checksum does not match the contents"));
	*n = tn ? tn->i : -1;
	sync_jobject_free(&t);
	return rc;
}

static int check_count(int64_t nlines, int lineno, struct sam_err *err)
{
	if (lineno - 1 != nlines)
		return sam_fail(err, _("the end line counts %" PRId64 " changes, the file has %d"),
		                nlines, lineno - 1);
	return 0;
}

int sync_lines_check(struct sync_jparser *p, const char *bytes, size_t len, sync_line_fn *line,
                     void *ctx, struct sam_err *err)
{
	if (len == 0)
		return sam_fail(err, _("the file is empty"));
	if (bytes[len - 1] != '\n')
		return sam_fail(err, _("the file is cut off (no end line)"));
	if (memchr(bytes, '\0', len) || !sam_utf8_valid(bytes, len))
		return sam_fail(err, _("the file is not valid UTF-8 text"));
	/* The trailer is the last line. */
	size_t tstart = len - 1;
	while (tstart > 0 && bytes[tstart - 1] != '\n')
		tstart--;
	if (tstart == 0)
		return sam_fail(err, _("the file has no header"));
	char sha[SYNC_SHA_HEX];
	sync_sha256_hex(bytes, tstart, sha);
	int64_t nlines;
	if (check_trailer(p, bytes + tstart, len - 1 - tstart, sha, &nlines, err) < 0)
		return -1;
	int lineno = 0;
	for (size_t pos = 0; pos < tstart;) {
		const char *nl = memchr(bytes + pos, '\n', tstart - pos);
		size_t n = (size_t)(nl - (bytes + pos));
		if (n > SYNC_LINE_MAX)
			return sam_fail(err, _("line %d is longer than 64 KiB"), lineno + 1);
		int rc = line(ctx, ++lineno, bytes + pos, n, err);
		if (rc != 0)
			return rc;
		pos += n + 1;
	}
	return check_count(nlines, lineno, err);
}

int sync_lines_check_file(struct sync_jparser *p, FILE *f, sync_line_fn *line, void *ctx,
                          struct sam_err *err)
{
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	char *cur = NULL, *next = NULL;
	size_t ccap = 0, ncap = 0;
	ssize_t clen = getline(&cur, &ccap, f), nlen;
	int lineno = 0, rc = clen > 0 ? 0 : sam_fail(err, _("the file is empty"));
	/* A line is a body line once the next one is there: the last is the
	 * trailer. */
	while (rc == 0 && (nlen = getline(&next, &ncap, f)) > 0) {
		size_t n = (size_t)clen - 1;
		if (memchr(cur, '\0', n) || !sam_utf8_valid(cur, n))
			rc = sam_fail(err, _("the file is not valid UTF-8 text"));
		else if (n > SYNC_LINE_MAX)
			rc = sam_fail(err, _("line %d is longer than 64 KiB"), lineno + 1);
		else {
			crypto_hash_sha256_update(&h, (const unsigned char *)cur, (size_t)clen);
			rc = line(ctx, ++lineno, cur, n, err);
		}
		char *t = cur;
		cur = next;
		next = t;
		size_t tc = ccap;
		ccap = ncap;
		ncap = tc;
		clen = nlen;
	}
	if (rc == 0 && ferror(f))
		rc = sam_fail(err, _("the file is cut off (no end line)"));
	else if (rc == 0 && cur[clen - 1] != '\n')
		rc = sam_fail(err, _("the file is cut off (no end line)"));
	else if (rc == 0 && (memchr(cur, '\0', (size_t)clen) || !sam_utf8_valid(cur, (size_t)clen)))
		rc = sam_fail(err, _("the file is not valid UTF-8 text"));
	else if (rc == 0 && lineno == 0)
		rc = sam_fail(err, _("the file has no header"));
	if (rc == 0) {
		unsigned char bin[crypto_hash_sha256_BYTES];
		char sha[SYNC_SHA_HEX];
		crypto_hash_sha256_final(&h, bin);
		sodium_bin2hex(sha, sizeof sha, bin, sizeof bin);
		int64_t nlines;
		rc = check_trailer(p, cur, (size_t)clen - 1, sha, &nlines, err) < 0
		         ? -1
		         : check_count(nlines, lineno, err);
	}
	free(cur);
	free(next);
	return rc;
}

struct seg_read {
	struct sync_jparser *p;
	const struct sync_seg_expect *want;
	struct sync_segment *out;
	int cap;
};

static int expect_text(const char *what, const char *got, const char *want, struct sam_err *err)
{
	if (want && strcmp(got, want) != 0)
		return sam_fail(err, _("the header's %s is '%s', not '%s'"), what, got, want);
	return 0;
}

static int read_header(struct seg_read *r, const char *line, size_t len, struct sam_err *err)
{
	static const char *const keys[] = {"t",     "fmt",  "ws",     "dev", "seg",
	                                   "prev",  "first", "last", "schema", "vec"};
	struct sync_jobject o;
	if (sync_json_object(r->p, line, len, &o, err) < 0)
		return sam_fail(err, _("the header is not valid JSON"));
	struct sync_seg_header *h = &r->out->hdr;
	const char *t = sync_jobject_text(&o, "t"), *ws = sync_jobject_text(&o, "ws");
	const char *dev = sync_jobject_text(&o, "dev"), *prev = sync_jobject_text(&o, "prev");
	const struct sync_jmember *fmt = sync_jobject_int(&o, "fmt"), *seg = sync_jobject_int(&o, "seg");
	const struct sync_jmember *first = sync_jobject_int(&o, "first");
	const struct sync_jmember *last = sync_jobject_int(&o, "last");
	const struct sync_jmember *schema = sync_jobject_int(&o, "schema");
	const struct sync_jmember *vec = sync_jobject_get(&o, "vec");
	int rc = SYNC_SEG_INVALID;
	if (fmt && schema && (fmt->i > SYNC_FORMAT || schema->i > SYNC_DATA_SCHEMA)) {
		sam_fail(err, _("it was written by a newer samordne (format %" PRId64 ", schema %" PRId64
		                "): update samordne"), fmt->i, schema->i);
		rc = SYNC_SEG_NEWER;
	} else if (!has_keys(&o, keys, (int)SAM_ARRAY_LEN(keys)) || !t || strcmp(t, "hdr") != 0 ||
	           !ws || !dev || !prev || !fmt || fmt->i != SYNC_FORMAT || !seg || !first || !last ||
	           !schema || schema->i < 1 || !vec || vec->type != SYNC_J_OBJECT) {
		sam_fail(err, _("the header is malformed"));
	} else if (strlen(ws) > SYNC_WS_MAX || !sam_dev_valid(dev) || seg->i < 1 ||
	           (seg->i == 1 ? *prev != '\0' : !sync_sha_valid(prev)) || first->i < 1 ||
	           last->i < first->i || last->i - first->i >= SYNC_SEG_MAX_OPS) {
		sam_fail(err, _("the header holds impossible values"));
	} else {
		snprintf(h->ws, sizeof h->ws, "%s", ws);
		snprintf(h->dev, sizeof h->dev, "%s", dev);
		snprintf(h->prev, sizeof h->prev, "%s", prev);
		h->seg = seg->i;
		h->first = first->i;
		h->last = last->i;
		h->schema = (int)schema->i;
		h->vec_json = xstrdup(vec->s);
		struct sync_vec v;
		rc = sync_vec_parse(r->p, h->vec_json, &v, err) < 0 ? SYNC_SEG_INVALID : 0;
		sync_vec_free(&v);
	}
	sync_jobject_free(&o);
	if (rc != 0)
		return rc;
	const struct sync_seg_expect *w = r->want;
	char wseg[24] = "", wfirst[24] = "", gseg[24], gfirst[24];
	snprintf(gseg, sizeof gseg, "%" PRId64, h->seg);
	snprintf(gfirst, sizeof gfirst, "%" PRId64, h->first);
	if (w->seg > 0)
		snprintf(wseg, sizeof wseg, "%" PRId64, w->seg);
	if (w->first > 0)
		snprintf(wfirst, sizeof wfirst, "%" PRId64, w->first);
	if (expect_text("network", h->ws, w->ws, err) < 0 ||
	    expect_text("device", h->dev, w->dev, err) < 0 ||
	    expect_text("segment number", gseg, w->seg > 0 ? wseg : NULL, err) < 0 ||
	    expect_text("previous segment", h->prev, w->prev, err) < 0 ||
	    expect_text("first change", gfirst, w->first > 0 ? wfirst : NULL, err) < 0)
		return SYNC_SEG_INVALID;
	return 0;
}

static int read_line(void *ctx, int lineno, const char *line, size_t len, struct sam_err *err)
{
	struct seg_read *r = ctx;
	if (lineno == 1)
		return read_header(r, line, len, err);
	struct sync_segment *s = r->out;
	int64_t want_seq = s->hdr.first + s->nops;
	if (want_seq > s->hdr.last)
		return sam_fail(err, _("more changes than the header says"));
	if (s->nops == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		s->ops = xrealloc(s->ops, (size_t)r->cap * sizeof *s->ops);
	}
	struct sync_op *op = &s->ops[s->nops];
	struct sam_err why;
	if (sync_op_parse(r->p, line, len, op, &why) < 0)
		return sam_fail(err, _("line %d: %s"), lineno, why.msg);
	s->nops++;
	if (strcmp(op->dev, s->hdr.dev) != 0)
		return sam_fail(err, _("line %d: a change of another device"), lineno);
	if (op->op.seq != want_seq)
		return sam_fail(err, _("line %d: change %" PRId64 " where %" PRId64 " was due"), lineno,
		                op->op.seq, want_seq);
	return 0;
}

int sync_segment_parse(sqlite3 *sql, const char *bytes, size_t len,
                       const struct sync_seg_expect *want, struct sync_segment *out,
                       struct sam_err *err)
{
	*out = (struct sync_segment){0};
	if (len > SYNC_SEG_MAX_BYTES) {
		sam_fail(err, _("the segment is larger than 1 MiB"));
		return SYNC_SEG_INVALID;
	}
	struct sync_jparser p;
	sync_jparser_open(&p, sql);
	struct seg_read r = {.p = &p, .want = want, .out = out};
	int rc = sync_lines_check(&p, bytes, len, read_line, &r, err);
	sync_jparser_close(&p);
	if (rc == 0 && out->nops != out->hdr.last - out->hdr.first + 1)
		rc = sam_fail(err, _("fewer changes than the header says"));
	if (rc != 0) {
		sync_segment_free(out);
		return rc == SYNC_SEG_NEWER ? SYNC_SEG_NEWER : SYNC_SEG_INVALID;
	}
	sync_sha256_hex(bytes, len, out->sha256);
	return SYNC_SEG_OK;
}

void sync_segment_free(struct sync_segment *s)
{
	for (int i = 0; i < s->nops; i++)
		sync_op_free(&s->ops[i]);
	free(s->ops);
	free(s->hdr.vec_json);
	*s = (struct sync_segment){0};
}
