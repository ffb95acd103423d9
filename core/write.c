/* The one write path (see write.h).
 *
 * Every (record, field) is a last-writer-wins register: field_clock keeps
 * the winning op, ordered by (HLC, device id), and the record's row holds
 * its value. Applying the same set of ops in any order, with duplicates,
 * gives the same field_clock and the same rows. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/entity.h"
#include "core/undo.h"
#include "core/write.h"

/* A remote stamp moves our clock forward by at most this much, so one
 * laptop with a wrong clock cannot drag everyone's stamps into the future. */
#define HLC_MAX_AHEAD_MS (10 * 60 * 1000)

/* Per entity: the row insert, and one update per field (+1 for deleted). */
struct sam_write_cache {
	sqlite3_stmt **ins;
	sqlite3_stmt ***upd;
};

void sam_write_cache_free(struct sam_db *db)
{
	struct sam_write_cache *c = db->wcache;
	if (!c)
		return;
	for (int i = 0; i < sam_nentities; i++) {
		sqlite3_finalize(c->ins[i]);
		for (int f = 0; f <= sam_entities[i]->nfields; f++)
			sqlite3_finalize(c->upd[i][f]);
		free(c->upd[i]);
	}
	free(c->ins);
	free(c->upd);
	free(c);
	db->wcache = NULL;
}

static sqlite3_stmt *prepare(struct sam_db *db, char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		fatal("cannot prepare \"%s\": %s", sql, sqlite3_errmsg(db->sql));
	free(sql);
	return st;
}

static struct sam_write_cache *cache(struct sam_db *db)
{
	if (!db->wcache) {
		struct sam_write_cache *c = xcalloc(1, sizeof *c);
		c->ins = xcalloc((size_t)sam_nentities, sizeof *c->ins);
		c->upd = xcalloc((size_t)sam_nentities, sizeof *c->upd);
		for (int i = 0; i < sam_nentities; i++)
			c->upd[i] = xcalloc((size_t)sam_entities[i]->nfields + 1, sizeof **c->upd);
		db->wcache = c;
	}
	return db->wcache;
}

static int entity_index(const char *name)
{
	for (int i = 0; i < sam_nentities; i++)
		if (strcmp(sam_entities[i]->name, name) == 0)
			return i;
	return -1;
}

/* ------------------------------------------------------------ transactions */

int sam_tx_begin(struct sam_db *db, struct sam_err *err)
{
	if (db->tx_depth++ > 0)
		return 0;
	db->tx_failed = false;
	db->tx_first_seq = db->tx_last_seq = 0;
	if (sam_db_exec(db, "BEGIN IMMEDIATE", err) < 0) {
		db->tx_depth = 0;
		return -1;
	}
	return 0;
}

int sam_tx_commit(struct sam_db *db, struct sam_err *err)
{
	if (db->tx_depth == 0 || db->tx_failed) {
		db->tx_depth = 0;
		return sam_fail(err, _("the change was cancelled; nothing was saved"));
	}
	if (--db->tx_depth > 0)
		return 0;
	/* Undo needs each change's first and last op; noted in the same
	 * transaction, so a change and its note are never apart. */
	if ((db->tx_first_seq > 0 &&
	     sam_undo_note_change(db, db->tx_first_seq, db->tx_last_seq, err) < 0) ||
	    sam_db_exec(db, "COMMIT", err) < 0) {
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

void sam_tx_rollback(struct sam_db *db)
{
	if (db->tx_depth == 0)
		return;
	if (!db->tx_failed)
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	db->tx_failed = true;
	if (--db->tx_depth == 0)
		db->tx_failed = false;
}

/* ------------------------------------------------------------ the clock */

static int64_t clock_ms(struct sam_db *db)
{
	return sam_clock_now_ms() + sam_db_local_int(db, "clock_offset_ms", 0);
}

int64_t sam_hlc_tick(struct sam_db *db)
{
	int64_t last = sam_db_local_int(db, "hlc", 0);
	int64_t now = clock_ms(db) << 16;
	int64_t h = now > last ? now : last + 1;
	sam_db_local_set_int(db, "hlc", h);
	return h;
}

void sam_hlc_receive(struct sam_db *db, int64_t h)
{
	int64_t cap = (clock_ms(db) + HLC_MAX_AHEAD_MS) << 16;
	if (h > cap)
		h = cap;
	if (h > sam_db_local_int(db, "hlc", 0))
		sam_db_local_set_int(db, "hlc", h);
}

/* ------------------------------------------------------------ rows */

/* Brings the record's row up to a field's new winning value. */
static int materialize(struct sam_db *db, const struct sam_op *op, struct sam_err *err)
{
	int ei = entity_index(op->entity);
	if (ei < 0)
		return 0; /* kept in the log and field_clock only */
	const struct sam_entity *e = sam_entities[ei];
	int fi = strcmp(op->field, SAM_FIELD_DELETED) == 0 ? e->nfields
	                                                   : sam_entity_field_index(e, op->field);
	if (fi < 0)
		return 0;
	struct sam_write_cache *c = cache(db);
	if (!c->ins[ei])
		c->ins[ei] = prepare(db, xasprintf("INSERT INTO \"%s\" (id) VALUES (?) "
		                                   "ON CONFLICT (id) DO NOTHING", e->table));
	if (!c->upd[ei][fi]) {
		const char *col = fi == e->nfields ? "deleted" : e->fields[fi].name;
		c->upd[ei][fi] = prepare(db, xasprintf("UPDATE \"%s\" SET \"%s\" = ? WHERE id = ?",
		                                       e->table, col));
	}
	sqlite3_stmt *ins = c->ins[ei], *upd = c->upd[ei][fi];
	sqlite3_reset(ins);
	sqlite3_bind_text(ins, 1, op->rid, -1, SQLITE_STATIC);
	int rc = sqlite3_step(ins);
	sqlite3_reset(ins);
	if (rc != SQLITE_DONE)
		return sam_db_fail(db, err);
	sqlite3_reset(upd);
	if (fi == e->nfields) /* a tombstone is true or false, never empty */
		sqlite3_bind_int(upd, 1, op->v.kind == SAM_V_INT && op->v.i != 0);
	else
		sam_value_bind(upd, 1, &op->v);
	sqlite3_bind_text(upd, 2, op->rid, -1, SQLITE_STATIC);
	rc = sqlite3_step(upd);
	sqlite3_reset(upd);
	return rc == SQLITE_DONE ? 0 : sam_db_fail(db, err);
}

/* ------------------------------------------------------------ ops */

int sam_op_check(const struct sam_op *op, struct sam_err *err)
{
	if (!sam_dev_valid(op->dev))
		return sam_fail(err, _("change has a malformed device id '%s'"), op->dev);
	if (op->seq <= 0 || op->hlc <= 0)
		return sam_fail(err, _("change %s/%lld has no valid counter or time"), op->dev,
		                (long long)op->seq);
	if (!sam_name_valid(op->entity) || !sam_name_valid(op->field))
		return sam_fail(err, _("change %s/%lld names a malformed record kind or field"),
		                op->dev, (long long)op->seq);
	if (!sam_id_valid(op->rid))
		return sam_fail(err, _("change %s/%lld has a malformed record id"), op->dev,
		                (long long)op->seq);
	const struct sam_entity *e = sam_entity_find(op->entity);
	if (!e || strcmp(e->name, op->entity) != 0)
		return 0;
	if (strcmp(op->field, SAM_FIELD_DELETED) == 0) {
		if (op->v.kind != SAM_V_INT || (op->v.i != 0 && op->v.i != 1))
			return sam_fail(err, _("change %s/%lld: a deletion must be true or false"),
			                op->dev, (long long)op->seq);
		return 0;
	}
	const struct sam_field *f = sam_entity_field(e, op->field);
	return f ? sam_value_check(f, &op->v, err) : 0;
}

static const char sql_op_insert[] =
	"INSERT INTO op (dev, seq, hlc, entity, rid, field, value) VALUES (?, ?, ?, ?, ?, ?, ?) "
	"ON CONFLICT (dev, seq) DO NOTHING";
static const char sql_clock_get[] =
	"SELECT hlc, dev, seq FROM field_clock WHERE entity = ? AND rid = ? AND field = ?";
static const char sql_clock_put[] =
	"INSERT INTO field_clock (entity, rid, field, hlc, dev, seq, value) "
	"VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entity, rid, field) DO UPDATE SET "
	"hlc = excluded.hlc, dev = excluded.dev, seq = excluded.seq, value = excluded.value";

/* True when op is newer than the field's current winner (or there is none). */
static bool op_wins(struct sam_db *db, const struct sam_op *op)
{
	sqlite3_stmt *st = sam_db_stmt(db, sql_clock_get);
	sqlite3_bind_text(st, 1, op->entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, op->rid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, op->field, -1, SQLITE_STATIC);
	bool wins = true;
	if (sqlite3_step(st) == SQLITE_ROW) {
		int64_t h = sqlite3_column_int64(st, 0);
		const char *dev = (const char *)sqlite3_column_text(st, 1);
		int64_t seq = sqlite3_column_int64(st, 2);
		int by_dev = strcmp(op->dev, dev);
		wins = op->hlc > h || (op->hlc == h && (by_dev > 0 || (by_dev == 0 && op->seq > seq)));
	}
	sqlite3_reset(st);
	return wins;
}

int sam_op_append(struct sam_db *db, const struct sam_op *op, struct sam_err *err)
{
	sqlite3_stmt *st = sam_db_stmt(db, sql_op_insert);
	sqlite3_bind_text(st, 1, op->dev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, op->seq);
	sqlite3_bind_int64(st, 3, op->hlc);
	sqlite3_bind_text(st, 4, op->entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, op->rid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, op->field, -1, SQLITE_STATIC);
	sam_value_bind(st, 7, &op->v);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sam_db_fail(db, err);
	return sqlite3_changes(db->sql) > 0;
}

static int apply_checked(struct sam_db *db, const struct sam_op *op, struct sam_err *err)
{
	int rc = sam_op_append(db, op, err);
	if (rc <= 0)
		return rc; /* 0: seen before, applying twice changes nothing */
	if (!op_wins(db, op))
		return 0; /* kept in the log (history, conflicts), not the winner */
	sqlite3_stmt *st = sam_db_stmt(db, sql_clock_put);
	sqlite3_bind_text(st, 1, op->entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, op->rid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, op->field, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, op->hlc);
	sqlite3_bind_text(st, 5, op->dev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, op->seq);
	sam_value_bind(st, 7, &op->v);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sam_db_fail(db, err);
	return materialize(db, op, err);
}

int sam_apply_op(struct sam_db *db, const struct sam_op *op, struct sam_err *err)
{
	if (db->tx_depth == 0)
		fatal("sam_apply_op outside a transaction");
	if (sam_op_check(op, err) < 0)
		return -1;
	sam_hlc_receive(db, op->hlc);
	if (strcmp(op->dev, db->dev) == 0 && sam_own_seq_seen(db, op->seq, err) < 0)
		return -1;
	return apply_checked(db, op, err);
}

/* Our own op coming back (a restored copy of this file): its number is
 * used, so the next local change must take a later one. */
int sam_own_seq_seen(struct sam_db *db, int64_t seq, struct sam_err *err)
{
	if (seq > sam_db_local_int(db, "seq", 0) && sam_db_local_set_int(db, "seq", seq) < 0)
		return sam_db_fail(db, err);
	return 0;
}

/* A local change must take effect even when the field's current value
 * carries a stamp from the future (another laptop's clock was ahead): it
 * then gets that stamp + 1, as "keep my value" does in SYNC.md. */
static int64_t stamp_for_local(struct sam_db *db, const struct sam_op *op)
{
	int64_t h = sam_hlc_tick(db);
	sqlite3_stmt *st = sam_db_stmt(db, sql_clock_get);
	sqlite3_bind_text(st, 1, op->entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, op->rid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, op->field, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		/* Only this op jumps ahead: the clock itself stays capped, so
		 * one wrong clock elsewhere does not carry every later change
		 * of this laptop into the future. */
		int64_t cur = sqlite3_column_int64(st, 0);
		if (cur >= h)
			h = cur + 1;
	}
	sqlite3_reset(st);
	return h;
}

int sam_write_field(struct sam_db *db, const char *entity, const char *rid, const char *field,
                    const struct sam_value *v, struct sam_err *err)
{
	if (db->tx_depth == 0)
		fatal("sam_write_field outside a transaction");
	/* The counter and the stamp are taken only once the op is known to
	 * be valid; 1 stands in for them until then. */
	struct sam_op op = {.dev = db->dev, .seq = 1, .hlc = 1, .entity = entity, .rid = rid,
	                    .field = field, .v = *v};
	if (sam_op_check(&op, err) < 0)
		return -1;
	op.seq = sam_db_local_int(db, "seq", 0) + 1;
	op.hlc = stamp_for_local(db, &op);
	if (sam_db_local_set_int(db, "seq", op.seq) < 0)
		return sam_db_fail(db, err);
	int64_t before = sqlite3_total_changes64(db->sql);
	if (apply_checked(db, &op, err) < 0)
		return -1;
	if (sqlite3_total_changes64(db->sql) == before)
		fatal("op %s/%lld was already in the log", op.dev, (long long)op.seq);
	if (db->tx_first_seq == 0)
		db->tx_first_seq = op.seq;
	db->tx_last_seq = op.seq;
	return 0;
}

int64_t sam_unsynced_count(struct sam_db *db)
{
	return sam_db_local_int(db, "seq", 0) - sam_db_local_int(db, "pushed_seq", 0);
}
