/* Ops applied at once (core/bulk.c) against the same ops applied one by
 * one (sam_apply_op), on two copies of one file that already holds local
 * changes: the log, the field clocks, the records' rows, the counters and
 * the conflicts must come out the same. The ops are shuffled across
 * devices, repeat, tie on the clock, delete and restore records, clear
 * fields, name an unknown kind and an unknown field, and include this
 * device's own ops coming back. */
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

#include "core/bulk.h"
#include "core/conflict.h"
#include "tests/helpers.h"

#define RUNS 25
#define NOPS 120
#define SEED UINT64_C(0x5b1d0c4e8a7f2193)

/* 2024-03-01T10:00:00Z */
#define NOW_MS INT64_C(1709287200000)

static const char *const others[] = {"00000000000000b2", "00000000000000c3", "00000000000000d4"};
static const char *const rids[] = {"00000000000000000000000000000001",
                                   "00000000000000000000000000000002",
                                   "00000000000000000000000000000003",
                                   "00000000000000000000000000000004"};
struct kind {
	const char *entity;
	const char *fields[4];
};
static const struct kind kinds[] = {
	{"contact", {"name", "position", "note", "_deleted"}},
	{"municipality", {"name", "county", "note", "_deleted"}},
	{"wormhole", {"name", "depth", "note", "_deleted"}}, /* a kind this version does not know */
	{"contact", {"name", "shoe_size", "note", "position"}}, /* a field it does not know */
};
static const char *const values[] = {"Moss", "Sarpsborg", "Halden", NULL};

struct rng {
	uint64_t s;
};

/* Knuth's MMIX step: enough to vary the cases, the same on every run. */
static int rng_below(struct rng *r, int n)
{
	r->s = r->s * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
	return (int)((r->s >> 33) % (uint64_t)n);
}

struct gen_op {
	char dev[SAM_DEV_BUF];
	int64_t seq, hlc;
	const char *entity, *field;
	const char *rid;
	struct sam_value v;
};

static void pick_value(struct rng *r, const char *field, struct sam_value *v)
{
	*v = (struct sam_value){0};
	if (strcmp(field, "_deleted") == 0) {
		v->kind = SAM_V_INT;
		v->i = rng_below(r, 2);
		return;
	}
	const char *s = values[rng_below(r, (int)SAM_ARRAY_LEN(values))];
	if (s)
		sam_value_set_text(v, s);
}

/* Local changes before either copy is made. */
static void local_writes(struct sam_db *db, struct rng *r)
{
	int n = rng_below(r, 6);
	th_begin(db);
	for (int i = 0; i < n; i++) {
		const struct kind *k = &kinds[rng_below(r, 2)];
		const char *field = k->fields[rng_below(r, 3)];
		struct sam_value v;
		pick_value(r, field, &v);
		struct sam_err err = {{0}};
		if (sam_write_field(db, k->entity, rids[rng_below(r, (int)SAM_ARRAY_LEN(rids))], field,
		                    &v, &err) < 0)
			fail_msg("write: %s", err.msg);
		sam_value_clear(&v);
	}
	th_commit(db);
}

/* Others' ops in the order of a snapshot (by device, then seq), some
 * repeated, and this device's own next ops coming back. */
static int gen_ops(struct sam_db *db, struct rng *r, struct gen_op *ops)
{
	int n = 0;
	int64_t own = sam_db_local_int(db, "seq", 0);
	for (int d = 0; d <= (int)SAM_ARRAY_LEN(others); d++) {
		int k = d < (int)SAM_ARRAY_LEN(others) ? NOPS / 4 : 3;
		for (int i = 0; i < k; i++) {
			struct gen_op *o = &ops[n++];
			const struct kind *kd = &kinds[rng_below(r, (int)SAM_ARRAY_LEN(kinds))];
			snprintf(o->dev, sizeof o->dev, "%s",
			         d < (int)SAM_ARRAY_LEN(others) ? others[d] : db->dev);
			o->seq = d < (int)SAM_ARRAY_LEN(others) ? i + 1 : own + i + 1;
			/* A few stamps only: ties between devices. */
			o->hlc = (NOW_MS + rng_below(r, 6)) << 16;
			o->entity = kd->entity;
			o->field = kd->fields[rng_below(r, 4)];
			o->rid = rids[rng_below(r, (int)SAM_ARRAY_LEN(rids))];
			pick_value(r, o->field, &o->v);
			if (rng_below(r, 8) == 0) {
				/* The same (dev, seq) again, another value: ignored
				 * both ways. */
				struct gen_op *dup = &ops[n++];
				*dup = *o;
				pick_value(r, dup->field, &dup->v);
			}
		}
	}
	return n;
}

static struct sam_op as_op(const struct gen_op *g)
{
	return (struct sam_op){.dev = g->dev, .seq = g->seq, .hlc = g->hlc, .entity = g->entity,
	                       .rid = g->rid, .field = g->field, .v = g->v};
}

static char *dump(struct sam_db *db)
{
	struct strbuf sb = {0};
	static const char *const queries[] = {
		"SELECT * FROM op ORDER BY dev, seq",
		"SELECT * FROM field_clock ORDER BY entity, rid, field",
		"SELECT * FROM contact ORDER BY id",
		"SELECT * FROM municipality ORDER BY id",
		"SELECT key, value FROM local WHERE key IN ('seq', 'hlc') ORDER BY key",
	};
	for (size_t i = 0; i < SAM_ARRAY_LEN(queries); i++) {
		sb_addf(&sb, "-- %s\n", queries[i]);
		th_dump_query(&sb, db, queries[i]);
	}
	struct sam_conflicts cs;
	struct sam_err err = {{0}};
	if (sam_conflicts_load(db, &cs, &err) < 0)
		fail_msg("conflicts: %s", err.msg);
	for (int i = 0; i < cs.n; i++)
		sb_addf(&sb, "conflict %s %s %s %s:%" PRId64 " %s:%" PRId64 "\n", cs.c[i].entity,
		        cs.c[i].rid, cs.c[i].field, cs.c[i].winner.dev, cs.c[i].winner.seq,
		        cs.c[i].loser.dev, cs.c[i].loser.seq);
	sam_conflicts_free(&cs);
	return sb_steal(&sb);
}

static struct sam_db *copy_of(struct sam_db *db)
{
	char *path = xasprintf("%s.copy", db->path);
	char *sql = xasprintf("VACUUM INTO '%s'", path);
	struct sam_err err = {{0}};
	if (sam_db_exec(db, sql, &err) < 0)
		fail_msg("copy: %s", err.msg);
	struct sam_db *c;
	if (sam_db_open(path, 0, &c, &err) < 0)
		fail_msg("open copy: %s", err.msg);
	free(sql);
	free(path);
	return c;
}

static void test_bulk_equals_one_by_one(void **state)
{
	(void)state;
	int rows = 0;
	for (int run = 0; run < RUNS; run++) {
		struct rng r = {SEED + (uint64_t)run};
		th_clock_set(NOW_MS);
		struct sam_db *one = th_open_empty();
		local_writes(one, &r);
		struct sam_db *bulk = copy_of(one);
		assert_string_equal(one->dev, bulk->dev);
		struct gen_op ops[2 * NOPS];
		int n = gen_ops(one, &r, ops);
		struct sam_err err = {{0}};

		th_begin(one);
		for (int i = 0; i < n; i++) {
			struct sam_op op = as_op(&ops[i]);
			if (sam_apply_op(one, &op, &err) < 0)
				fail_msg("apply: %s", err.msg);
		}
		th_commit(one);

		th_begin(bulk);
		struct sam_bulk *b = sam_bulk_begin(bulk, &err);
		assert_non_null(b);
		for (int i = 0; i < n; i++) {
			struct sam_op op = as_op(&ops[i]);
			if (sam_bulk_add(b, &op, &err) < 0)
				fail_msg("bulk add: %s", err.msg);
		}
		if (sam_bulk_end(b, &err) < 0)
			fail_msg("bulk end: %s", err.msg);
		th_commit(bulk);

		char *a = dump(one), *c = dump(bulk);
		assert_string_equal(a, c);
		rows += (int)th_count(bulk, "SELECT count(*) FROM contact");
		free(a);
		free(c);
		for (int i = 0; i < n; i++)
			sam_value_clear(&ops[i].v);
		th_close(one);
		th_close(bulk);
	}
	/* The runs did make records. */
	assert_true(rows > RUNS);
}

/* A malformed op is refused as sam_apply_op refuses it. */
static void test_bulk_refuses_malformed(void **state)
{
	(void)state;
	struct sam_db *db = th_open_empty();
	th_begin(db);
	struct sam_err err = {{0}};
	struct sam_bulk *b = sam_bulk_begin(db, &err);
	assert_non_null(b);
	struct sam_op op = {.dev = others[0], .seq = 1, .hlc = NOW_MS << 16, .entity = "contact",
	                    .rid = rids[0], .field = "_deleted"};
	sam_value_set_text(&op.v, "yes");
	assert_int_equal(sam_bulk_add(b, &op, &err), -1);
	sam_value_clear(&op.v);
	sam_bulk_abandon(b);
	sam_tx_rollback(db);
	assert_int_equal(th_count(db, "SELECT count(*) FROM op"), 0);
	th_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bulk_equals_one_by_one),
		cmocka_unit_test(test_bulk_refuses_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
