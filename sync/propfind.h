/* Reading a PROPFIND Depth: 1 answer (207 Multi-Status) with a
 * namespace-aware parser: prefixes vary between servers, each propstat
 * has its own status, hrefs may be absolute URLs or paths and are
 * percent-encoded in either case. Only names matching SYNC.md's pattern
 * are returned; the listed folder itself is not. */
#ifndef SAMORDNE_SYNC_PROPFIND_H
#define SAMORDNE_SYNC_PROPFIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/common.h"

struct dav_entry {
	char *name;     /* the last path segment, decoded, without a slash */
	bool is_dir;
	int64_t length; /* -1 if not listed */
	char *etag;     /* NULL if not listed */
	bool weak_etag;
	char *modified; /* getlastmodified as sent, NULL if not listed */
};

struct dav_listing {
	struct dav_entry *e;
	int n;
};

/* folder_path: the listed folder's path on the server ("/dav/x/heads/"),
 * to leave it out. */
int dav_listing_parse(const char *xml, size_t len, const char *folder_path,
                      struct dav_listing *out, struct sam_err *err);
void dav_listing_free(struct dav_listing *l);

const struct dav_entry *dav_listing_find(const struct dav_listing *l, const char *name);

/* ^[a-z0-9][a-z0-9.-]{0,63}$ */
bool dav_name_valid(const char *name);

/* The path of a URL ("https://h/a/b/" → "/a/b/"), decoded. Newly allocated. */
char *dav_url_path(const char *url);

#endif
