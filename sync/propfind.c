/* PROPFIND answers (see propfind.h), parsed by expat in namespace mode. */
#include <config.h>

#include <expat.h>
#include <stdlib.h>
#include <string.h>

#include "sync/propfind.h"

/* Expat joins namespace and local name with this separator. */
#define NS_SEP '|'
#define DAV(local) "DAV:|" local

bool dav_name_valid(const char *name)
{
	size_t n = strlen(name);
	if (n < 1 || n > 64)
		return false;
	if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= '0' && name[0] <= '9')))
		return false;
	for (size_t i = 1; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'))
			return false;
	}
	return true;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decoding; a malformed escape is kept as it is. */
static char *percent_decode(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (s[i] == '%' && i + 2 < n &&
		    (hi = hexval(s[i + 1])) >= 0 && (lo = hexval(s[i + 2])) >= 0) {
			out[k++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[k++] = s[i];
		}
	}
	out[k] = '\0';
	return out;
}

char *dav_url_path(const char *url)
{
	const char *p = url;
	size_t scheme = strspn(url, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+.-");
	if (scheme > 0 && strncmp(url + scheme, "://", 3) == 0) {
		p = strchr(url + scheme + 3, '/');
		if (!p)
			return xstrdup("/");
	}
	size_t n = strcspn(p, "?#");
	return percent_decode(p, n);
}

struct parse {
	struct dav_listing *out;
	char *folder;
	struct strbuf text; /* character data of the current element */
	int depth_response;
	/* the response being read */
	char *href;
	bool in_propstat, in_prop, is_dir;
	bool ps_is_dir;
	int64_t ps_length, length;
	char *ps_etag, *etag;
	char *ps_modified, *modified;
	bool got_props;
	int cap;
};

static void clear_propstat(struct parse *p)
{
	p->ps_is_dir = false;
	p->ps_length = -1;
	free(p->ps_etag);
	p->ps_etag = NULL;
	free(p->ps_modified);
	p->ps_modified = NULL;
}

static void clear_response(struct parse *p)
{
	free(p->href);
	p->href = NULL;
	free(p->etag);
	p->etag = NULL;
	free(p->modified);
	p->modified = NULL;
	p->is_dir = false;
	p->length = -1;
	clear_propstat(p);
}

static void XMLCALL on_start(void *ctx, const XML_Char *name, const XML_Char **attrs)
{
	(void)attrs;
	struct parse *p = ctx;
	p->text.len = 0;
	if (p->text.buf)
		p->text.buf[0] = '\0';
	if (strcmp(name, DAV("response")) == 0)
		clear_response(p);
	else if (strcmp(name, DAV("propstat")) == 0) {
		clear_propstat(p);
		p->in_propstat = true;
	} else if (strcmp(name, DAV("collection")) == 0 && p->in_propstat)
		p->ps_is_dir = true;
}

static char *trimmed(const struct strbuf *sb)
{
	const char *s = sb->buf ? sb->buf : "";
	size_t n = sb->len;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == '\t'))
		n--;
	while (n && (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')) {
		s++;
		n--;
	}
	return xstrndup(s, n);
}

/* "HTTP/1.1 200 OK" → 200 */
static int status_code(const char *line)
{
	const char *sp = strchr(line, ' ');
	return sp ? atoi(sp + 1) : 0;
}

static void add_entry(struct parse *p)
{
	if (!p->href)
		return;
	char *path = dav_url_path(p->href);
	size_t n = strlen(path);
	bool slash = n > 0 && path[n - 1] == '/';
	if (slash)
		path[--n] = '\0';
	const char *folder = p->folder;
	size_t fn = strlen(folder);
	while (fn > 0 && folder[fn - 1] == '/')
		fn--;
	bool is_folder = n == fn && strncmp(path, folder, fn) == 0;
	const char *last = strrchr(path, '/');
	last = last ? last + 1 : path;
	if (!is_folder && dav_name_valid(last)) {
		struct dav_listing *l = p->out;
		if (l->n == p->cap) {
			p->cap = p->cap ? 2 * p->cap : 16;
			l->e = xrealloc(l->e, (size_t)p->cap * sizeof *l->e);
		}
		struct dav_entry *e = &l->e[l->n++];
		*e = (struct dav_entry){.name = xstrdup(last), .is_dir = p->is_dir || slash,
		                        .length = p->length, .etag = p->etag,
		                        .modified = p->modified};
		e->weak_etag = e->etag && strncmp(e->etag, "W/", 2) == 0;
		p->etag = p->modified = NULL;
	}
	free(path);
}

static void XMLCALL on_end(void *ctx, const XML_Char *name)
{
	struct parse *p = ctx;
	char *text = NULL;
	if (strcmp(name, DAV("href")) == 0 && !p->in_propstat) {
		free(p->href);
		p->href = trimmed(&p->text);
	} else if (strcmp(name, DAV("getcontentlength")) == 0 && p->in_propstat) {
		text = trimmed(&p->text);
		char *end;
		long long v = strtoll(text, &end, 10);
		p->ps_length = *text && !*end && v >= 0 ? v : -1;
	} else if (strcmp(name, DAV("getetag")) == 0 && p->in_propstat) {
		free(p->ps_etag);
		p->ps_etag = trimmed(&p->text);
	} else if (strcmp(name, DAV("getlastmodified")) == 0 && p->in_propstat) {
		free(p->ps_modified);
		p->ps_modified = trimmed(&p->text);
	} else if (strcmp(name, DAV("status")) == 0 && p->in_propstat) {
		text = trimmed(&p->text);
		/* Only the properties of a 200 propstat are values; a 404
		 * propstat lists what the server does not have. */
		if (status_code(text) == 200) {
			p->is_dir = p->is_dir || p->ps_is_dir;
			if (p->ps_length >= 0)
				p->length = p->ps_length;
			if (p->ps_etag) {
				free(p->etag);
				p->etag = p->ps_etag;
				p->ps_etag = NULL;
			}
			if (p->ps_modified) {
				free(p->modified);
				p->modified = p->ps_modified;
				p->ps_modified = NULL;
			}
		}
	} else if (strcmp(name, DAV("propstat")) == 0) {
		p->in_propstat = false;
		clear_propstat(p);
	} else if (strcmp(name, DAV("response")) == 0) {
		add_entry(p);
		clear_response(p);
	}
	free(text);
	p->text.len = 0;
	if (p->text.buf)
		p->text.buf[0] = '\0';
}

static void XMLCALL on_text(void *ctx, const XML_Char *s, int len)
{
	struct parse *p = ctx;
	if (p->text.len + (size_t)len < 64 * 1024)
		sb_addn(&p->text, s, (size_t)len);
}

int dav_listing_parse(const char *xml, size_t len, const char *folder_path,
                      struct dav_listing *out, struct sam_err *err)
{
	*out = (struct dav_listing){0};
	XML_Parser x = XML_ParserCreateNS("UTF-8", NS_SEP);
	if (!x)
		fatal("out of memory");
	struct parse p = {.out = out, .folder = dav_url_path(folder_path), .length = -1,
	                  .ps_length = -1};
	XML_SetUserData(x, &p);
	XML_SetElementHandler(x, on_start, on_end);
	XML_SetCharacterDataHandler(x, on_text);
	/* No external entities or DTDs from a server. */
	XML_SetParamEntityParsing(x, XML_PARAM_ENTITY_PARSING_NEVER);
	int rc = 0;
	if (XML_Parse(x, xml, (int)len, XML_TRUE) == XML_STATUS_ERROR) {
		rc = sam_fail(err, _("the server's folder listing is not valid XML (line %lu: %s)"),
		              (unsigned long)XML_GetCurrentLineNumber(x),
		              XML_ErrorString(XML_GetErrorCode(x)));
		dav_listing_free(out);
	}
	XML_ParserFree(x);
	clear_response(&p);
	sb_free(&p.text);
	free(p.folder);
	return rc;
}

void dav_listing_free(struct dav_listing *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->e[i].name);
		free(l->e[i].etag);
		free(l->e[i].modified);
	}
	free(l->e);
	*l = (struct dav_listing){0};
}

const struct dav_entry *dav_listing_find(const struct dav_listing *l, const char *name)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->e[i].name, name) == 0)
			return &l->e[i];
	return NULL;
}
