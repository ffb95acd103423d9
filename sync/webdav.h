/* The WebDAV client: one reused libcurl handle (keep-alive) and the few
 * requests sync needs, with SYNC.md's HTTP rules: no redirects followed,
 * TLS verification always on, timeouts, size caps enforced while
 * downloading, and every answer sorted into what the caller can act on. */
#ifndef SAMORDNE_SYNC_WEBDAV_H
#define SAMORDNE_SYNC_WEBDAV_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/common.h"

struct webdav;

/* What an answer means for the caller. Anything not known to mean
 * something else is TRANSIENT: never "absent". */
enum webdav_result {
	WD_OK,
	WD_ABSENT,      /* 404/410 to a GET of a name */
	WD_EXISTS,      /* 412 to a PUT with If-None-Match: * */
	WD_NO_PARENT,   /* 409 to a PUT or MKCOL */
	WD_TRANSIENT,   /* 423/429/5xx, a cut connection, a bad body: retry later */
	WD_AUTH,        /* 401 */
	WD_FORBIDDEN,   /* 403 */
	WD_FULL,        /* 507 */
	WD_TOO_LARGE,   /* 413 */
	WD_REDIRECT,    /* 3xx: a wrong URL */
	WD_UNREACHABLE, /* DNS, connect, timeout: offline or the server is down */
	WD_TLS,         /* a certificate problem */
};

enum webdav_method { WD_GET, WD_PUT, WD_PROPFIND, WD_MKCOL };

/* The meaning of an HTTP status for a method (unit-tested). */
enum webdav_result webdav_classify(enum webdav_method m, long status);
/* Transient, retrying can help. */
bool webdav_retryable(enum webdav_result r);

struct webdav_opts {
	const char *url;      /* the folder, with or without a trailing slash */
	const char *user;     /* NULL: from ~/.netrc */
	const char *password; /* NULL: from ~/.netrc */
	const char *ca_file;
	const char *netrc_file; /* NULL: ~/.netrc */
};

/* The answer to the last request. */
struct webdav_response {
	long status;
	char *body; /* NUL-terminated; len bytes */
	size_t len;
	char *location;   /* of a 3xx */
	long retry_after; /* seconds, 0 if none */
	char *etag;
	int64_t date; /* the Date header, seconds since the epoch; 0 if none */
};

int webdav_open(const struct webdav_opts *o, struct webdav **out, struct sam_err *err);
void webdav_close(struct webdav *w);

/* The folder URL, with its trailing slash. */
const char *webdav_url(const struct webdav *w);
const struct webdav_response *webdav_last(const struct webdav *w);

/* GET path (relative to the folder): 200, not text/html, the length as
 * announced, at most cap bytes. */
enum webdav_result webdav_get(struct webdav *w, const char *path, size_t cap);
/* The same with the body written to the file to (webdav_last's body
 * stays empty; its len counts the bytes written). */
enum webdav_result webdav_get_file(struct webdav *w, const char *path, size_t cap, FILE *to);
/* PUT exactly these bytes; if_none_match: send If-None-Match: *. */
enum webdav_result webdav_put(struct webdav *w, const char *path, const char *bytes, size_t len,
                              bool if_none_match);
/* PROPFIND with a small explicit <prop>; depth 0 or 1; 207 expected. */
enum webdav_result webdav_propfind(struct webdav *w, const char *path, int depth);
enum webdav_result webdav_mkcol(struct webdav *w, const char *path);

/* An HTTP date ("Sun, 22 Nov 2026 13:45:00 GMT") in seconds since the
 * epoch; -1 if it is not one. */
int64_t webdav_parse_date(const char *s);

/* The server's clock minus ours, from the Date headers seen (ms); false if
 * no answer carried one. */
bool webdav_clock_offset(const struct webdav *w, int64_t *offset_ms);

/* One sentence for the user on why a request failed. */
void webdav_explain(const struct webdav *w, enum webdav_result r, const char *path,
                    struct sam_err *err);

#endif
