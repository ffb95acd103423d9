/* Heads (see head.h). */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/schema.h"
#include "sync/head.h"
#include "sync/push.h"

/* What the head says, less its time: the minutes of the clock offset
 * stand for it (other laptops flag a clock minutes off, not seconds). As
 * a key to keep in the local table. */
static int64_t head_key(const struct strbuf *say, int64_t offset_ms)
{
	struct strbuf b = {0};
	sb_addf(&b, "%s %" PRId64, say->buf, offset_ms / 60000);
	int64_t key = sync_hash_key(b.buf, b.len);
	sb_free(&b);
	return key;
}

enum sam_sync_outcome sync_head_put(struct sync_session *s, bool refresh,
                                    const struct sync_own_head *own)
{
	struct sam_db *db = s->db;
	char sha[SYNC_SHA_HEX];
	int64_t last_seq;
	int64_t seg = sync_own_verified(db, sha, &last_seq);
	struct sync_vec vec;
	sync_vec_load(db, last_seq, &vec);
	struct strbuf b = {0};
	sb_add(&b, "{\"ws\":");
	sync_json_str(&b, s->ws);
	sb_addf(&b, ",\"dev\":\"%s\",\"seg\":%" PRId64 ",\"sha256\":\"%s\",\"vec\":", db->dev, seg,
	        sha);
	sync_vec_write(&b, &vec);
	sb_addf(&b, ",\"app\":\"%s\",\"schema_max\":%d", PACKAGE_VERSION, SYNC_DATA_SCHEMA);
	sync_vec_free(&vec);
	int64_t offset = sam_db_local_int(db, "clock_offset_ms", 0);
	int64_t key = head_key(&b, offset);
	/* Unchanged, and the server still holds what we wrote last (by its
	 * length, if listed): rewriting it would only cost a request. The
	 * full check rewrites it anyway, so its time, which others show as
	 * when this laptop was last seen, stays recent enough. */
	if (!refresh && own->listed &&
	    (own->length < 0 || own->length == sam_db_local_int(db, "head_length", -1)) &&
	    key == sam_db_local_int(db, "head_key", -1)) {
		sb_free(&b);
		return SAM_SYNC_OK;
	}
	sb_addf(&b, ",\"time\":%" PRId64 ",\"clock_offset_ms\":%" PRId64 "}\n", sam_clock_now_ms(),
	        offset);
	char *path = xasprintf("heads/%s.json", db->dev);
	enum webdav_result r;
	int attempt = 0;
	for (;;) {
		r = webdav_put(s->w, path, b.buf, b.len, false);
		if (r == WD_NO_PARENT && attempt++ < 2) {
			webdav_mkcol(s->w, "heads/");
			continue;
		}
		if (r != WD_OK && sync_retry_wait(s, r, &attempt))
			continue;
		break;
	}
	enum sam_sync_outcome rc = SAM_SYNC_OK;
	if (r == WD_OK) {
		sam_db_local_set_int(db, "head_key", key);
		sam_db_local_set_int(db, "head_length", (int64_t)b.len);
	} else {
		rc = sync_fail_request(s, r, path);
	}
	free(path);
	sb_free(&b);
	return rc;
}

int sync_head_parse(struct sync_session *s, const char *dev, const char *body, size_t len,
                    struct sync_head *out)
{
	*out = (struct sync_head){0};
	struct sync_jparser p;
	sync_jparser_open(&p, s->db->sql);
	struct sync_jobject o;
	struct sam_err why;
	int rc = -1;
	if (sync_json_object(&p, body, len, &o, &why) == 0) {
		const char *ws = sync_jobject_text(&o, "ws"), *d = sync_jobject_text(&o, "dev");
		const struct sync_jmember *seg = sync_jobject_int(&o, "seg");
		const struct sync_jmember *t = sync_jobject_int(&o, "time");
		const struct sync_jmember *off = sync_jobject_int(&o, "clock_offset_ms");
		if (ws && strcmp(ws, s->ws) == 0 && d && strcmp(d, dev) == 0 && seg && seg->i >= 0) {
			snprintf(out->dev, sizeof out->dev, "%s", d);
			out->seg = seg->i;
			out->time_ms = t ? t->i : 0;
			out->clock_offset_ms = off ? off->i : 0;
			rc = 0;
		}
		sync_jobject_free(&o);
	}
	sync_jparser_close(&p);
	return rc;
}
