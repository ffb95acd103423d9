/* Merging ops from several laptops. The promise of sync: the same set of
 * changes, applied in any order, with duplicates, in any split into
 * transactions, gives the same database on every laptop — and the right
 * one: per field the change with the highest (stamp, device) wins, deletes
 * are tombstones that later edits and undeletes respect, and what this
 * version does not know is kept, never dropped. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/entity.h"
#include "core/record.h"
#include "core/value.h"
#include "core/write.h"
#include "tests/helpers.h"

/* The convergence run: ROUNDS ops per device, applied in ORDERS orders. */
#define NDEV 4
#define ROUNDS 38
#define NOPS (NDEV * ROUNDS)
#define NDUPS (NOPS / 5)
#define ORDERS 1000
#define SEED UINT64_C(0x5a3d0f1e2b4c6a79)

/* 2024-03-01T10:00:00Z: the ops' time and the test clock. */
#define NOW_MS INT64_C(1709287200000)
#define H(ms_after) ((NOW_MS + (ms_after)) << 16)

/* Device ids; in strcmp order a1 < b2 < c3 < d4. */
#define DEV_A "00000000000000a1"
#define DEV_B "00000000000000b2"
#define DEV_C "00000000000000c3"
#define DEV_D "00000000000000d4"
static const char *const devs[NDEV] = {DEV_A, DEV_B, DEV_C, DEV_D};

#define M1 "00000000000000000000000000000a01"
#define M2 "00000000000000000000000000000a02"
#define S1 "00000000000000000000000000000b01"
#define C1 "00000000000000000000000000000c01"
#define C2 "00000000000000000000000000000c02"
#define G1 "00000000000000000000000000000d01"
#define F1 "00000000000000000000000000000e01"

/* ------------------------------------------------------------ random */

/* splitmix64: small, fixed, the same on every machine. */
struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static int rng_below(struct rng *r, int n)
{
	return (int)(rng_next(r) % (uint64_t)n);
}

/* ------------------------------------------------------------ state dumps */



/* The merged state, canonically: every record table's rows by id with all
 * columns, the field clocks and the op log. The file's own counters
 * (table local) are not part of it. */
static char *dump_merged(struct sam_db *db)
{
	struct strbuf sb = {0};
	for (int i = 0; i < sam_nentities; i++) {
		char *sql = xasprintf("SELECT * FROM \"%s\" ORDER BY id", sam_entities[i]->table);
		th_dump_query(&sb, db, sql);
		free(sql);
	}
	th_dump_query(&sb, db, "SELECT entity, rid, field, hlc, dev, seq, value FROM field_clock "
	                    "ORDER BY entity, rid, field");
	th_dump_query(&sb, db, "SELECT dev, seq, hlc, entity, rid, field, value FROM op "
	                    "ORDER BY dev, seq");
	return sb_steal(&sb);
}

/* The same plus the file's counters and clock: "nothing changed at all". */
static char *dump_everything(struct sam_db *db)
{
	struct strbuf sb = {0};
	char *merged = dump_merged(db);
	sb_add(&sb, merged);
	free(merged);
	th_dump_query(&sb, db, "SELECT * FROM local ORDER BY key");
	return sb_steal(&sb);
}

/* Empties the database but keeps its device id, so one file serves many
 * runs. */
static void reset_db(struct sam_db *db)
{
	struct strbuf sb = {0};
	sb_add(&sb, "DELETE FROM op; DELETE FROM field_clock; DELETE FROM local WHERE key <> 'dev';");
	for (int i = 0; i < sam_nentities; i++)
		sb_addf(&sb, "DELETE FROM \"%s\";", sam_entities[i]->table);
	struct sam_err err = {{0}};
	if (sam_db_exec(db, sb.buf, &err) < 0)
		fail_msg("reset failed: %s", err.msg);
	sb_free(&sb);
}

/* ------------------------------------------------------------ applying */

static void apply_ok(struct sam_db *db, const struct sam_op *op)
{
	struct sam_err err = {{0}};
	if (sam_apply_op(db, op, &err) < 0)
		fail_msg("op %s/%" PRId64 " %s.%s was refused: %s", op->dev, op->seq, op->entity,
		         op->field, err.msg);
}

/* ------------------------------------------------------------ the random set */

enum gen {
	G_MUNI_NAME, G_MUNI_NO, G_COUNTY, G_NOTE, G_COUNT, G_YEAR, G_STATUS, G_DATE,
	G_REF_MUNI, G_REF_CONTACT, G_PERSON, G_EMAIL, G_PHONE, G_GROUP, G_ROLE,
	G_ANY, /* a field this version does not know: any kind of value */
	G_DELETED,
};

struct field_spec {
	const char *name;
	enum gen gen;
};

struct record_spec {
	const char *entity, *rid;
	const struct field_spec *fields;
	int nfields;
};

static const struct field_spec municipality_f[] = {
	{"name", G_MUNI_NAME}, {"number", G_MUNI_NO}, {"county", G_COUNTY}, {"note", G_NOTE},
	{SAM_FIELD_DELETED, G_DELETED},
};
static const struct field_spec settlement_f[] = {
	{"municipality", G_REF_MUNI}, {"year", G_YEAR}, {"decided", G_COUNT},
	{"requested", G_COUNT}, {"status", G_STATUS}, {"decision_date", G_DATE},
	{SAM_FIELD_DELETED, G_DELETED},
};
/* "colour" is a field of a newer version. */
static const struct field_spec contact_f[] = {
	{"name", G_PERSON}, {"email", G_EMAIL}, {"phone", G_PHONE},
	{"municipality", G_REF_MUNI}, {"colour", G_ANY}, {SAM_FIELD_DELETED, G_DELETED},
};
static const struct field_spec membership_f[] = {
	{"contact", G_REF_CONTACT}, {"group", G_GROUP}, {"role", G_ROLE},
	{SAM_FIELD_DELETED, G_DELETED},
};
/* A kind of record this version does not know at all. */
static const struct field_spec future_f[] = {
	{"size", G_ANY}, {"label", G_ANY}, {SAM_FIELD_DELETED, G_DELETED},
};

#define REC(e, id, f) {e, id, f, (int)SAM_ARRAY_LEN(f)}
static const struct record_spec records[] = {
	REC("municipality", M1, municipality_f), REC("municipality", M2, municipality_f),
	REC("settlement", S1, settlement_f),     REC("contact", C1, contact_f),
	REC("contact", C2, contact_f),           REC("membership", G1, membership_f),
	REC("future_thing", F1, future_f),
};
#define NRECORDS ((int)SAM_ARRAY_LEN(records))

static const char *const muni_names[] = {"Moss", "Råde", "Rygge", "Sør-Varanger", "Hobøl"};
static const char *const muni_numbers[] = {"3002", "3017", "0136", "5444"};
static const char *const counties[] = {"Østfold", "Viken"};
static const char *const notes[] = {"Ring etter påske", "Linje 1\nLinje 2", ""};
/* "future_status" is a key a newer version may add: kept as it is. */
static const char *const statuses[] = {"awaiting", "decided", "decided_in_part", "negative",
                                       "later_deadline", "future_status"};
static const char *const dates[] = {"2016-03-01", "2016-02-29", "2015-12-31"};
static const char *const municipalities[] = {M1, M2};
static const char *const contacts[] = {C1, C2};
static const char *const people[] = {"Kari Nordmann", "Ola Nordmann", "Åse Ødegård"};
static const char *const emails[] = {"a@b.no", "kari@moss.kommune.no", "ola@rade.kommune.no"};
static const char *const phones[] = {"+47 69 24 10 00", "69241000"};
static const char *const groups[] = {"steering", "network", "project", "reference"};
static const char *const roles[] = {"leder", "sekretær"};
static const char *const anything[] = {"red", "blå", "x"};

/* The valid texts of each kind of text field. */
#define CHOICES(a) {a, (int)SAM_ARRAY_LEN(a)}
static const struct choices {
	const char *const *text;
	int n;
} text_values[] = {
	[G_MUNI_NAME] = CHOICES(muni_names),   [G_MUNI_NO] = CHOICES(muni_numbers),
	[G_COUNTY] = CHOICES(counties),        [G_NOTE] = CHOICES(notes),
	[G_STATUS] = CHOICES(statuses),        [G_DATE] = CHOICES(dates),
	[G_REF_MUNI] = CHOICES(municipalities), [G_REF_CONTACT] = CHOICES(contacts),
	[G_PERSON] = CHOICES(people),          [G_EMAIL] = CHOICES(emails),
	[G_PHONE] = CHOICES(phones),           [G_GROUP] = CHOICES(groups),
	[G_ROLE] = CHOICES(roles),
};

/* A newer version's field may hold text, a whole number or a real. */
static void gen_any(struct rng *r, struct sam_value *v)
{
	int kind = rng_below(r, 3);
	if (kind == 0) {
		sam_value_set_text(v, anything[rng_below(r, (int)SAM_ARRAY_LEN(anything))]);
	} else if (kind == 1) {
		sam_value_set_int(v, rng_below(r, 10));
	} else {
		v->kind = SAM_V_REAL;
		v->r = 0.5 * rng_below(r, 10);
	}
}

/* A value valid for the field; about one in seven clears it. */
static void gen_value(struct rng *r, enum gen g, struct sam_value *v)
{
	*v = (struct sam_value){0};
	if (g == G_DELETED) {
		sam_value_set_int(v, rng_below(r, 5) < 3); /* more deletes than undeletes */
		return;
	}
	if (rng_below(r, 100) < 15)
		return;
	if (g == G_COUNT)
		sam_value_set_int(v, rng_below(r, 200));
	else if (g == G_YEAR)
		sam_value_set_int(v, 2015 + rng_below(r, 2));
	else if (g == G_ANY)
		gen_any(r, v);
	else
		sam_value_set_text(v, text_values[g].text[rng_below(r, text_values[g].n)]);
}

struct op_set {
	struct sam_op op[NOPS];
	int n;
};

static void set_free(struct op_set *s)
{
	for (int i = 0; i < s->n; i++)
		sam_value_clear(&s->op[i].v);
	s->n = 0;
}

static void add_op(struct op_set *s, struct rng *r, int dev, int64_t seq, int64_t hlc,
                   const struct record_spec *rec, const struct field_spec *f)
{
	struct sam_op *op = &s->op[s->n++];
	*op = (struct sam_op){.dev = devs[dev], .seq = seq, .hlc = hlc, .entity = rec->entity,
	                      .rid = rec->rid, .field = f->name};
	gen_value(r, f->gen, &op->v);
}

/* Each device makes one op per round, numbered 1, 2, 3 … In round k its
 * stamp is 3k + {0,1,2} ms (+ a counter of 0 or 1), so each device's stamps
 * rise while different devices' stamps often tie. In one round of four all
 * devices change the same field at exactly the same stamp. */
static void make_op_set(struct op_set *s, uint64_t seed)
{
	struct rng r = {seed};
	s->n = 0;
	for (int k = 1; k <= ROUNDS; k++) {
		bool contested = rng_below(&r, 4) == 0;
		const struct record_spec *rec = &records[rng_below(&r, NRECORDS)];
		const struct field_spec *f = &rec->fields[rng_below(&r, rec->nfields)];
		for (int d = 0; d < NDEV; d++) {
			int64_t hlc = H(3 * k); /* contested: all the same */
			if (!contested) {
				rec = &records[rng_below(&r, NRECORDS)];
				f = &rec->fields[rng_below(&r, rec->nfields)];
				hlc = H(3 * k + rng_below(&r, 3)) | rng_below(&r, 2);
			}
			add_op(s, &r, d, k, hlc, rec, f);
		}
	}
}

/* An order to apply the set in: a shuffle of all ops, with about a fifth
 * of them again at random places. */
static int make_order(struct rng *r, int *order)
{
	int n = NOPS;
	for (int i = 0; i < n; i++)
		order[i] = i;
	for (int i = n - 1; i > 0; i--) {
		int j = rng_below(r, i + 1), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (int k = 0; k < NDUPS; k++) {
		int at = rng_below(r, n + 1);
		memmove(&order[at + 1], &order[at], (size_t)(n - at) * sizeof *order);
		order[at] = rng_below(r, NOPS);
		n++;
	}
	return n;
}

/* Applies the ops in order, in transactions of random size. */
static void apply_in_order(struct sam_db *db, const struct op_set *s, const int *order, int n,
                           struct rng *r)
{
	int i = 0;
	while (i < n) {
		int chunk = 1 + rng_below(r, 40);
		th_begin(db);
		for (int k = 0; k < chunk && i < n; k++, i++)
			apply_ok(db, &s->op[order[i]]);
		th_commit(db);
	}
}

/* ------------------------------------------------------------ the model */

static bool same_register(const struct sam_op *a, const struct sam_op *b)
{
	return strcmp(a->entity, b->entity) == 0 && strcmp(a->rid, b->rid) == 0 &&
	       strcmp(a->field, b->field) == 0;
}

/* The order of ops on one field: stamp, then device id, then (for two ops
 * of one device with one stamp, see the last hand-made case) counter. */
static bool beats(const struct sam_op *a, const struct sam_op *b)
{
	int by_dev = strcmp(a->dev, b->dev);
	return a->hlc > b->hlc ||
	       (a->hlc == b->hlc && (by_dev > 0 || (by_dev == 0 && a->seq > b->seq)));
}

/* The op that must hold (entity, rid, field) when all of s is applied. */
static const struct sam_op *winner(const struct op_set *s, const struct sam_op *of)
{
	const struct sam_op *w = NULL;
	for (int i = 0; i < s->n; i++)
		if (same_register(&s->op[i], of) && (!w || beats(&s->op[i], w)))
			w = &s->op[i];
	return w;
}

static bool is_winner(const struct op_set *s, const struct sam_op *op)
{
	return winner(s, op) == op;
}

/* The column an op lands in, or NULL if it lives in the log only. */
static const char *column_of(const struct sam_op *op, const struct sam_entity **e_out)
{
	const struct sam_entity *e = sam_entity_find(op->entity);
	if (!e || strcmp(e->name, op->entity) != 0)
		return NULL;
	*e_out = e;
	if (strcmp(op->field, SAM_FIELD_DELETED) == 0)
		return "deleted";
	const struct sam_field *f = sam_entity_field(e, op->field);
	return f ? f->name : NULL;
}

static void read_value(struct sam_db *db, const char *sql, const char *const *params, int n,
                       struct sam_value *out)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("bad test SQL %s: %s", sql, sqlite3_errmsg(db->sql));
	for (int i = 0; i < n; i++)
		sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		fail_msg("no row for %s (%s)", sql, params[0]);
	sam_value_from_column(out, st, 0);
	sqlite3_finalize(st);
}

static void assert_value_is(const struct sam_value *got, const struct sam_value *want,
                            const struct sam_op *op, const char *where)
{
	if (!sam_value_equal(got, want))
		fail_msg("%s of %s %s.%s: the winner %s/%" PRId64 " is not what is stored", where,
		         op->entity, op->rid, op->field, op->dev, op->seq);
}

/* Checks one field's winner against field_clock and the record's row. */
static void check_winner(struct sam_db *db, const struct sam_op *w)
{
	const char *key[] = {w->entity, w->rid, w->field};
	struct sam_value got;
	read_value(db, "SELECT value FROM field_clock WHERE entity = ? AND rid = ? AND field = ?",
	           key, 3, &got);
	assert_value_is(&got, &w->v, w, "field_clock");
	sam_value_clear(&got);
	read_value(db, "SELECT printf('%d/%s/%d', hlc, dev, seq) FROM field_clock "
	               "WHERE entity = ? AND rid = ? AND field = ?",
	           key, 3, &got);
	char *stamp = xasprintf("%" PRId64 "/%s/%" PRId64, w->hlc, w->dev, w->seq);
	assert_string_equal(got.s, stamp);
	free(stamp);
	sam_value_clear(&got);

	const struct sam_entity *e;
	const char *col = column_of(w, &e);
	if (!col)
		return;
	char *sql = xasprintf("SELECT \"%s\" FROM \"%s\" WHERE id = ?", col, e->table);
	read_value(db, sql, &w->rid, 1, &got);
	free(sql);
	assert_value_is(&got, &w->v, w, "the row");
	sam_value_clear(&got);
}

/* The merged database is not only the same every time but right: it holds
 * exactly the winners the rule picks. */
static void check_against_model(struct sam_db *db, const struct op_set *s)
{
	int registers = 0;
	for (int i = 0; i < s->n; i++) {
		if (!is_winner(s, &s->op[i]))
			continue;
		registers++;
		check_winner(db, &s->op[i]);
	}
	assert_int_equal(th_count(db, "SELECT count(*) FROM field_clock"), registers);
	assert_int_equal(th_count(db, "SELECT count(*) FROM op"), s->n);
	/* A row for each known record, none for the unknown kind. */
	assert_int_equal(th_count(db, "SELECT count(*) FROM municipality"), 2);
	assert_int_equal(th_count(db, "SELECT count(*) FROM settlement"), 1);
	assert_int_equal(th_count(db, "SELECT count(*) FROM contact"), 2);
	assert_int_equal(th_count(db, "SELECT count(*) FROM membership"), 1);
	assert_int_equal(th_count(db, "SELECT count(*) FROM sqlite_schema "
	                              "WHERE name = 'future_thing'"),
	                 0);
}

/* The fixed set must hold the cases it exists for; if a change of the
 * generator loses one, this says so instead of silently testing less. */
static void check_set_is_interesting(const struct op_set *s)
{
	int ties = 0, nulls = 0, unknown = 0, edits_after_delete = 0, undeletes = 0;
	for (int i = 0; i < s->n; i++) {
		const struct sam_op *op = &s->op[i], *w = winner(s, op);
		if (op != w && op->hlc == w->hlc)
			ties++;
		if (op == w && op->v.kind == SAM_V_NULL)
			nulls++;
		const struct sam_entity *e;
		if (op == w && !column_of(op, &e))
			unknown++;
		if (strcmp(op->field, SAM_FIELD_DELETED) == 0 && op == w) {
			if (op->v.i == 0) {
				for (int j = 0; j < s->n; j++)
					if (same_register(&s->op[j], op) && s->op[j].v.i == 1)
						undeletes++;
				continue;
			}
			for (int j = 0; j < s->n; j++)
				if (strcmp(s->op[j].rid, op->rid) == 0 && s->op[j].hlc > op->hlc &&
				    is_winner(s, &s->op[j]))
					edits_after_delete++;
		}
	}
	print_message("op set: %d ops, %d lost on a tie, %d cleared, %d unknown, "
	              "%d edits of deleted records, %d undeletes\n",
	              s->n, ties, nulls, unknown, edits_after_delete, undeletes);
	assert_true(ties > 0);
	assert_true(nulls > 0);
	assert_true(unknown > 0);
	assert_true(edits_after_delete > 0);
	assert_true(undeletes > 0);
}

/* ------------------------------------------------------------ convergence */

/* The convergence test: one random set of ops from four laptops,
 * applied in ORDERS random orders with duplicates and random transaction
 * sizes, always gives the same database — and the one the rule predicts. */
static void test_any_order_same_database(void **state)
{
	(void)state;
	static struct op_set set;
	make_op_set(&set, SEED);
	check_set_is_interesting(&set);
	int order[NOPS + NDUPS];
	struct rng r = {SEED ^ UINT64_C(0xfeedface)};

	/* The first run in a fresh file; the rest reuse one emptied file. */
	struct sam_db *fresh = th_open_empty();
	int n = make_order(&r, order);
	apply_in_order(fresh, &set, order, n, &r);
	char *first = dump_merged(fresh);
	check_against_model(fresh, &set);
	th_close(fresh);

	struct sam_db *db = th_open_empty();
	int differs = 0;
	for (int run = 1; run < ORDERS && !differs; run++) {
		reset_db(db);
		n = make_order(&r, order);
		apply_in_order(db, &set, order, n, &r);
		char *dump = dump_merged(db);
		if (strcmp(dump, first) != 0) {
			print_error("run %d differs.\nfirst:\n%s\nthis run:\n%s\n", run, first, dump);
			differs = run;
		}
		free(dump);
	}
	/* The last run is checked against the rule as well. */
	if (!differs)
		check_against_model(db, &set);
	th_close(db);
	free(first);
	set_free(&set);
	if (differs)
		fail_msg("run %d: the same ops in another order gave another database", differs);
}

/* ------------------------------------------------------------ hand-made cases */

/* An op as a table row; text values are copied when applied. */
struct spec {
	const char *dev;
	int64_t seq, hlc;
	const char *entity, *rid, *field;
	enum sam_vkind kind;
	int64_t i;
	const char *s;
	double r;
};
#define TXT(t) SAM_V_TEXT, 0, t
#define INT(n) SAM_V_INT, n, NULL
#define NUL SAM_V_NULL, 0, NULL
#define REAL(x) SAM_V_REAL, 0, NULL, x

static void spec_to_op(const struct spec *sp, struct sam_op *op)
{
	*op = (struct sam_op){.dev = sp->dev, .seq = sp->seq, .hlc = sp->hlc,
	                      .entity = sp->entity, .rid = sp->rid, .field = sp->field};
	op->v.kind = sp->kind;
	op->v.i = sp->i;
	op->v.r = sp->r;
	if (sp->kind == SAM_V_TEXT)
		op->v.s = xstrdup(sp->s);
}

static void apply_spec(struct sam_db *db, const struct spec *sp)
{
	struct sam_op op;
	spec_to_op(sp, &op);
	apply_ok(db, &op);
	sam_value_clear(&op.v);
}

/* Steps a[] to the next permutation in lexical order; false after the last. */
static bool next_permutation(int *a, int n)
{
	int i = n - 2;
	while (i >= 0 && a[i] >= a[i + 1])
		i--;
	if (i < 0)
		return false;
	int j = n - 1;
	while (a[j] <= a[i])
		j--;
	int t = a[i];
	a[i] = a[j];
	a[j] = t;
	for (int l = i + 1, r = n - 1; l < r; l++, r--) {
		t = a[l];
		a[l] = a[r];
		a[r] = t;
	}
	return true;
}

/* Applies the specs in every order (one transaction each) and runs check
 * after each; all orders must also give the same dump. */
static void in_every_order(const struct spec *sp, int n, void (*check)(struct sam_db *))
{
	struct sam_db *db = th_open_empty();
	int order[8];
	assert_true(n <= 8);
	for (int i = 0; i < n; i++)
		order[i] = i;
	char *first = NULL;
	bool same = true;
	do {
		reset_db(db);
		th_begin(db);
		for (int i = 0; i < n; i++)
			apply_spec(db, &sp[order[i]]);
		th_commit(db);
		check(db);
		char *dump = dump_merged(db);
		if (!first) {
			first = dump;
			continue;
		}
		same = strcmp(dump, first) == 0;
		free(dump);
	} while (same && next_permutation(order, n));
	free(first);
	th_close(db);
	if (!same)
		fail_msg("applying ops %d %d … in this order gives another database than "
		         "in the order they are listed",
		         order[0], order[1]);
}

/* One cell as SQL would write it ('Moss', 5, NULL). */
static void assert_cell(struct sam_db *db, const char *table, const char *rid, const char *col,
                        const char *want)
{
	char *sql = xasprintf("SELECT quote(\"%s\") FROM \"%s\" WHERE id = '%s'", col, table, rid);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) != SQLITE_ROW)
		fail_msg("%s: no row", sql);
	const char *got = (const char *)sqlite3_column_text(st, 0);
	if (strcmp(got, want) != 0)
		fail_msg("%s: expected %s, got %s", sql, want, got);
	sqlite3_finalize(st);
	free(sql);
}

static void assert_clock_dev(struct sam_db *db, const char *rid, const char *field,
                             const char *want_dev)
{
	char *sql = xasprintf("SELECT count(*) FROM field_clock WHERE rid = '%s' AND field = '%s' "
	                      "AND dev = '%s'",
	                      rid, field, want_dev);
	if (th_count(db, sql) != 1)
		fail_msg("%s.%s: expected the op of %s to hold the field", rid, field, want_dev);
	free(sql);
}

static const struct spec higher_stamp[] = {
	{DEV_D, 1, H(3), "municipality", M1, "name", TXT("Rygge")},
	{DEV_A, 1, H(5), "municipality", M1, "name", TXT("Moss")},
	{DEV_B, 1, H(4), "municipality", M1, "name", TXT("Råde")},
	{DEV_C, 1, H(5) - 1, "municipality", M1, "name", TXT("Hobøl")},
};

static void check_higher_stamp(struct sam_db *db)
{
	assert_cell(db, "municipality", M1, "name", "'Moss'");
	assert_clock_dev(db, M1, "name", DEV_A);
}

/* The later change wins, whatever order the laptops' changes arrive in and
 * however the device ids sort. */
static void test_higher_stamp_wins(void **state)
{
	(void)state;
	in_every_order(higher_stamp, (int)SAM_ARRAY_LEN(higher_stamp), check_higher_stamp);
}

static const struct spec equal_stamp[] = {
	{DEV_A, 1, H(7), "municipality", M1, "name", TXT("Moss")},
	{DEV_D, 1, H(7), "municipality", M1, "name", TXT("Rygge")},
	{DEV_C, 1, H(7), "municipality", M1, "name", TXT("Hobøl")},
	/* Equal milliseconds, but a's counter is ahead: the stamp decides. */
	{DEV_A, 2, H(8) | 1, "municipality", M1, "county", TXT("Østfold")},
	{DEV_D, 2, H(8), "municipality", M1, "county", TXT("Viken")},
};

static void check_equal_stamp(struct sam_db *db)
{
	assert_cell(db, "municipality", M1, "name", "'Rygge'");
	assert_clock_dev(db, M1, "name", DEV_D);
	assert_cell(db, "municipality", M1, "county", "'Østfold'");
	assert_clock_dev(db, M1, "county", DEV_A);
}

/* Two laptops changed a field at the very same stamp: the greater device
 * id wins, the same on every laptop. */
static void test_equal_stamp_greater_device_wins(void **state)
{
	(void)state;
	in_every_order(equal_stamp, (int)SAM_ARRAY_LEN(equal_stamp), check_equal_stamp);
}

static const struct spec delete_then_edit[] = {
	{DEV_A, 1, H(1), "municipality", M1, "name", TXT("Moss")},
	{DEV_D, 1, H(3), "municipality", M1, "name", TXT("Moss kommune")},
	{DEV_B, 1, H(5), "municipality", M1, SAM_FIELD_DELETED, INT(1)},
	{DEV_C, 1, H(7), "municipality", M1, "note", TXT("endret etter sletting")},
	{DEV_A, 2, H(2), "municipality", M1, "county", NUL},
};

static void check_delete_then_edit(struct sam_db *db)
{
	assert_cell(db, "municipality", M1, "deleted", "1");
	assert_cell(db, "municipality", M1, "name", "'Moss kommune'");
	assert_cell(db, "municipality", M1, "note", "'endret etter sletting'");
	assert_cell(db, "municipality", M1, "county", "NULL");
	assert_false(sam_record_exists(db, sam_entity_find("municipality"), M1));
}

/* A delete hides the record; an edit made on another laptop after it
 * still lands in the hidden row, and does not bring it back. */
static void test_delete_hides_later_edit_lands(void **state)
{
	(void)state;
	in_every_order(delete_then_edit, (int)SAM_ARRAY_LEN(delete_then_edit),
	               check_delete_then_edit);
}

static const struct spec undelete[] = {
	{DEV_A, 1, H(1), "municipality", M1, "name", TXT("Moss")},
	{DEV_B, 1, H(5), "municipality", M1, SAM_FIELD_DELETED, INT(1)},
	{DEV_A, 2, H(6), "municipality", M1, SAM_FIELD_DELETED, INT(0)},
	{DEV_C, 1, H(2), "municipality", M1, SAM_FIELD_DELETED, INT(0)},
	/* On M2 the undelete is older than the delete: it stays deleted. */
	{DEV_A, 3, H(4), "municipality", M2, SAM_FIELD_DELETED, INT(0)},
	{DEV_B, 2, H(5), "municipality", M2, SAM_FIELD_DELETED, INT(1)},
};

static void check_undelete(struct sam_db *db)
{
	assert_cell(db, "municipality", M1, "deleted", "0");
	assert_cell(db, "municipality", M1, "name", "'Moss'");
	assert_true(sam_record_exists(db, sam_entity_find("municipality"), M1));
	assert_cell(db, "municipality", M2, "deleted", "1");
	assert_cell(db, "municipality", M2, "name", "NULL");
}

/* "Undo delete" made after the delete brings the record back everywhere;
 * one made before it does not. */
static void test_later_undelete_revives(void **state)
{
	(void)state;
	in_every_order(undelete, (int)SAM_ARRAY_LEN(undelete), check_undelete);
}

static const struct spec unknown[] = {
	{DEV_A, 1, H(1), "future_thing", F1, "size", REAL(2.5)},
	{DEV_B, 1, H(2), "contact", C1, "colour", TXT("grønn")},
	{DEV_C, 1, H(3), "settlement", S1, "wind_speed", INT(7)},
	{DEV_D, 1, H(4), "future_thing", F1, SAM_FIELD_DELETED, INT(1)},
};

static void check_unknown(struct sam_db *db)
{
	assert_int_equal(th_count(db, "SELECT count(*) FROM op"), 4);
	assert_int_equal(th_count(db, "SELECT count(*) FROM field_clock"), 4);
	assert_int_equal(th_count(db, "SELECT count(*) FROM field_clock WHERE entity = "
	                              "'future_thing' AND field = 'size' AND value = 2.5 "
	                              "AND typeof(value) = 'real'"),
	                 1);
	assert_int_equal(th_count(db, "SELECT count(*) FROM field_clock WHERE rid = '" C1 "' "
	                              "AND field = 'colour' AND value = 'grønn'"),
	                 1);
	assert_int_equal(th_count(db, "SELECT count(*) FROM field_clock WHERE rid = '" S1 "' "
	                              "AND field = 'wind_speed' AND value = 7"),
	                 1);
	/* Nowhere else: no record rows, no new table. */
	for (int i = 0; i < sam_nentities; i++) {
		char *sql = xasprintf("SELECT count(*) FROM \"%s\"", sam_entities[i]->table);
		if (th_count(db, sql) != 0)
			fail_msg("%s has rows", sam_entities[i]->table);
		free(sql);
	}
	assert_int_equal(th_count(db, "SELECT count(*) FROM sqlite_schema "
	                              "WHERE name = 'future_thing'"),
	                 0);
}

/* A newer laptop's kinds of records and fields are kept (in the log and
 * the field clocks, to pass on and to show after an update) and touch
 * nothing this version shows. */
static void test_unknown_entity_and_field_kept(void **state)
{
	(void)state;
	in_every_order(unknown, (int)SAM_ARRAY_LEN(unknown), check_unknown);
}

/* A segment fetched twice (a retry after a dropped connection) changes
 * nothing the second time: one op row, and an old duplicate never wins
 * back its field. */
static void test_applying_twice_keeps_one_op(void **state)
{
	(void)state;
	struct sam_db *db = th_open_empty();
	static const struct spec newer = {DEV_A, 1, H(9), "municipality", M1, "name", TXT("Moss")};
	static const struct spec older = {DEV_B, 1, H(4), "municipality", M1, "name", TXT("Råde")};
	th_begin(db);
	apply_spec(db, &older);
	apply_spec(db, &older);
	apply_spec(db, &newer);
	th_commit(db);
	char *once = dump_merged(db);
	th_begin(db);
	apply_spec(db, &newer);
	apply_spec(db, &older);
	th_commit(db);
	char *twice = dump_merged(db);
	assert_string_equal(twice, once);
	assert_int_equal(th_count(db, "SELECT count(*) FROM op"), 2);
	assert_int_equal(th_count(db, "SELECT count(*) FROM op WHERE dev = '" DEV_B "'"), 1);
	assert_int_equal(th_count(db, "SELECT count(*) FROM field_clock"), 1);
	assert_cell(db, "municipality", M1, "name", "'Moss'");
	free(twice);
	free(once);
	th_close(db);
}

/* A far-future stamp on every bad op: if the clock saw it before the op
 * was refused, "nothing changed" would fail on the local table. */
#define FAR H(INT64_C(400) * 86400000)

static const struct {
	struct spec sp;
	const char *says; /* part of the message */
} malformed[] = {
	{{"00000000000000A1", 1, FAR, "municipality", M1, "name", TXT("Moss")}, "00000000000000A1"},
	{{"a1", 1, FAR, "municipality", M1, "name", TXT("Moss")}, "'a1'"},
	{{"00000000000000a1ff", 1, FAR, "municipality", M1, "name", TXT("Moss")}, "device"},
	{{DEV_A, 0, FAR, "municipality", M1, "name", TXT("Moss")}, "counter"},
	{{DEV_A, -4, FAR, "municipality", M1, "name", TXT("Moss")}, "counter"},
	{{DEV_A, 9, 0, "municipality", M1, "name", TXT("Moss")}, "time"},
	{{DEV_A, 9, -5, "municipality", M1, "name", TXT("Moss")}, "time"},
	{{DEV_A, 9, FAR, "Bad-Name", M1, "name", TXT("Moss")}, "malformed"},
	{{DEV_A, 9, FAR, "", M1, "name", TXT("Moss")}, "malformed"},
	{{DEV_A, 9, FAR, "municipality", M1, "Not A Field", TXT("Moss")}, "malformed"},
	{{DEV_A, 9, FAR, "municipality", "abc", "name", TXT("Moss")}, "record id"},
	{{DEV_A, 9, FAR, "municipality", "00000000000000000000000000000A01", "name", TXT("Moss")},
	 "record id"},
	{{DEV_A, 9, FAR, "settlement", S1, "decided", INT(-1)}, "decided"},
	{{DEV_A, 9, FAR, "settlement", S1, "decided", TXT("fourty")}, "decided"},
	{{DEV_A, 9, FAR, "settlement", S1, "decided", REAL(2.5)}, "decided"},
	{{DEV_A, 9, FAR, "settlement", S1, "year", INT(1999)}, "year"},
	{{DEV_A, 9, FAR, "settlement", S1, "status", TXT("Not A Key")}, "status"},
	{{DEV_A, 9, FAR, "settlement", S1, "decision_date", TXT("2016-02-31")}, "decision_date"},
	{{DEV_A, 9, FAR, "settlement", S1, "municipality", TXT("Moss")}, "municipality"},
	{{DEV_A, 9, FAR, "contact", C1, "email", TXT("no-at-sign")}, "email"},
	{{DEV_A, 9, FAR, "municipality", M1, "name", TXT("Mo\nss")}, "name"},
	{{DEV_A, 9, FAR, "municipality", M1, "name", TXT("Mo\xffss")}, "name"},
	{{DEV_A, 9, FAR, "municipality", M1, SAM_FIELD_DELETED, INT(2)}, "deletion"},
	{{DEV_A, 9, FAR, "municipality", M1, SAM_FIELD_DELETED, NUL}, "deletion"},
	{{DEV_A, 9, FAR, "municipality", M1, SAM_FIELD_DELETED, TXT("yes")}, "deletion"},
};

/* A damaged or hostile op is refused with a message and changes nothing:
 * not the rows, not the log, not the field clocks, not our clock. */
static void test_malformed_op_rejected(void **state)
{
	(void)state;
	th_clock_set(NOW_MS);
	struct sam_db *db = th_open_empty();
	th_begin(db);
	apply_spec(db, &higher_stamp[0]);
	apply_spec(db, &(struct spec){DEV_B, 1, H(1), "settlement", S1, "decided", INT(4)});
	th_commit(db);
	char *before = dump_everything(db);
	for (size_t i = 0; i < SAM_ARRAY_LEN(malformed); i++) {
		struct sam_op op;
		spec_to_op(&malformed[i].sp, &op);
		struct sam_err err = {{0}};
		th_begin(db);
		int rc = sam_apply_op(db, &op, &err);
		th_commit(db);
		sam_value_clear(&op.v);
		if (rc != -1)
			fail_msg("malformed op %zu (%s) was accepted", i, malformed[i].says);
		if (!strstr(err.msg, malformed[i].says))
			fail_msg("op %zu: expected a message with \"%s\", got \"%s\"", i,
			         malformed[i].says, err.msg);
		char *after = dump_everything(db);
		if (strcmp(after, before) != 0)
			fail_msg("malformed op %zu (%s) changed the database", i, malformed[i].says);
		free(after);
	}
	free(before);
	th_close(db);
	sam_clock_set(NULL);
}

static const struct spec same_device_tie[] = {
	{DEV_A, 1, H(5), "municipality", M1, "name", TXT("Moss")},
	{DEV_A, 2, H(5), "municipality", M1, "name", TXT("Rygge")},
};

static void check_nothing(struct sam_db *db)
{
	(void)db;
}

/* Sync checks that a device's counters are contiguous, not that its
 * stamps rise: two ops of one device with the same stamp (a buggy or
 * restored laptop) must still merge the same in every order. */
static void test_same_device_equal_stamp_converges(void **state)
{
	(void)state;
	in_every_order(same_device_tie, (int)SAM_ARRAY_LEN(same_device_tie), check_nothing);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_higher_stamp_wins),
		cmocka_unit_test(test_equal_stamp_greater_device_wins),
		cmocka_unit_test(test_delete_hides_later_edit_lands),
		cmocka_unit_test(test_later_undelete_revives),
		cmocka_unit_test(test_unknown_entity_and_field_kept),
		cmocka_unit_test(test_applying_twice_keeps_one_op),
		cmocka_unit_test(test_malformed_op_rejected),
		cmocka_unit_test(test_same_device_equal_stamp_converges),
		cmocka_unit_test(test_any_order_same_database),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
