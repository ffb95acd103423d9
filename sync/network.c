/* `network create` and `network join`: FORMAT.json, the one file that
 * says a folder holds a samordne network and which one (its ws). It is
 * written once, by create; join only reads it. */
#include <config.h>

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "sync/session.h"

#define FORMAT_FILE "FORMAT.json"
#define FORMAT_CAP 4096
#define LAYOUT 1

/* A random UUID (version 4) names a new network. */
static void new_ws(char out[SYNC_WS_MAX + 1])
{
	unsigned char b[16];
	randombytes_buf(b, sizeof b);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	char hex[33];
	sodium_bin2hex(hex, sizeof hex, b, sizeof b);
	snprintf(out, SYNC_WS_MAX + 1, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16,
	         hex + 20);
}

static bool ws_valid(const char *ws)
{
	size_t n = strlen(ws);
	return n > 0 && n <= SYNC_WS_MAX && strspn(ws, "0123456789abcdef-") == n;
}

enum format_state { FORMAT_FOUND, FORMAT_MISSING, FORMAT_FAILED };

/* Reads FORMAT.json into ws. */
static enum format_state read_format(struct sync_session *s, char ws[SYNC_WS_MAX + 1],
                                     enum sam_sync_outcome *outcome)
{
	enum webdav_result r;
	int attempt = 0;
	while ((r = webdav_get(s->w, FORMAT_FILE, FORMAT_CAP)) != WD_OK && r != WD_ABSENT &&
	       sync_retry_wait(s, r, &attempt))
		;
	if (r == WD_ABSENT)
		return FORMAT_MISSING;
	if (r != WD_OK) {
		*outcome = sync_fail_request(s, r, FORMAT_FILE);
		return FORMAT_FAILED;
	}
	const struct webdav_response *resp = webdav_last(s->w);
	struct sync_jparser p;
	sync_jparser_open(&p, s->db->sql);
	struct sync_jobject o;
	struct sam_err why;
	*outcome = SAM_SYNC_FAILED;
	enum format_state st = FORMAT_FAILED;
	if (sync_json_object(&p, resp->body, resp->len, &o, &why) < 0) {
		sam_fail(s->err, _("%s%s is not a samordne network description (%s)"),
		         webdav_url(s->w), FORMAT_FILE, why.msg);
	} else {
		const char *format = sync_jobject_text(&o, "format");
		const char *id = sync_jobject_text(&o, "ws");
		const struct sync_jmember *layout = sync_jobject_int(&o, "layout");
		if (!format || strcmp(format, "samordne-sync") != 0 || !layout || !id || !ws_valid(id))
			sam_fail(s->err, _("%s%s is not a samordne network description"),
			         webdav_url(s->w), FORMAT_FILE);
		else if (layout->i > LAYOUT)
			sam_fail(s->err, _("the network at %s was made by a newer samordne: update "
			                   "samordne"), webdav_url(s->w));
		else {
			snprintf(ws, SYNC_WS_MAX + 1, "%s", id);
			st = FORMAT_FOUND;
		}
		sync_jobject_free(&o);
	}
	sync_jparser_close(&p);
	return st;
}

/* The database may join only the network it already belongs to. */
static int check_own_network(struct sync_session *s, const char *ws)
{
	char mine[SYNC_WS_MAX + 1];
	char *url = NULL;
	if (!sync_network_get(s->db, mine, &url))
		return 0;
	int rc = 0;
	if (strcmp(mine, ws) != 0)
		rc = sam_fail(s->err, _("this database belongs to another network (at %s); use a new "
		                        "database (--db) for this one"), url);
	free(url);
	return rc;
}

static int make_folders(struct sync_session *s)
{
	static const char *const dirs[] = {"heads/", "log/", "snap/"};
	for (size_t i = 0; i < SAM_ARRAY_LEN(dirs); i++) {
		enum webdav_result r;
		int attempt = 0;
		while ((r = webdav_mkcol(s->w, dirs[i])) != WD_OK && r != WD_EXISTS &&
		       sync_retry_wait(s, r, &attempt))
			;
		if (r != WD_OK && r != WD_EXISTS)
			return sync_fail_request(s, r, dirs[i]);
	}
	return 0;
}

static enum sam_sync_outcome create(struct sync_session *s)
{
	enum sam_sync_outcome outcome = SAM_SYNC_FAILED;
	char ws[SYNC_WS_MAX + 1];
	for (int tries = 0; tries < 2; tries++) {
		switch (read_format(s, ws, &outcome)) {
		case FORMAT_FAILED:
			return outcome;
		case FORMAT_FOUND: {
			char mine[SYNC_WS_MAX + 1];
			if (!sync_network_get(s->db, mine, NULL) || strcmp(mine, ws) != 0) {
				sam_fail(s->err, _("%s already holds a samordne network: join it with "
				                   "'samordne network join %s'"),
				         webdav_url(s->w), webdav_url(s->w));
				return SAM_SYNC_FAILED;
			}
			return make_folders(s) ? SAM_SYNC_FAILED : SAM_SYNC_OK;
		}
		case FORMAT_MISSING:
			break;
		}
		char mine[SYNC_WS_MAX + 1];
		if (!sync_network_get(s->db, mine, NULL))
			new_ws(mine);
		struct strbuf body = {0};
		sb_addf(&body, "{\"format\":\"samordne-sync\",\"layout\":%d,\"ws\":\"%s\"}\n", LAYOUT,
		        mine);
		enum webdav_result r = webdav_put(s->w, FORMAT_FILE, body.buf, body.len, true);
		sb_free(&body);
		if (r == WD_EXISTS)
			continue; /* another creator was first: read what it wrote */
		if (r != WD_OK)
			return sync_fail_request(s, r, FORMAT_FILE);
		if (sync_network_set(s->db, mine, webdav_url(s->w), s->err) < 0)
			return SAM_SYNC_FAILED;
		return make_folders(s) ? SAM_SYNC_FAILED : SAM_SYNC_OK;
	}
	return outcome;
}

/* create, unless the database belongs to another network. */
static enum sam_sync_outcome create_checked(struct sync_session *s)
{
	char ws[SYNC_WS_MAX + 1];
	if (sync_network_get(s->db, ws, NULL) && check_own_network(s, ws) < 0)
		return SAM_SYNC_FAILED;
	return create(s);
}

static enum sam_sync_outcome join(struct sync_session *s)
{
	char ws[SYNC_WS_MAX + 1];
	enum sam_sync_outcome rc = SAM_SYNC_FAILED;
	switch (read_format(s, ws, &rc)) {
	case FORMAT_MISSING:
		sam_fail(s->err, _("there is no samordne network at %s (%s is missing): check the URL, "
		                   "or make one with 'samordne network create'"),
		         webdav_url(s->w), FORMAT_FILE);
		return SAM_SYNC_FAILED;
	case FORMAT_FOUND:
		return check_own_network(s, ws) < 0 ||
		               sync_network_set(s->db, ws, webdav_url(s->w), s->err) < 0
		           ? SAM_SYNC_FAILED
		           : SAM_SYNC_OK;
	case FORMAT_FAILED:
		break;
	}
	return rc;
}

/* Runs create or join on a session with the folder at url. */
static int with_session(struct sam_db *db, const struct sam_sync_settings *set, const char *url,
                        struct sam_err *err, enum sam_sync_outcome (*step)(struct sync_session *))
{
	struct sync_session s;
	if (sync_session_open(&s, db, set, url, err) < 0)
		return SAM_SYNC_FAILED;
	enum sam_sync_outcome rc = step(&s);
	sync_session_close(&s);
	return rc;
}

int sam_sync_network_create(struct sam_db *db, const struct sam_sync_settings *set,
                            const char *url, struct sam_err *err)
{
	return with_session(db, set, url, err, create_checked);
}

int sam_sync_network_join(struct sam_db *db, const struct sam_sync_settings *set,
                          const char *url, struct sam_err *err)
{
	return with_session(db, set, url, err, join);
}
