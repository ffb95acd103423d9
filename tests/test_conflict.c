/* The conflicts kept per field (core/conflict.c) against the whole
 * computation: after any mix of own changes, other laptops' changes,
 * sealing and dismissals, the list read from what is kept equals the list
 * computed from scratch. Each of those is a reason a field is computed
 * again; a forgotten one shows here as a difference. */
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

#include "core/conflict.h"
#include "core/write.h"
#include "tests/helpers.h"

#define RUNS 40
#define STEPS 60
#define NOTHERS 3
#define NRECORDS 3
#define SEED UINT64_C(0x2c1f6e0b9d4a7358)

/* 2024-03-01T10:00:00Z */
#define NOW_MS INT64_C(1709287200000)

static const char *const others[NOTHERS] = {"00000000000000b2", "00000000000000c3",
                                            "00000000000000d4"};
static const char *const rids[NRECORDS] = {"00000000000000000000000000000001",
                                           "00000000000000000000000000000002",
                                           "00000000000000000000000000000003"};
static const char *const fields[] = {"name", "note"};
static const char *const values[] = {"Moss", "Sarpsborg", "Halden"};

struct rng {
	uint64_t s;
};

static int rng_below(struct rng *r, int n)
{
	uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return (int)((z ^ (z >> 31)) % (uint64_t)n);
}

/* One run's laptops: how far each other device's ops go, how far own ops
 * are sealed, and the vector this laptop had when its first op not yet
 * sealed was made (what a segment sealed now says it had seen). */
struct world {
	struct sam_db *db;
	struct rng r;
	int64_t seq[NOTHERS], seg[NOTHERS];
	int64_t own_sealed, own_seg;
	int64_t vec_at_first_unsealed[NOTHERS];
	bool unsealed;
};

static void add_segment(struct sam_db *db, const char *dev, int64_t seg, int64_t first,
                        int64_t last, const char *vec)
{
	sqlite3_stmt *st = sam_db_stmt(db, "INSERT INTO sync_segment (dev, seg, first, last, vec) "
	                                   "VALUES (?, ?, ?, ?, ?)");
	sqlite3_bind_text(st, 1, dev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, seg);
	sqlite3_bind_int64(st, 3, first);
	sqlite3_bind_int64(st, 4, last);
	sqlite3_bind_text(st, 5, vec, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_reset(st);
}

static void own_write(struct world *w)
{
	if (!w->unsealed)
		memcpy(w->vec_at_first_unsealed, w->seq, sizeof w->seq);
	w->unsealed = true;
	struct sam_value v = {0};
	sam_value_set_text(&v, values[rng_below(&w->r, (int)SAM_ARRAY_LEN(values))]);
	struct sam_err err = {{0}};
	th_begin(w->db);
	if (sam_write_field(w->db, "contact", rids[rng_below(&w->r, NRECORDS)],
	                    fields[rng_below(&w->r, (int)SAM_ARRAY_LEN(fields))], &v, &err) < 0)
		fail_msg("write: %s", err.msg);
	th_commit(w->db);
	sam_value_clear(&v);
}

/* A segment of a few ops from another laptop, which had seen some of
 * ours and of the others'. */
static void other_segment(struct world *w)
{
	int d = rng_below(&w->r, NOTHERS), n = 1 + rng_below(&w->r, 3);
	struct strbuf vec = {0};
	sb_addf(&vec, "{\"%s\":%" PRId64, w->db->dev,
	        (int64_t)rng_below(&w->r, (int)w->own_sealed + 1));
	/* Now and then a device is left out: as if nothing of it was seen. */
	for (int i = 0; i < NOTHERS; i++)
		if (i != d && rng_below(&w->r, 4) != 0)
			sb_addf(&vec, ",\"%s\":%" PRId64, others[i],
			        (int64_t)rng_below(&w->r, (int)w->seq[i] + 1));
	sb_add(&vec, "}");
	th_begin(w->db);
	int64_t first = w->seq[d] + 1;
	for (int i = 0; i < n; i++) {
		struct sam_op op = {.dev = others[d], .seq = ++w->seq[d], .entity = "contact",
		                    .rid = rids[rng_below(&w->r, NRECORDS)],
		                    .field = fields[rng_below(&w->r, (int)SAM_ARRAY_LEN(fields))]};
		op.hlc = (NOW_MS + rng_below(&w->r, 2000)) << 16;
		sam_value_set_text(&op.v, values[rng_below(&w->r, (int)SAM_ARRAY_LEN(values))]);
		struct sam_err err = {{0}};
		if (sam_apply_op(w->db, &op, &err) < 0)
			fail_msg("apply: %s", err.msg);
		sam_value_clear(&op.v);
	}
	add_segment(w->db, others[d], ++w->seg[d], first, w->seq[d], vec.buf);
	th_commit(w->db);
	sb_free(&vec);
}

/* Own ops into a segment, as a sync's first step does. */
static void seal(struct world *w)
{
	int64_t last = sam_db_local_int(w->db, "seq", 0);
	if (last == w->own_sealed)
		return;
	struct strbuf vec = {0};
	sb_add(&vec, "{");
	for (int i = 0; i < NOTHERS; i++)
		sb_addf(&vec, "%s\"%s\":%" PRId64, i ? "," : "", others[i], w->vec_at_first_unsealed[i]);
	sb_add(&vec, "}");
	th_begin(w->db);
	add_segment(w->db, w->db->dev, ++w->own_seg, w->own_sealed + 1, last, vec.buf);
	th_commit(w->db);
	w->own_sealed = last;
	w->unsealed = false;
	sb_free(&vec);
}

static void load(struct sam_db *db, struct sam_conflicts *cs)
{
	struct sam_err err = {{0}};
	if (sam_conflicts_load(db, cs, &err) < 0)
		fail_msg("load: %s", err.msg);
}

static void dismiss_one(struct world *w)
{
	struct sam_conflicts cs;
	load(w->db, &cs);
	if (cs.n > 0) {
		struct sam_err err = {{0}};
		if (sam_conflict_dismiss(w->db, &cs.c[rng_below(&w->r, cs.n)], &err) < 0)
			fail_msg("dismiss: %s", err.msg);
	}
	sam_conflicts_free(&cs);
}

static char *dump(const struct sam_conflicts *cs)
{
	struct strbuf sb = {0};
	for (int i = 0; i < cs->n; i++) {
		const struct sam_conflict *c = &cs->c[i];
		sb_addf(&sb, "%s %s %s won %s:%" PRId64 " lost %s:%" PRId64 "\n", c->entity, c->rid,
		        c->field, c->winner.dev, c->winner.seq, c->loser.dev, c->loser.seq);
	}
	return sb_steal(&sb);
}

/* What is kept, then the same computed from scratch. */
static int check_same(struct sam_db *db)
{
	struct sam_conflicts kept, all;
	load(db, &kept);
	int n = kept.n;
	assert_int_equal(sam_conflict_count(db), n);
	char *a = dump(&kept);
	sam_conflicts_forget(db);
	load(db, &all);
	char *b = dump(&all);
	assert_string_equal(a, b);
	free(a);
	free(b);
	sam_conflicts_free(&kept);
	sam_conflicts_free(&all);
	return n;
}

static void test_kept_equals_computed(void **state)
{
	(void)state;
	int listed = 0, dismissed = 0;
	for (int run = 0; run < RUNS; run++) {
		struct world w = {.db = th_open_empty(), .r = {SEED + (uint64_t)run}};
		th_clock_set(NOW_MS);
		for (int step = 0; step < STEPS; step++) {
			/* Not after every step: the kept list must also catch up
			 * with several changes at once. */
			if (rng_below(&w.r, 3) == 0)
				listed += check_same(w.db) > 0;
			switch (rng_below(&w.r, 7)) {
			case 0:
			case 1:
				own_write(&w);
				break;
			case 2:
			case 3:
			case 4:
				other_segment(&w);
				break;
			case 5:
				seal(&w);
				break;
			default:
				/* Checked at once: a dismissal alone must show. */
				dismiss_one(&w);
				dismissed++;
				check_same(w.db);
			}
		}
		check_same(w.db);
		th_close(w.db);
	}
	/* The runs did list and dismiss conflicts. */
	assert_true(listed > RUNS);
	assert_true(dismissed > RUNS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kept_equals_computed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
