/* Conflicts from the op log (see conflict.h). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/conflict.h"
#include "core/write.h"

char *sam_device_who(struct sam_db *db, const char *dev)
{
	sqlite3_stmt *st = sam_db_stmt(db, "SELECT user_name, label FROM device WHERE dev = ? AND "
	                                   "deleted = 0");
	sqlite3_bind_text(st, 1, dev, -1, SQLITE_STATIC);
	char *who = NULL;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *user = (const char *)sqlite3_column_text(st, 0);
		const char *label = (const char *)sqlite3_column_text(st, 1);
		bool u = user && *user, l = label && *label;
		if (u && l)
			who = xasprintf("%s, %s", user, label);
		else if (u || l)
			who = xstrdup(u ? user : label);
	}
	sqlite3_reset(st);
	return who ? who : xstrdup(dev);
}

static const char sql_vec_at[] =
	"SELECT json_extract(vec, '$.\"' || ?3 || '\"') FROM sync_segment WHERE dev = ?1 AND first <= ?2 "
	"AND last >= ?2";
/* What this laptop holds of a device: see sync_vec_load_held. */
static const char sql_held[] = "SELECT max(seq) FROM op WHERE dev = ?";

/* Had op (xdev, xseq) seen op (ydev, yseq) when it was made? An op in no
 * segment yet is this laptop's own, made under what is applied now. */
static bool had_seen(struct sam_db *db, const char *xdev, int64_t xseq, const char *ydev,
                     int64_t yseq)
{
	if (strcmp(xdev, ydev) == 0)
		return xseq > yseq;
	sqlite3_stmt *st = sam_db_stmt(db, sql_vec_at);
	sqlite3_bind_text(st, 1, xdev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, xseq);
	sqlite3_bind_text(st, 3, ydev, -1, SQLITE_STATIC);
	int64_t seen = -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		seen = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (seen < 0 && strcmp(xdev, db->dev) == 0) {
		st = sam_db_stmt(db, sql_held);
		sqlite3_bind_text(st, 1, ydev, -1, SQLITE_STATIC);
		seen = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
	}
	return seen >= yseq;
}

/* Each device's latest op on a field that is not the winner and holds a
 * different value. The unary + keeps SQLite from reading a device's later
 * ops by the primary key (all of them, for every op: quadratic) instead of
 * the record's few by op_record. */
static const char sql_candidates[] =
	"SELECT w.entity, w.rid, w.field, w.dev, w.seq, w.hlc, w.value, l.dev, l.seq, l.hlc, l.value"
	"  FROM field_clock w JOIN op l ON l.rid = w.rid AND l.entity = w.entity"
	"   AND l.field = w.field AND l.dev <> w.dev"
	" WHERE l.value IS NOT w.value"
	"   AND NOT EXISTS (SELECT 1 FROM op l2 WHERE l2.rid = l.rid AND l2.entity = l.entity"
	"                   AND l2.field = l.field AND +l2.dev = l.dev AND l2.seq > l.seq)"
	"   AND NOT EXISTS (SELECT 1 FROM conflict_dismissed d WHERE d.dev = l.dev AND d.seq = l.seq)"
	" ORDER BY w.entity, w.rid, w.field, l.dev";

static void side(struct sam_db *db, struct sam_conflict_side *s, sqlite3_stmt *st, int col)
{
	snprintf(s->dev, sizeof s->dev, "%s", (const char *)sqlite3_column_text(st, col));
	s->seq = sqlite3_column_int64(st, col + 1);
	s->ms = SAM_HLC_MS(sqlite3_column_int64(st, col + 2));
	sam_value_from_column(&s->value, st, col + 3);
	s->who = sam_device_who(db, s->dev);
}

int sam_conflicts_load(struct sam_db *db, struct sam_conflicts *out, struct sam_err *err)
{
	*out = (struct sam_conflicts){0};
	sqlite3_stmt *st;
	/* A statement of its own: had_seen uses the cached ones meanwhile. */
	if (sqlite3_prepare_v2(db->sql, sql_candidates, -1, &st, NULL) != SQLITE_OK)
		return sam_db_fail(db, err);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *wdev = (const char *)sqlite3_column_text(st, 3);
		const char *ldev = (const char *)sqlite3_column_text(st, 7);
		int64_t wseq = sqlite3_column_int64(st, 4), lseq = sqlite3_column_int64(st, 8);
		if (had_seen(db, wdev, wseq, ldev, lseq) || had_seen(db, ldev, lseq, wdev, wseq))
			continue;
		out->c = xrealloc(out->c, (size_t)(out->n + 1) * sizeof *out->c);
		struct sam_conflict *c = &out->c[out->n++];
		*c = (struct sam_conflict){0};
		c->entity = xstrdup((const char *)sqlite3_column_text(st, 0));
		c->rid = xstrdup((const char *)sqlite3_column_text(st, 1));
		c->field = xstrdup((const char *)sqlite3_column_text(st, 2));
		side(db, &c->winner, st, 3);
		side(db, &c->loser, st, 7);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sam_conflicts_free(out);
		return sam_db_fail(db, err);
	}
	return 0;
}

void sam_conflicts_free(struct sam_conflicts *cs)
{
	for (int i = 0; i < cs->n; i++) {
		struct sam_conflict *c = &cs->c[i];
		free(c->entity);
		free(c->rid);
		free(c->field);
		free(c->winner.who);
		free(c->loser.who);
		sam_value_clear(&c->winner.value);
		sam_value_clear(&c->loser.value);
	}
	free(cs->c);
	*cs = (struct sam_conflicts){0};
}

int64_t sam_conflict_count(struct sam_db *db)
{
	struct sam_conflicts cs;
	struct sam_err err;
	if (sam_conflicts_load(db, &cs, &err) < 0)
		return 0;
	int64_t n = cs.n;
	sam_conflicts_free(&cs);
	return n;
}

int sam_conflict_restore(struct sam_db *db, const struct sam_conflict *c, struct sam_err *err)
{
	return sam_write_field(db, c->entity, c->rid, c->field, &c->loser.value, err);
}

int sam_conflict_dismiss(struct sam_db *db, const struct sam_conflict *c, struct sam_err *err)
{
	sqlite3_stmt *st = sam_db_stmt(db, "INSERT OR IGNORE INTO conflict_dismissed (dev, seq) "
	                                   "VALUES (?, ?)");
	sqlite3_bind_text(st, 1, c->loser.dev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, c->loser.seq);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sam_db_fail(db, err);
}
