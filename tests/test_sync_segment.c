/* Segment files: built bytes parse back, and every rejection rule of
 * SYNC.md "Validate every downloaded byte" rejects; PROPFIND parsing;
 * HTTP status classification. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/propfind.h"
#include "sync/segment.h"
#include "sync/webdav.h"
#include "tests/helpers.h"

#define DEV "00000000000000a1"
#define RID "00000000000000000000000000000a01"
#define WS "4f1c2a9e-0000-4000-8000-000000000001"

static sqlite3 *mem;

static int setup(void **state)
{
	(void)state;
	return sqlite3_open(":memory:", &mem) == SQLITE_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	sqlite3_close(mem);
	return 0;
}

/* A segment of n ops from first, as a string. */
static char *build(int64_t seg, const char *prev, int64_t first, int n)
{
	struct sync_seg_builder b = {0};
	for (int i = 0; i < n; i++) {
		struct sam_op op = {.dev = DEV, .seq = first + i, .hlc = (INT64_C(1700000000000) + i) << 16,
		                    .entity = "settlement", .rid = RID, .field = "decided"};
		sam_value_set_int(&op.v, 40 + i);
		assert_true(sync_seg_add(&b, &op, SYNC_SEG_MAX_BYTES, SYNC_SEG_MAX_OPS));
	}
	char vec[] = "{}";
	struct sync_seg_header h = {.ws = WS, .dev = DEV, .seg = seg, .schema = 1, .vec_json = vec};
	snprintf(h.prev, sizeof h.prev, "%s", prev);
	struct strbuf out;
	sync_seg_finish(&b, &h, &out);
	return sb_steal(&out);
}

static int parse(const char *bytes, size_t len, int64_t seg, const char *prev, int64_t first,
                 char *why)
{
	struct sync_seg_expect want = {.ws = WS, .dev = DEV, .seg = seg, .prev = prev, .first = first};
	struct sync_segment s;
	struct sam_err err = {{0}};
	int rc = sync_segment_parse(mem, bytes, len, &want, &s, &err);
	if (rc == SYNC_SEG_OK)
		sync_segment_free(&s);
	if (why)
		snprintf(why, 512, "%s", err.msg);
	return rc;
}

static void test_round_trip(void **state)
{
	(void)state;
	char *a = build(1, "", 1, 3);
	struct sync_seg_expect want = {.ws = WS, .dev = DEV, .seg = 1, .prev = "", .first = 1};
	struct sync_segment s;
	struct sam_err err;
	assert_int_equal(sync_segment_parse(mem, a, strlen(a), &want, &s, &err), SYNC_SEG_OK);
	assert_int_equal(s.nops, 3);
	assert_int_equal(s.ops[2].op.seq, 3);
	assert_int_equal(s.ops[2].op.v.i, 42);
	char sha[SYNC_SHA_HEX];
	sync_sha256_hex(a, strlen(a), sha);
	assert_string_equal(s.sha256, sha);
	sync_segment_free(&s);
	/* The chain: segment 2 names segment 1's sha256. */
	char *b = build(2, sha, 4, 2);
	assert_int_equal(parse(b, strlen(b), 2, sha, 4, NULL), SYNC_SEG_OK);
	assert_int_equal(parse(b, strlen(b), 2, "", 4, NULL), SYNC_SEG_INVALID);
	free(a);
	free(b);
}

/* Replaces the first occurrence of from with to, and fixes the trailer's
 * sha256 if fix is set (so only the rule under test can reject). */
static char *edit(const char *seg, const char *from, const char *to, bool fix)
{
	const char *at = strstr(seg, from);
	assert_non_null(at);
	struct strbuf sb = {0};
	sb_addn(&sb, seg, (size_t)(at - seg));
	sb_add(&sb, to);
	sb_add(&sb, at + strlen(from));
	char *s = sb_steal(&sb);
	if (fix) {
		char *t = strstr(s, "{\"t\":\"end\"");
		char sha[SYNC_SHA_HEX];
		sync_sha256_hex(s, (size_t)(t - s), sha);
		char *q = strstr(t, "\"sha256\":\"") + 10;
		memcpy(q, sha, 64);
	}
	return s;
}

static void expect_rejected(const char *seg, int64_t n, const char *what)
{
	char why[512];
	int rc = parse(seg, strlen(seg), 1, "", 1, why);
	if (rc == SYNC_SEG_OK)
		fail_msg("accepted: %s", what);
	(void)n;
}

static void test_rejections(void **state)
{
	(void)state;
	char *a = build(1, "", 1, 3);
	static const struct {
		const char *from, *to;
		bool fix;
		const char *what;
	} cases[] = {
		{"\"v\":41", "\"v\":42", false, "a changed byte"},
		{"\"ws\":\"4f1c", "\"ws\":\"5f1c", true, "another network"},
		{"\"dev\":\"00000000000000a1\"", "\"dev\":\"00000000000000b2\"", true, "another device"},
		{"\"seg\":1", "\"seg\":2", true, "another number"},
		{"\"s\":2", "\"s\":3", true, "a gap in s"},
		{"\"h\":", "\"h\":-", true, "a negative stamp"},
		{"\"e\":\"settlement\"", "\"e\":\"Settlement\"", true, "a malformed entity"},
		{"\"f\":\"decided\"", "\"f\":\"de cided\"", true, "a malformed field"},
		{"\"id\":\"0000", "\"id\":\"X000", true, "a malformed id"},
		{"\"v\":41", "\"v\":[41]", true, "a value that is not a scalar"},
		{"\"v\":41", "\"v\":41,\"x\":1", true, "an unknown key"},
		{"\"v\":41", "\"v\":41,\"v\":41", true, "a duplicate key"},
		{"\"v\":41}", "\"v\":41", true, "invalid JSON"},
		{"\"v\":41", "\"v\":\"\\u0000\"", true, "a NUL in text"},
		{"\"n\":3", "\"n\":2", false, "a wrong count"},
		{"\"first\":1", "\"first\":2", true, "a first that is not the next op"},
		{"\"d\":\"00000000000000a1\",\"s\":2", "\"d\":\"00000000000000b2\",\"s\":2", true,
		 "an op of another device"},
	};
	for (size_t i = 0; i < SAM_ARRAY_LEN(cases); i++) {
		char *bad = edit(a, cases[i].from, cases[i].to, cases[i].fix);
		expect_rejected(bad, 3, cases[i].what);
		free(bad);
	}
	size_t n = strlen(a);
	/* The trailer cut off; an empty file; invalid UTF-8. */
	assert_int_equal(parse(a, n - 10, 1, "", 1, NULL), SYNC_SEG_INVALID);
	assert_int_equal(parse(a, n - 1, 1, "", 1, NULL), SYNC_SEG_INVALID);
	assert_int_equal(parse(a, 0, 1, "", 1, NULL), SYNC_SEG_INVALID);
	char *utf = edit(a, "settlement", "settl\xff" "ment", true);
	assert_int_equal(parse(utf, strlen(utf), 1, "", 1, NULL), SYNC_SEG_INVALID);
	free(utf);
	/* A newer schema parks, with "update samordne". */
	char *newer = edit(a, "\"schema\":1", "\"schema\":9", true);
	char why[512];
	assert_int_equal(parse(newer, strlen(newer), 1, "", 1, why), SYNC_SEG_NEWER);
	assert_non_null(strstr(why, "update samordne"));
	free(newer);
	free(a);
}

/* sync_lines_check_file (snapshots, read from a file) accepts and
 * rejects as sync_lines_check does, and hands over the same lines. */
static int count_line(void *ctx, int lineno, const char *line, size_t len, struct sam_err *err)
{
	(void)lineno;
	(void)err;
	struct strbuf *sb = ctx;
	sb_addn(sb, line, len);
	sb_addc(sb, '|');
	return 0;
}

static void lines_both_ways(const char *bytes, size_t len)
{
	struct sync_jparser p;
	sync_jparser_open(&p, mem);
	struct strbuf a = {0}, b = {0};
	struct sam_err err = {{0}};
	int ra = sync_lines_check(&p, bytes, len, count_line, &a, &err);
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	rewind(f);
	int rb = sync_lines_check_file(&p, f, count_line, &b, &err);
	fclose(f);
	sync_jparser_close(&p);
	assert_int_equal(ra, rb);
	if (ra == 0)
		assert_string_equal(a.buf, b.buf);
	sb_free(&a);
	sb_free(&b);
}

static void test_lines_from_file(void **state)
{
	(void)state;
	char *a = build(1, "", 1, 3);
	size_t n = strlen(a);
	lines_both_ways(a, n);           /* valid */
	lines_both_ways(a, n - 1);       /* no end line */
	lines_both_ways(a, n - 10);      /* trailer cut */
	lines_both_ways(a, 0);           /* empty */
	const char *end = strstr(a, "{\"t\":\"end\"");
	lines_both_ways(end, strlen(end)); /* the trailer alone */
	static const struct {
		const char *from, *to;
		bool fix;
	} cases[] = {
		{"\"v\":41", "\"v\":42", false}, /* a changed byte */
		{"\"n\":3", "\"n\":2", false},   /* a wrong count */
		{"\"n\":3", "\"n\":4", false},
		{"settlement", "settl\xff" "ment", true}, /* invalid UTF-8 */
	};
	for (size_t i = 0; i < SAM_ARRAY_LEN(cases); i++) {
		char *bad = edit(a, cases[i].from, cases[i].to, cases[i].fix);
		lines_both_ways(bad, strlen(bad));
		free(bad);
	}
	char *nul = xstrdup(a);
	nul[5] = '\0'; /* a NUL in the header */
	lines_both_ways(nul, n);
	free(nul);
	free(a);
}

static void test_size_caps(void **state)
{
	(void)state;
	char *big = xmalloc(SYNC_SEG_MAX_BYTES + 2);
	memset(big, 'x', SYNC_SEG_MAX_BYTES + 1);
	big[SYNC_SEG_MAX_BYTES + 1] = '\0';
	assert_int_equal(parse(big, SYNC_SEG_MAX_BYTES + 1, 1, "", 1, NULL), SYNC_SEG_INVALID);
	free(big);
	/* A builder never makes more than the cap of ops. */
	struct sync_seg_builder b = {0};
	struct sam_op op = {.dev = DEV, .seq = 1, .hlc = 1, .entity = "x", .rid = RID, .field = "y"};
	assert_true(sync_seg_add(&b, &op, SYNC_SEG_MAX_BYTES, 1));
	op.seq = 2;
	assert_false(sync_seg_add(&b, &op, SYNC_SEG_MAX_BYTES, 1));
	sync_seg_builder_free(&b);
}

/* ------------------------------------------------------------ PROPFIND */

static void test_propfind(void **state)
{
	(void)state;
	static const char xml[] =
		"<?xml version=\"1.0\"?>\n"
		"<x:multistatus xmlns:x=\"DAV:\">"
		"<x:response><x:href>/dav/net/heads/</x:href><x:propstat><x:prop><x:resourcetype>"
		"<x:collection/></x:resourcetype></x:prop><x:status>HTTP/1.1 200 OK</x:status>"
		"</x:propstat></x:response>"
		"<x:response><x:href>http://h.example/dav/net/heads/00000000000000a1.json</x:href>"
		"<x:propstat><x:prop><x:getcontentlength>123</x:getcontentlength><x:getetag>\"e1\""
		"</x:getetag></x:prop><x:status>HTTP/1.1 200 OK</x:status></x:propstat>"
		"<x:propstat><x:prop><x:resourcetype/></x:prop><x:status>HTTP/1.1 404 Not Found"
		"</x:status></x:propstat></x:response>"
		"<response xmlns=\"DAV:\"><href>/dav/net/heads/%30%30000000000000b2.JSON</href>"
		"<propstat><prop><getetag>W/\"w\"</getetag></prop><status>HTTP/1.1 200 OK</status>"
		"</propstat></response>"
		"<D:response xmlns:D=\"DAV:\"><D:href>/dav/net/heads/00000000000000c3%2ejson</D:href>"
		"<D:propstat><D:prop><D:getcontentlength>9</D:getcontentlength></D:prop>"
		"<D:status>HTTP/1.1 404 Not Found</D:status></D:propstat></D:response>"
		"<x:response><x:href>/dav/net/heads/.hidden.part</x:href></x:response>"
		"</x:multistatus>";
	struct dav_listing l;
	struct sam_err err;
	assert_int_equal(dav_listing_parse(xml, strlen(xml), "https://h.example/dav/net/heads/", &l,
	                                   &err), 0);
	/* The folder, the upper-case name and the hidden one are left out. */
	assert_int_equal(l.n, 2);
	const struct dav_entry *a = dav_listing_find(&l, "00000000000000a1.json");
	assert_non_null(a);
	assert_int_equal(a->length, 123);
	assert_string_equal(a->etag, "\"e1\"");
	assert_false(a->is_dir);
	const struct dav_entry *c = dav_listing_find(&l, "00000000000000c3.json");
	assert_non_null(c);
	assert_int_equal(c->length, -1); /* from a 404 propstat: not a value */
	dav_listing_free(&l);
	assert_int_equal(dav_listing_parse("<a><b>", 6, "/", &l, &err), -1);
}

static void test_classify(void **state)
{
	(void)state;
	assert_int_equal(webdav_classify(WD_GET, 200), WD_OK);
	assert_int_equal(webdav_classify(WD_GET, 204), WD_TRANSIENT);
	assert_int_equal(webdav_classify(WD_GET, 404), WD_ABSENT);
	assert_int_equal(webdav_classify(WD_PROPFIND, 200), WD_TRANSIENT);
	assert_int_equal(webdav_classify(WD_PROPFIND, 207), WD_OK);
	assert_int_equal(webdav_classify(WD_PUT, 201), WD_OK);
	assert_int_equal(webdav_classify(WD_PUT, 412), WD_EXISTS);
	assert_int_equal(webdav_classify(WD_PUT, 409), WD_NO_PARENT);
	assert_int_equal(webdav_classify(WD_GET, 301), WD_REDIRECT);
	assert_int_equal(webdav_classify(WD_GET, 401), WD_AUTH);
	assert_int_equal(webdav_classify(WD_GET, 403), WD_FORBIDDEN);
	assert_int_equal(webdav_classify(WD_PUT, 507), WD_FULL);
	assert_int_equal(webdav_classify(WD_PUT, 413), WD_TOO_LARGE);
	static const long transient[] = {423, 429, 500, 502, 503, 504, 418, 999};
	for (size_t i = 0; i < SAM_ARRAY_LEN(transient); i++)
		assert_int_equal(webdav_classify(WD_GET, transient[i]), WD_TRANSIENT);
	assert_false(webdav_retryable(WD_AUTH));
	assert_true(webdav_retryable(WD_TRANSIENT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_rejections),
		cmocka_unit_test(test_lines_from_file),
		cmocka_unit_test(test_size_caps),
		cmocka_unit_test(test_propfind),
		cmocka_unit_test(test_classify),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
