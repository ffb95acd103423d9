/* Many ops applied at once (see bulk.h). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bulk.h"
#include "core/entity.h"

/* The ops appended, as a range of seq per device: a snapshot brings each
 * device's ops in order, so there are few. A range may take in an op that
 * was there before; merging it again changes nothing. */
struct bulk_range {
	char dev[SAM_DEV_BUF];
	int64_t lo, hi;
};

struct sam_bulk {
	struct sam_db *db;
	struct bulk_range *r;
	int nr;
	int64_t max_hlc, own_seq;
	char **index_sql; /* the log's indexes, dropped until the end */
	int nindex;
};

/* The log's indexes are dropped while the ops come and made again at the
 * end: an op appended goes to the end of the log's primary key, but into
 * op_record (by record) at random, a page read and written back per op
 * once the index outgrows SQLite's cache; made again, it is one sorted
 * pass. Read from the file, so they come back as the schema made them. */
static int drop_indexes(struct sam_bulk *b, struct sam_err *err)
{
	struct sam_db *db = b->db;
	sqlite3_stmt *st = sam_db_stmt(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
	                                   " AND tbl_name = 'op' AND sql IS NOT NULL ORDER BY name");
	int rc;
	struct strbuf drop = {0};
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sb_addf(&drop, "DROP INDEX \"%s\";", (const char *)sqlite3_column_text(st, 0));
		b->index_sql = xrealloc(b->index_sql, (size_t)(b->nindex + 1) * sizeof *b->index_sql);
		b->index_sql[b->nindex++] = xstrdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		rc = sam_db_fail(db, err);
	else
		rc = drop.buf ? sam_db_exec(db, drop.buf, err) : 0;
	sb_free(&drop);
	return rc;
}

struct sam_bulk *sam_bulk_begin(struct sam_db *db, struct sam_err *err)
{
	if (db->tx_depth == 0)
		fatal("sam_bulk_begin outside a transaction");
	struct sam_bulk *b = xcalloc(1, sizeof *b);
	b->db = db;
	if (drop_indexes(b, err) < 0) {
		sam_bulk_abandon(b);
		return NULL;
	}
	return b;
}

static void note_range(struct sam_bulk *b, const char *dev, int64_t seq)
{
	struct bulk_range *g = NULL;
	for (int i = b->nr - 1; i >= 0 && !g; i--)
		if (strcmp(b->r[i].dev, dev) == 0)
			g = &b->r[i];
	if (!g) {
		b->r = xrealloc(b->r, (size_t)(b->nr + 1) * sizeof *b->r);
		g = &b->r[b->nr++];
		*g = (struct bulk_range){.lo = seq, .hi = seq};
		snprintf(g->dev, sizeof g->dev, "%s", dev);
	}
	if (seq < g->lo)
		g->lo = seq;
	if (seq > g->hi)
		g->hi = seq;
}

int sam_bulk_add(struct sam_bulk *b, const struct sam_op *op, struct sam_err *err)
{
	if (sam_op_check(op, err) < 0)
		return -1;
	/* Duplicates too, as sam_apply_op. */
	if (op->hlc > b->max_hlc)
		b->max_hlc = op->hlc;
	if (strcmp(op->dev, b->db->dev) == 0 && op->seq > b->own_seq)
		b->own_seq = op->seq;
	int rc = sam_op_append(b->db, op, err);
	if (rc > 0)
		note_range(b, op->dev, op->seq);
	return rc < 0 ? -1 : 0;
}

void sam_bulk_abandon(struct sam_bulk *b)
{
	if (!b)
		return;
	for (int i = 0; i < b->nindex; i++)
		free(b->index_sql[i]);
	free(b->index_sql);
	free(b->r);
	free(b);
}

static const char sql_ranges[] =
	"CREATE TEMP TABLE IF NOT EXISTS bulk_range (dev TEXT NOT NULL, lo INTEGER NOT NULL,"
	" hi INTEGER NOT NULL);\n"
	"CREATE TEMP TABLE IF NOT EXISTS bulk_record (entity TEXT NOT NULL, rid TEXT NOT NULL,"
	" PRIMARY KEY (entity, rid)) WITHOUT ROWID;\n"
	"DELETE FROM temp.bulk_range;\n"
	"DELETE FROM temp.bulk_record";
static const char sql_cleanup[] = "DELETE FROM temp.bulk_range; DELETE FROM temp.bulk_record";

/* The ops appended, by the log's primary key. */
#define BULK_OPS                                                                                   \
	"temp.bulk_range r JOIN op o ON o.dev = r.dev AND o.seq BETWEEN r.lo AND r.hi"

/* Each field's newest op among those appended, against the field's winner
 * so far: the later by (HLC, device, seq) wins, as in op_wins (write.c). */
static const char sql_winners[] =
	"INSERT INTO field_clock (entity, rid, field, hlc, dev, seq, value)"
	" SELECT entity, rid, field, hlc, dev, seq, value FROM ("
	"  SELECT o.entity, o.rid, o.field, o.hlc, o.dev, o.seq, o.value, row_number() OVER ("
	"   PARTITION BY o.entity, o.rid, o.field ORDER BY o.hlc DESC, o.dev DESC, o.seq DESC) AS k"
	"  FROM " BULK_OPS ") WHERE k = 1"
	" ON CONFLICT (entity, rid, field) DO UPDATE SET hlc = excluded.hlc, dev = excluded.dev,"
	"  seq = excluded.seq, value = excluded.value"
	" WHERE (excluded.hlc, excluded.dev, excluded.seq)"
	"  > (field_clock.hlc, field_clock.dev, field_clock.seq)";

/* The records the ops touched, read from the log once in its order:
 * per entity from op_record it would be read at random, once a table. */
static const char sql_records[] =
	"INSERT OR IGNORE INTO temp.bulk_record SELECT o.entity, o.rid FROM " BULK_OPS;

/* The rows of an entity's records that the ops touched, made again from
 * their winning values. A row holds exactly those (materialize, write.c):
 * a field without a winner is NULL, deleted 0, and a record whose winners
 * are all unknown fields has no row. */
static char *rows_sql(const struct sam_entity *e)
{
	struct strbuf cols = {0}, vals = {0}, set = {0}, names = {0};
	sb_add(&names, "'" SAM_FIELD_DELETED "'");
	for (int i = 0; i < e->nfields; i++) {
		const char *f = e->fields[i].name;
		sb_addf(&cols, ", \"%s\"", f);
		sb_addf(&vals, ", max(CASE WHEN c.field = '%s' THEN c.value END)", f);
		sb_addf(&set, ", \"%s\" = excluded.\"%s\"", f, f);
		sb_addf(&names, ", '%s'", f);
	}
	char *sql = xasprintf(
		"INSERT INTO \"%s\" (id, deleted%s)"
		" SELECT t.rid, coalesce(max(CASE WHEN c.field = '" SAM_FIELD_DELETED "' THEN c.value END), 0)%s"
		" FROM temp.bulk_record t CROSS JOIN field_clock c ON c.entity = t.entity"
		" AND c.rid = t.rid AND c.field IN (%s) WHERE t.entity = ?1"
		" GROUP BY t.rid"
		" ON CONFLICT (id) DO UPDATE SET deleted = excluded.deleted%s",
		e->table, cols.buf ? cols.buf : "", vals.buf ? vals.buf : "", names.buf,
		set.buf ? set.buf : "");
	sb_free(&cols);
	sb_free(&vals);
	sb_free(&set);
	sb_free(&names);
	return sql;
}

static int run(struct sam_db *db, const char *sql, const char *entity, struct sam_err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK)
		return sam_db_fail(db, err);
	if (entity)
		sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sam_db_fail(db, err);
}

int sam_bulk_end(struct sam_bulk *b, struct sam_err *err)
{
	struct sam_db *db = b->db;
	int rc = sam_db_exec(db, sql_ranges, err);
	sqlite3_stmt *st = rc == 0 ? sam_db_stmt(db, "INSERT INTO temp.bulk_range VALUES (?, ?, ?)")
	                           : NULL;
	for (int i = 0; i < b->nr && rc == 0; i++) {
		sqlite3_bind_text(st, 1, b->r[i].dev, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, b->r[i].lo);
		sqlite3_bind_int64(st, 3, b->r[i].hi);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sam_db_fail(db, err);
		sqlite3_reset(st);
	}
	if (rc == 0 && b->nr > 0)
		rc = run(db, sql_winners, NULL, err);
	if (rc == 0 && b->nr > 0)
		rc = run(db, sql_records, NULL, err);
	for (int i = 0; i < sam_nentities && rc == 0 && b->nr > 0; i++) {
		char *sql = rows_sql(sam_entities[i]);
		rc = run(db, sql, sam_entities[i]->name, err);
		free(sql);
	}
	for (int i = 0; i < b->nindex && rc == 0; i++)
		rc = sam_db_exec(db, b->index_sql[i], err);
	if (rc == 0 && b->max_hlc > 0)
		sam_hlc_receive(db, b->max_hlc);
	if (rc == 0 && b->own_seq > 0)
		rc = sam_own_seq_seen(db, b->own_seq, err);
	if (rc == 0)
		rc = sam_db_exec(db, sql_cleanup, err);
	sam_bulk_abandon(b);
	return rc;
}
