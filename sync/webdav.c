/* The WebDAV client over one libcurl easy handle (see webdav.h). */
#include <config.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/clock.h"
#include "sync/webdav.h"

#define CONNECT_TIMEOUT_S 15L
#define LOW_SPEED_BYTES 1024L
#define LOW_SPEED_TIME_S 30L

struct webdav {
	CURL *h;
	char *base;
	struct curl_slist *hdr_get, *hdr_put, *hdr_put_new, *hdr_propfind[2];
	char errbuf[CURL_ERROR_SIZE];
	struct webdav_response r;
	size_t cap;
	bool over_cap, html;
	/* PUT body */
	const char *up;
	size_t up_len, up_pos;
	bool have_offset;
	int64_t offset_ms;
	CURLcode last_curl;
};

enum webdav_result webdav_classify(enum webdav_method m, long status)
{
	if (status >= 200 && status < 300) {
		if (m == WD_GET)
			return status == 200 ? WD_OK : WD_TRANSIENT;
		if (m == WD_PROPFIND)
			return status == 207 ? WD_OK : WD_TRANSIENT;
		return WD_OK;
	}
	if (status >= 300 && status < 400)
		return WD_REDIRECT;
	switch (status) {
	case 401:
		return WD_AUTH;
	case 403:
		return WD_FORBIDDEN;
	case 404:
	case 410:
		/* Only a name that was asked for can be absent; a missing
		 * folder for a PUT is a missing parent. */
		return m == WD_PUT ? WD_NO_PARENT : WD_ABSENT;
	case 405:
		/* MKCOL of a folder that exists. */
		return m == WD_MKCOL ? WD_EXISTS : WD_TRANSIENT;
	case 409:
		return WD_NO_PARENT;
	case 412:
		return m == WD_PUT ? WD_EXISTS : WD_TRANSIENT;
	case 413:
		return WD_TOO_LARGE;
	case 507:
		return WD_FULL;
	default:
		return WD_TRANSIENT;
	}
}

bool webdav_retryable(enum webdav_result r)
{
	return r == WD_TRANSIENT;
}

static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
	struct webdav *w = ctx;
	size_t len = size * n;
	if (w->r.len + len > w->cap) {
		w->over_cap = true;
		return 0; /* aborts the transfer */
	}
	w->r.body = xrealloc(w->r.body, w->r.len + len + 1);
	memcpy(w->r.body + w->r.len, data, len);
	w->r.len += len;
	w->r.body[w->r.len] = '\0';
	return len;
}

static char *header_value(const char *line, size_t len, const char *name)
{
	size_t nl = strlen(name);
	if (len <= nl || strncasecmp(line, name, nl) != 0 || line[nl] != ':')
		return NULL;
	const char *v = line + nl + 1;
	const char *end = line + len;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
		end--;
	return xstrndup(v, (size_t)(end - v));
}

int64_t webdav_parse_date(const char *s)
{
	time_t t = curl_getdate(s, NULL);
	return t > 0 ? (int64_t)t : -1;
}

static void note_date(struct webdav *w, const char *date)
{
	int64_t t = webdav_parse_date(date);
	if (t < 0)
		return;
	w->r.date = t;
	/* The Date header has whole seconds: take the middle of the second. */
	int64_t server_ms = (int64_t)t * 1000 + 500;
	w->offset_ms = server_ms - sam_clock_now_ms();
	w->have_offset = true;
}

static size_t on_header(char *line, size_t size, size_t n, void *ctx)
{
	struct webdav *w = ctx;
	size_t len = size * n;
	if (len >= 5 && strncmp(line, "HTTP/", 5) == 0) {
		/* A new answer (after a 100 Continue, say): forget the last. */
		free(w->r.location);
		free(w->r.etag);
		w->r.location = w->r.etag = NULL;
		w->html = false;
		return len;
	}
	char *v;
	if ((v = header_value(line, len, "Location"))) {
		free(w->r.location);
		w->r.location = v;
	} else if ((v = header_value(line, len, "ETag"))) {
		free(w->r.etag);
		w->r.etag = v;
	} else if ((v = header_value(line, len, "Date"))) {
		note_date(w, v);
		free(v);
	} else if ((v = header_value(line, len, "Content-Type"))) {
		w->html = strncasecmp(v, "text/html", 9) == 0;
		free(v);
	} else if ((v = header_value(line, len, "Content-Length"))) {
		/* Refuse early what cannot fit. */
		bool too_big = strtoull(v, NULL, 10) > w->cap;
		free(v);
		if (too_big) {
			w->over_cap = true;
			return 0;
		}
	}
	return len;
}

static size_t on_upload(char *buf, size_t size, size_t n, void *ctx)
{
	struct webdav *w = ctx;
	size_t room = size * n, left = w->up_len - w->up_pos;
	size_t k = left < room ? left : room;
	memcpy(buf, w->up + w->up_pos, k);
	w->up_pos += k;
	return k;
}

static long env_seconds(const char *name, long dflt)
{
	const char *v = getenv(name);
	long s = v && *v ? strtol(v, NULL, 10) : 0;
	return s > 0 ? s : dflt;
}

static struct curl_slist *headers(const char *const *lines)
{
	struct curl_slist *l = NULL;
	for (; *lines; lines++) {
		struct curl_slist *next = curl_slist_append(l, *lines);
		if (!next)
			fatal("out of memory");
		l = next;
	}
	return l;
}

int webdav_open(const struct webdav_opts *o, struct webdav **out, struct sam_err *err)
{
	*out = NULL;
	static bool curl_ready;
	if (!curl_ready && curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		return sam_fail(err, _("cannot start the network library"));
	curl_ready = true;
	struct webdav *w = xcalloc(1, sizeof *w);
	w->h = curl_easy_init();
	if (!w->h) {
		free(w);
		return sam_fail(err, _("cannot start the network library"));
	}
	size_t n = strlen(o->url);
	w->base = n && o->url[n - 1] == '/' ? xstrdup(o->url) : xasprintf("%s/", o->url);
	static const char *const get[] = {"Cache-Control: no-cache", NULL};
	static const char *const put[] = {"Expect:", "Content-Type: application/octet-stream", NULL};
	static const char *const put_new[] = {"Expect:", "Content-Type: application/octet-stream",
	                                      "If-None-Match: *", NULL};
	static const char *const pf0[] = {"Depth: 0", "Content-Type: application/xml; charset=utf-8",
	                                  "Cache-Control: no-cache", NULL};
	static const char *const pf1[] = {"Depth: 1", "Content-Type: application/xml; charset=utf-8",
	                                  "Cache-Control: no-cache", NULL};
	w->hdr_get = headers(get);
	w->hdr_put = headers(put);
	w->hdr_put_new = headers(put_new);
	w->hdr_propfind[0] = headers(pf0);
	w->hdr_propfind[1] = headers(pf1);
	CURL *h = w->h;
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, w->errbuf);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	if (o->ca_file && *o->ca_file)
		curl_easy_setopt(h, CURLOPT_CAINFO, o->ca_file);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, env_seconds("SAMORDNE_SYNC_CONNECT_TIMEOUT",
	                                                        CONNECT_TIMEOUT_S));
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, LOW_SPEED_BYTES);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, env_seconds("SAMORDNE_SYNC_LOW_SPEED_TIME",
	                                                        LOW_SPEED_TIME_S));
	/* HTTP/1.1, as measured in SYNC.md: over HTTP/2 a server that answers
	 * a PUT early (409 to a missing folder, 412) resets the stream, and
	 * libcurl 7.88 then reports "Stream error in the HTTP/2 framing layer"
	 * instead of the answer (seen with lighttpd 1.4.69 over https). */
	curl_easy_setopt(h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
	curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "samordne/" PACKAGE_VERSION);
	curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
	if (o->user && *o->user)
		curl_easy_setopt(h, CURLOPT_USERNAME, o->user);
	if (o->password)
		curl_easy_setopt(h, CURLOPT_PASSWORD, o->password);
	else
		curl_easy_setopt(h, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
	if (o->netrc_file && *o->netrc_file)
		curl_easy_setopt(h, CURLOPT_NETRC_FILE, o->netrc_file);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, w);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, w);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, on_upload);
	curl_easy_setopt(h, CURLOPT_READDATA, w);
	*out = w;
	return 0;
}

void webdav_close(struct webdav *w)
{
	if (!w)
		return;
	curl_easy_cleanup(w->h);
	curl_slist_free_all(w->hdr_get);
	curl_slist_free_all(w->hdr_put);
	curl_slist_free_all(w->hdr_put_new);
	curl_slist_free_all(w->hdr_propfind[0]);
	curl_slist_free_all(w->hdr_propfind[1]);
	free(w->r.body);
	free(w->r.location);
	free(w->r.etag);
	free(w->base);
	free(w);
}

const char *webdav_url(const struct webdav *w)
{
	return w->base;
}

const struct webdav_response *webdav_last(const struct webdav *w)
{
	return &w->r;
}

bool webdav_clock_offset(const struct webdav *w, int64_t *offset_ms)
{
	*offset_ms = w->offset_ms;
	return w->have_offset;
}

static void reset_response(struct webdav *w, size_t cap)
{
	free(w->r.body);
	free(w->r.location);
	free(w->r.etag);
	w->r = (struct webdav_response){0};
	w->cap = cap;
	w->over_cap = w->html = false;
	w->errbuf[0] = '\0';
}

static enum webdav_result curl_failure(CURLcode c)
{
	switch (c) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
		return WD_UNREACHABLE;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
		return WD_TLS;
	default:
		/* A cut connection, a partial body, a size cap: the answer is
		 * unknown, so the request may be retried. */
		return WD_TRANSIENT;
	}
}

static enum webdav_result perform(struct webdav *w, enum webdav_method m, const char *path)
{
	char *url = xasprintf("%s%s", w->base, path);
	curl_easy_setopt(w->h, CURLOPT_URL, url);
	w->last_curl = curl_easy_perform(w->h);
	free(url);
	if (w->last_curl != CURLE_OK)
		return curl_failure(w->last_curl);
	curl_easy_getinfo(w->h, CURLINFO_RESPONSE_CODE, &w->r.status);
	curl_off_t ra = 0;
	if (curl_easy_getinfo(w->h, CURLINFO_RETRY_AFTER, &ra) == CURLE_OK && ra > 0)
		w->r.retry_after = (long)ra;
	enum webdav_result res = webdav_classify(m, w->r.status);
	if (res != WD_OK || (m != WD_GET && m != WD_PROPFIND))
		return res;
	/* Some servers answer 200 with an HTML page where a file is missing;
	 * and a body must be as long as announced. */
	curl_off_t cl = -1;
	curl_easy_getinfo(w->h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl);
	if (w->html || (cl >= 0 && (size_t)cl != w->r.len))
		return WD_TRANSIENT;
	if (!w->r.body)
		w->r.body = xstrdup("");
	return WD_OK;
}

static void set_method(struct webdav *w, const char *custom, struct curl_slist *hdr)
{
	curl_easy_setopt(w->h, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(w->h, CURLOPT_UPLOAD, 0L);
	curl_easy_setopt(w->h, CURLOPT_CUSTOMREQUEST, custom);
	curl_easy_setopt(w->h, CURLOPT_HTTPHEADER, hdr);
}

enum webdav_result webdav_get(struct webdav *w, const char *path, size_t cap)
{
	reset_response(w, cap);
	set_method(w, NULL, w->hdr_get);
	return perform(w, WD_GET, path);
}

/* webdav_get_file: the body goes to a file, counted as webdav_get's is. */
struct body_file {
	struct webdav *w;
	FILE *f;
};

static size_t on_body_file(char *data, size_t size, size_t n, void *ctx)
{
	struct body_file *b = ctx;
	size_t len = size * n;
	if (b->w->r.len + len > b->w->cap) {
		b->w->over_cap = true;
		return 0;
	}
	if (fwrite(data, 1, len, b->f) != len)
		return 0; /* aborts the transfer: a full disk is a failed request */
	b->w->r.len += len;
	return len;
}

enum webdav_result webdav_get_file(struct webdav *w, const char *path, size_t cap, FILE *to)
{
	struct body_file b = {w, to};
	reset_response(w, cap);
	set_method(w, NULL, w->hdr_get);
	curl_easy_setopt(w->h, CURLOPT_WRITEFUNCTION, on_body_file);
	curl_easy_setopt(w->h, CURLOPT_WRITEDATA, &b);
	enum webdav_result r = perform(w, WD_GET, path);
	curl_easy_setopt(w->h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(w->h, CURLOPT_WRITEDATA, w);
	if (fflush(to) != 0 && r == WD_OK)
		r = WD_TRANSIENT;
	return r;
}

enum webdav_result webdav_put(struct webdav *w, const char *path, const char *bytes, size_t len,
                              bool if_none_match)
{
	reset_response(w, 64 * 1024);
	set_method(w, NULL, if_none_match ? w->hdr_put_new : w->hdr_put);
	w->up = bytes;
	w->up_len = len;
	w->up_pos = 0;
	curl_easy_setopt(w->h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(w->h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	enum webdav_result r = perform(w, WD_PUT, path);
	curl_easy_setopt(w->h, CURLOPT_UPLOAD, 0L);
	return r;
}

static const char propfind_body[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<d:propfind xmlns:d=\"DAV:\"><d:prop><d:resourcetype/><d:getcontentlength/>"
	"<d:getetag/><d:getlastmodified/></d:prop></d:propfind>\n";

/* A listing of 10,000 entries is about 3 MB. */
#define PROPFIND_CAP (32 * 1024 * 1024)

enum webdav_result webdav_propfind(struct webdav *w, const char *path, int depth)
{
	reset_response(w, PROPFIND_CAP);
	set_method(w, "PROPFIND", w->hdr_propfind[depth ? 1 : 0]);
	curl_easy_setopt(w->h, CURLOPT_POSTFIELDS, propfind_body);
	curl_easy_setopt(w->h, CURLOPT_POSTFIELDSIZE, (long)(sizeof propfind_body - 1));
	return perform(w, WD_PROPFIND, path);
}

enum webdav_result webdav_mkcol(struct webdav *w, const char *path)
{
	reset_response(w, 64 * 1024);
	set_method(w, "MKCOL", w->hdr_get);
	return perform(w, WD_MKCOL, path);
}

void webdav_explain(const struct webdav *w, enum webdav_result r, const char *path,
                    struct sam_err *err)
{
	const char *detail = w->errbuf[0] ? w->errbuf : curl_easy_strerror(w->last_curl);
	switch (r) {
	case WD_AUTH:
		sam_fail(err, _("wrong user name or password for %s (401)"), w->base);
		break;
	case WD_FORBIDDEN:
		sam_fail(err, _("no access to %s%s (403): ask the folder's owner to share it with you"),
		         w->base, path);
		break;
	case WD_ABSENT:
		sam_fail(err, _("%s%s does not exist (404): is the URL right?"), w->base, path);
		break;
	case WD_REDIRECT:
		sam_fail(err, _("the server sends %s%s on to %s (%ld): the URL is probably wrong"),
		         w->base, path, w->r.location ? w->r.location : "?", w->r.status);
		break;
	case WD_FULL:
		sam_fail(err, _("the server is full (507): changes stay on this laptop until there is "
		                "room"));
		break;
	case WD_TOO_LARGE:
		sam_fail(err, _("the server refuses a file this large (413)"));
		break;
	case WD_TLS:
		sam_fail(err, _("certificate problem with %s: %s"), w->base, detail);
		break;
	case WD_UNREACHABLE:
		if (w->last_curl == CURLE_COULDNT_RESOLVE_HOST)
			sam_fail(err, _("offline? cannot find the server of %s (DNS): %s"), w->base,
			         detail);
		else if (w->last_curl == CURLE_OPERATION_TIMEDOUT)
			sam_fail(err, _("offline? the server of %s did not answer in time"), w->base);
		else
			sam_fail(err, _("offline? cannot reach %s: %s"), w->base, detail);
		break;
	default:
		if (w->last_curl != CURLE_OK)
			sam_fail(err, _("the server's answer for %s%s was cut off or unusable: %s"),
			         w->base, path, detail);
		else
			sam_fail(err, _("the server answered %ld for %s%s; will retry"), w->r.status,
			         w->base, path);
		break;
	}
}
