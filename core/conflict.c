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

/* Every segment's vector in memory, for a computation over every field:
 * tens of thousands of candidates would otherwise each read and parse a
 * segment's vector twice. Segments sorted by (dev, first); a device's do
 * not overlap. */
struct seen_entry {
	char dev[SAM_DEV_BUF];
	int64_t seq;
};

struct seen_seg {
	char dev[SAM_DEV_BUF];
	int64_t first, last;
	struct seen_entry *v;
	int nv;
};

struct seen_index {
	struct seen_seg *s;
	int n;
	struct seen_entry *held; /* sql_held's answers so far */
	int nheld;
};

static const char sql_segments_all[] =
	"SELECT s.dev, s.first, s.last, j.key, j.value FROM sync_segment s"
	" LEFT JOIN json_each(s.vec) j ORDER BY s.dev, s.first";

static int seen_index_load(struct sam_db *db, struct seen_index *x, struct sam_err *err)
{
	*x = (struct seen_index){0};
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, sql_segments_all, -1, &st, NULL) != SQLITE_OK)
		return sam_db_fail(db, err);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *dev = (const char *)sqlite3_column_text(st, 0);
		int64_t first = sqlite3_column_int64(st, 1);
		struct seen_seg *g = x->n > 0 ? &x->s[x->n - 1] : NULL;
		if (!g || g->first != first || strcmp(g->dev, dev) != 0) {
			x->s = xrealloc(x->s, (size_t)(x->n + 1) * sizeof *x->s);
			g = &x->s[x->n++];
			*g = (struct seen_seg){.first = first, .last = sqlite3_column_int64(st, 2)};
			snprintf(g->dev, sizeof g->dev, "%s", dev);
		}
		const char *key = (const char *)sqlite3_column_text(st, 3);
		if (!key)
			continue; /* an empty vector */
		g->v = xrealloc(g->v, (size_t)(g->nv + 1) * sizeof *g->v);
		struct seen_entry *e = &g->v[g->nv++];
		snprintf(e->dev, sizeof e->dev, "%s", key);
		e->seq = sqlite3_column_int64(st, 4);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sam_db_fail(db, err);
}

static void seen_index_free(struct seen_index *x)
{
	for (int i = 0; i < x->n; i++)
		free(x->s[i].v);
	free(x->s);
	free(x->held);
}

/* What op (xdev, xseq)'s segment says it had seen of ydev: 0 when its
 * vector does not name ydev, -1 when the op is in no segment. */
static int64_t vec_at(struct sam_db *db, struct seen_index *x, const char *xdev, int64_t xseq,
                      const char *ydev)
{
	int64_t seen = -1;
	if (!x) {
		sqlite3_stmt *st = sam_db_stmt(db, sql_vec_at);
		sqlite3_bind_text(st, 1, xdev, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, xseq);
		sqlite3_bind_text(st, 3, ydev, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			seen = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return seen;
	}
	/* The last segment at or before (xdev, xseq). */
	int lo = 0, hi = x->n;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2, c = strcmp(x->s[mid].dev, xdev);
		if (c < 0 || (c == 0 && x->s[mid].first <= xseq))
			lo = mid + 1;
		else
			hi = mid;
	}
	const struct seen_seg *g = lo > 0 ? &x->s[lo - 1] : NULL;
	if (!g || strcmp(g->dev, xdev) != 0 || g->last < xseq)
		return -1;
	for (int i = 0; i < g->nv; i++)
		if (strcmp(g->v[i].dev, ydev) == 0)
			return g->v[i].seq;
	return 0;
}

static int64_t held(struct sam_db *db, struct seen_index *x, const char *ydev)
{
	for (int i = 0; x && i < x->nheld; i++)
		if (strcmp(x->held[i].dev, ydev) == 0)
			return x->held[i].seq;
	sqlite3_stmt *st = sam_db_stmt(db, sql_held);
	sqlite3_bind_text(st, 1, ydev, -1, SQLITE_STATIC);
	int64_t seq = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (x) {
		x->held = xrealloc(x->held, (size_t)(x->nheld + 1) * sizeof *x->held);
		x->held[x->nheld] = (struct seen_entry){.seq = seq};
		snprintf(x->held[x->nheld++].dev, sizeof x->held->dev, "%s", ydev);
	}
	return seq;
}

/* Had op (xdev, xseq) seen op (ydev, yseq) when it was made? An op in no
 * segment yet is this laptop's own, made under what is applied now. x:
 * the vectors in memory, or NULL to read them from the file. */
static bool had_seen(struct sam_db *db, struct seen_index *x, const char *xdev, int64_t xseq,
                     const char *ydev, int64_t yseq)
{
	if (strcmp(xdev, ydev) == 0)
		return xseq > yseq;
	int64_t seen = vec_at(db, x, xdev, xseq, ydev);
	if (seen < 0 && strcmp(xdev, db->dev) == 0)
		seen = held(db, x, ydev);
	return seen >= yseq;
}

/* Each device's latest op on a field that is not the winner and holds a
 * different value, on the fields in temp.conflict_dirty. The unary +
 * keeps SQLite from reading a device's later ops by the primary key (all
 * of them, for every op: quadratic) instead of the record's few by
 * op_record. CROSS JOIN keeps SQLite to this order, the few fields first;
 * left to itself it reads the whole op log. */
static const char sql_candidates_dirty[] =
	"SELECT w.entity, w.rid, w.field, w.dev, w.seq, l.dev, l.seq"
	"  FROM temp.conflict_dirty x CROSS JOIN field_clock w ON w.entity = x.entity"
	"   AND w.rid = x.rid AND w.field = x.field"
	" CROSS JOIN op l ON l.rid = w.rid AND l.entity = w.entity"
	"   AND l.field = w.field AND l.dev <> w.dev"
	" WHERE l.value IS NOT w.value"
	"   AND NOT EXISTS (SELECT 1 FROM op l2 WHERE l2.rid = l.rid AND l2.entity = l.entity"
	"                   AND l2.field = l.field AND +l2.dev = l.dev AND l2.seq > l.seq)"
	"   AND NOT EXISTS (SELECT 1 FROM conflict_dismissed d WHERE d.dev = l.dev AND d.seq = l.seq)";
/* The same on every field, in one pass: each device's latest op per field
 * by grouping the log once (max() makes the bare value that op's), then
 * the field's winner by its primary key, in that key's order. Probing the
 * log per op instead reads it at random: seconds for 200,000 ops. */
static const char sql_candidates_all[] =
	"SELECT l.entity, l.rid, l.field, w.dev, w.seq, l.dev, l.seq"
	"  FROM (SELECT entity, rid, field, dev, max(seq) AS seq, value FROM op"
	"        GROUP BY entity, rid, field, dev) l"
	"  JOIN field_clock w ON w.entity = l.entity AND w.rid = l.rid AND w.field = l.field"
	" WHERE l.dev <> w.dev AND l.value IS NOT w.value"
	"   AND NOT EXISTS (SELECT 1 FROM conflict_dismissed d WHERE d.dev = l.dev AND d.seq = l.seq)";

/* The cache (conflict_cache, schema.c) holds the conflicts of every field
 * as of the ops and segments conflict_mark names. A field's conflicts
 * depend only on its ops, its winner, the dismissals of its ops and the
 * segments holding its ops (had_seen), so a field is computed again when
 * an op of it arrives or is made, when one of its ops is sealed into a
 * segment, and when one is dismissed. Ops and segments come per device in
 * order, so "new" is a range of (dev, seq) past the mark. Taking a new
 * device id renumbers own ops: the cache is kept for one device id (local
 * key conflicts_for) and made again from scratch under another. */
#define CACHE_FOR "conflicts_for"
/* How many conflicts it holds (local key), so counting reads no table. */
#define KEPT "conflicts_kept"
/* More new ops than this: one pass over everything is cheaper than field
 * by field (a new laptop's first sync). */
#define REFRESH_ALL_OVER 50000

static const char sql_dirty_table[] =
	"CREATE TEMP TABLE IF NOT EXISTS conflict_dirty (entity TEXT, rid TEXT, field TEXT,"
	" PRIMARY KEY (entity, rid, field)) WITHOUT ROWID";
static const char sql_dirty_ops[] =
	"INSERT OR IGNORE INTO temp.conflict_dirty SELECT entity, rid, field FROM op"
	" WHERE dev = ?1 AND seq > ?2 AND seq <= ?3";
static const char sql_dirty_field[] =
	"INSERT OR IGNORE INTO temp.conflict_dirty VALUES (?, ?, ?)";
static const char sql_forget_dirty[] =
	"DELETE FROM conflict_cache WHERE (entity, rid, field) IN"
	" (SELECT entity, rid, field FROM temp.conflict_dirty)";
static const char sql_cache_add[] =
	"INSERT INTO conflict_cache (entity, rid, field, ldev, lseq) VALUES (?, ?, ?, ?, ?)";

/* Every device with ops (a skip over op's primary key: one probe per
 * device), its last op and last op in a segment, and how far the cache
 * went. A device's segments follow each other without gaps, so the ops
 * sealed since are those past the mark's last one. */
static const char sql_marks[] =
	"WITH RECURSIVE d(dev) AS (SELECT min(dev) FROM op"
	"  UNION ALL SELECT (SELECT min(dev) FROM op WHERE dev > d.dev) FROM d WHERE d.dev IS NOT NULL)"
	" SELECT d.dev, (SELECT max(seq) FROM op WHERE dev = d.dev),"
	"  coalesce((SELECT max(last) FROM sync_segment WHERE dev = d.dev), 0),"
	"  coalesce(m.seq, 0), coalesce(m.sealed, 0)"
	" FROM d LEFT JOIN conflict_mark m ON m.dev = d.dev WHERE d.dev IS NOT NULL";

struct mark {
	char dev[SAM_DEV_BUF];
	int64_t seq, sealed, old_seq, old_sealed;
	/* Ops taken in before and sealed since: old_sealed+1 … resealed.
	 * Ops sealed as they arrive (others' segments) are new anyway. */
	int64_t resealed;
};

struct marks {
	struct mark *m;
	int n;
	bool fresh;      /* nothing is kept (for this device id) */
	int64_t new_ops; /* ops made, received or sealed since */
};

static bool cache_is_for(struct sam_db *db, const char *dev)
{
	sqlite3_stmt *st = sam_db_stmt(db, "SELECT value = ? FROM local WHERE key = '" CACHE_FOR "'");
	sqlite3_bind_text(st, 1, dev, -1, SQLITE_STATIC);
	bool yes = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return yes;
}

/* The devices whose ops moved past the cache's marks; every device when
 * nothing is kept. */
static int marks_load(struct sam_db *db, struct marks *ms, struct sam_err *err)
{
	*ms = (struct marks){.fresh = !cache_is_for(db, db->dev)};
	sqlite3_stmt *st = sam_db_stmt(db, sql_marks);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct mark k = {.seq = sqlite3_column_int64(st, 1), .sealed = sqlite3_column_int64(st, 2),
		                 .old_seq = sqlite3_column_int64(st, 3),
		                 .old_sealed = sqlite3_column_int64(st, 4)};
		if (!ms->fresh && k.seq == k.old_seq && k.sealed == k.old_sealed)
			continue;
		snprintf(k.dev, sizeof k.dev, "%s", (const char *)sqlite3_column_text(st, 0));
		k.resealed = k.sealed < k.old_seq ? k.sealed : k.old_seq;
		ms->m = xrealloc(ms->m, (size_t)(ms->n + 1) * sizeof *ms->m);
		ms->m[ms->n++] = k;
		ms->new_ops += k.seq - k.old_seq + (k.resealed > k.old_sealed ? k.resealed - k.old_sealed : 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(ms->m);
		return sam_db_fail(db, err);
	}
	return 0;
}

/* Computes again the conflicts of every field, or of the fields in
 * temp.conflict_dirty (then emptied), and how many are kept. */
static int compute(struct sam_db *db, bool all, struct sam_err *err)
{
	if (sam_db_exec(db, all ? "DELETE FROM conflict_cache" : sql_forget_dirty, err) < 0)
		return -1;
	int64_t n = all ? 0 : sam_db_local_int(db, KEPT, 0) - sqlite3_changes(db->sql);
	struct seen_index idx, *x = all ? &idx : NULL;
	if (all && seen_index_load(db, &idx, err) < 0) {
		seen_index_free(&idx);
		return -1;
	}
	sqlite3_stmt *st;
	/* A statement of its own: had_seen uses the cached ones meanwhile. */
	if (sqlite3_prepare_v2(db->sql, all ? sql_candidates_all : sql_candidates_dirty, -1, &st,
	                       NULL) != SQLITE_OK) {
		if (x)
			seen_index_free(x);
		return sam_db_fail(db, err);
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *wdev = (const char *)sqlite3_column_text(st, 3);
		const char *ldev = (const char *)sqlite3_column_text(st, 5);
		int64_t wseq = sqlite3_column_int64(st, 4), lseq = sqlite3_column_int64(st, 6);
		if (had_seen(db, x, wdev, wseq, ldev, lseq) || had_seen(db, x, ldev, lseq, wdev, wseq))
			continue;
		sqlite3_stmt *ins = sam_db_stmt(db, sql_cache_add);
		for (int i = 0; i < 3; i++)
			sqlite3_bind_value(ins, i + 1, sqlite3_column_value(st, i));
		sqlite3_bind_text(ins, 4, ldev, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 5, lseq);
		rc = sqlite3_step(ins);
		sqlite3_reset(ins);
		if (rc != SQLITE_DONE)
			break;
		n++;
	}
	sqlite3_finalize(st);
	if (x)
		seen_index_free(x);
	if (rc != SQLITE_DONE || sam_db_local_set_int(db, KEPT, n) < 0)
		return sam_db_fail(db, err);
	return all ? 0 : sam_db_exec(db, "DELETE FROM temp.conflict_dirty", err);
}

/* Marks the fields of a device's ops seq a+1 … b. */
static int mark_range(struct sam_db *db, const char *dev, int64_t a, int64_t b, struct sam_err *err)
{
	sqlite3_stmt *st = sam_db_stmt(db, sql_dirty_ops);
	sqlite3_bind_text(st, 1, dev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, a);
	sqlite3_bind_int64(st, 3, b);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sam_db_fail(db, err);
}

/* Brings the cache up to the ops and segments held. Inside a transaction. */
static int refresh_in_tx(struct sam_db *db, struct sam_err *err)
{
	struct marks ms;
	if (sam_db_exec(db, sql_dirty_table, err) < 0 || marks_load(db, &ms, err) < 0)
		return -1;
	bool all = ms.fresh || ms.new_ops > REFRESH_ALL_OVER;
	int rc = 0;
	for (int i = 0; i < ms.n && !all && rc == 0; i++) {
		const struct mark *k = &ms.m[i];
		if (k->seq > k->old_seq)
			rc = mark_range(db, k->dev, k->old_seq, k->seq, err);
		if (rc == 0 && k->resealed > k->old_sealed)
			rc = mark_range(db, k->dev, k->old_sealed, k->resealed, err);
	}
	if (rc == 0 && ms.fresh)
		rc = sam_db_exec(db, "DELETE FROM conflict_mark", err);
	if (rc == 0 && ms.n > 0)
		rc = compute(db, all, err);
	sqlite3_stmt *st = sam_db_stmt(db, "INSERT OR REPLACE INTO conflict_mark (dev, seq, sealed) "
	                                   "VALUES (?, ?, ?)");
	for (int i = 0; i < ms.n && rc == 0; i++) {
		sqlite3_bind_text(st, 1, ms.m[i].dev, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, ms.m[i].seq);
		sqlite3_bind_int64(st, 3, ms.m[i].sealed);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sam_db_fail(db, err);
		sqlite3_reset(st);
	}
	free(ms.m);
	if (rc == 0 && ms.fresh) {
		st = sam_db_stmt(db, "INSERT OR REPLACE INTO local (key, value) VALUES ('" CACHE_FOR "', ?)");
		sqlite3_bind_text(st, 1, db->dev, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sam_db_fail(db, err);
		sqlite3_reset(st);
	}
	return rc;
}

/* Only a cache that is behind takes the write lock: reading the list
 * while another program writes does not wait for it. */
static int refresh(struct sam_db *db, struct sam_err *err)
{
	struct marks ms;
	if (marks_load(db, &ms, err) < 0)
		return -1;
	free(ms.m);
	if (!ms.fresh && ms.n == 0)
		return 0;
	if (sam_tx_begin(db, err) < 0)
		return -1;
	if (refresh_in_tx(db, err) < 0) {
		sam_tx_rollback(db);
		return -1;
	}
	return sam_tx_commit(db, err);
}

void sam_conflicts_forget(struct sam_db *db)
{
	struct sam_err err;
	sam_db_exec(db, "DELETE FROM local WHERE key = '" CACHE_FOR "'", &err);
}

static void side(struct sam_db *db, struct sam_conflict_side *s, sqlite3_stmt *st, int col)
{
	snprintf(s->dev, sizeof s->dev, "%s", (const char *)sqlite3_column_text(st, col));
	s->seq = sqlite3_column_int64(st, col + 1);
	s->ms = SAM_HLC_MS(sqlite3_column_int64(st, col + 2));
	sam_value_from_column(&s->value, st, col + 3);
	s->who = sam_device_who(db, s->dev);
}

static const char sql_cached[] =
	"SELECT c.entity, c.rid, c.field, w.dev, w.seq, w.hlc, w.value, l.dev, l.seq, l.hlc, l.value"
	"  FROM conflict_cache c JOIN field_clock w ON w.entity = c.entity AND w.rid = c.rid"
	"   AND w.field = c.field JOIN op l ON l.dev = c.ldev AND l.seq = c.lseq"
	" ORDER BY c.entity, c.rid, c.field, c.ldev";

int sam_conflicts_load(struct sam_db *db, struct sam_conflicts *out, struct sam_err *err)
{
	*out = (struct sam_conflicts){0};
	if (refresh(db, err) < 0)
		return -1;
	sqlite3_stmt *st = sam_db_stmt(db, sql_cached);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->c = xrealloc(out->c, (size_t)(out->n + 1) * sizeof *out->c);
		struct sam_conflict *c = &out->c[out->n++];
		*c = (struct sam_conflict){0};
		c->entity = xstrdup((const char *)sqlite3_column_text(st, 0));
		c->rid = xstrdup((const char *)sqlite3_column_text(st, 1));
		c->field = xstrdup((const char *)sqlite3_column_text(st, 2));
		side(db, &c->winner, st, 3);
		side(db, &c->loser, st, 7);
	}
	sqlite3_reset(st);
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
	struct sam_err err;
	if (refresh(db, &err) < 0)
		return 0;
	return sam_db_local_int(db, KEPT, 0);
}

int sam_conflict_restore(struct sam_db *db, const struct sam_conflict *c, struct sam_err *err)
{
	return sam_write_field(db, c->entity, c->rid, c->field, &c->loser.value, err);
}

/* The dismissed op's field is computed again at once: a dismissal is no
 * new op, so the cache would not see it. */
int sam_conflict_dismiss(struct sam_db *db, const struct sam_conflict *c, struct sam_err *err)
{
	if (sam_tx_begin(db, err) < 0)
		return -1;
	sqlite3_stmt *st = sam_db_stmt(db, "INSERT OR IGNORE INTO conflict_dismissed (dev, seq) "
	                                   "VALUES (?, ?)");
	sqlite3_bind_text(st, 1, c->loser.dev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, c->loser.seq);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sam_db_fail(db, err);
	sqlite3_reset(st);
	if (rc == 0 && sam_db_exec(db, sql_dirty_table, err) < 0)
		rc = -1;
	if (rc == 0) {
		st = sam_db_stmt(db, sql_dirty_field);
		sqlite3_bind_text(st, 1, c->entity, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, c->rid, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, c->field, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sam_db_fail(db, err);
		sqlite3_reset(st);
	}
	if (rc == 0)
		rc = compute(db, false, err);
	if (rc < 0) {
		sam_tx_rollback(db);
		return -1;
	}
	return sam_tx_commit(db, err);
}
