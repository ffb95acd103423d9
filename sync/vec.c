/* Applied vectors (see vec.h). */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/vec.h"

void sync_vec_free(struct sync_vec *v)
{
	free(v->e);
	*v = (struct sync_vec){0};
}

void sync_vec_set(struct sync_vec *v, const char *dev, int64_t seq)
{
	int i = 0;
	while (i < v->n && strcmp(v->e[i].dev, dev) < 0)
		i++;
	if (i < v->n && strcmp(v->e[i].dev, dev) == 0) {
		v->e[i].seq = seq;
		return;
	}
	v->e = xrealloc(v->e, (size_t)(v->n + 1) * sizeof *v->e);
	memmove(&v->e[i + 1], &v->e[i], (size_t)(v->n - i) * sizeof *v->e);
	snprintf(v->e[i].dev, sizeof v->e[i].dev, "%s", dev);
	v->e[i].seq = seq;
	v->n++;
}

int64_t sync_vec_get(const struct sync_vec *v, const char *dev)
{
	for (int i = 0; i < v->n; i++)
		if (strcmp(v->e[i].dev, dev) == 0)
			return v->e[i].seq;
	return 0;
}

void sync_vec_write(struct strbuf *sb, const struct sync_vec *v)
{
	sb_addc(sb, '{');
	for (int i = 0; i < v->n; i++)
		sb_addf(sb, "%s\"%s\":%" PRId64, i ? "," : "", v->e[i].dev, v->e[i].seq);
	sb_addc(sb, '}');
}

int sync_vec_parse(struct sync_jparser *p, const char *json, struct sync_vec *out,
                   struct sam_err *err)
{
	*out = (struct sync_vec){0};
	struct sync_jobject o;
	if (sync_json_object(p, json, strlen(json), &o, err) < 0)
		return -1;
	for (int i = 0; i < o.n; i++) {
		if (!sam_dev_valid(o.m[i].key) || o.m[i].type != SYNC_J_INT || o.m[i].i < 0) {
			sync_jobject_free(&o);
			sync_vec_free(out);
			return sam_fail(err, _("a malformed applied vector"));
		}
		sync_vec_set(out, o.m[i].key, o.m[i].i);
	}
	sync_jobject_free(&o);
	return 0;
}

void sync_vec_load_held(struct sam_db *db, struct sync_vec *out)
{
	*out = (struct sync_vec){0};
	/* Device by device along the op log's key (dev, seq): a few lookups
	 * each, where GROUP BY would read every op. */
	sqlite3_stmt *st = sam_db_stmt(
		db, "WITH RECURSIVE d (dev) AS (SELECT min(dev) FROM op UNION ALL "
		    "SELECT (SELECT min(dev) FROM op WHERE dev > d.dev) FROM d WHERE d.dev IS NOT NULL) "
		    "SELECT dev, (SELECT max(seq) FROM op WHERE op.dev = d.dev) FROM d "
		    "WHERE dev IS NOT NULL AND dev <> ?");
	sqlite3_bind_text(st, 1, db->dev, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		sync_vec_set(out, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1));
	sqlite3_reset(st);
}

void sync_vec_load(struct sam_db *db, int64_t own_seq, struct sync_vec *out)
{
	*out = (struct sync_vec){0};
	sqlite3_stmt *st = sam_db_stmt(db, "SELECT dev, seq FROM sync_device WHERE seq > 0");
	while (sqlite3_step(st) == SQLITE_ROW)
		sync_vec_set(out, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1));
	sqlite3_reset(st);
	if (own_seq > 0)
		sync_vec_set(out, db->dev, own_seq);
}
