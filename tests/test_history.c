/* A record's history: every op of the record in stamp order, each with the
 * value it replaced, who made it (the device's author as it was then:
 * "Name, label", or the device id when the device is unknown), and which
 * entry holds each field's current value. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/history.h"
#include "core/record.h"
#include "core/write.h"
#include "tests/helpers.h"

#define T0 1443783600000LL /* 2015-10-02T11:00:00Z */
#define OLA_DEV "1111222233334444"     /* a known remote device */
#define UNKNOWN_DEV "aaaabbbbccccdddd" /* a device with no device record */

/* ------------------------------------------------------------ helpers */

static const struct sam_entity *entity(const char *name)
{
	const struct sam_entity *e = sam_entity_find(name);
	assert_non_null(e);
	return e;
}

static void set_author(struct sam_db *db, const char *name, const char *label)
{
	struct sam_author who = {.name = name, .label = label};
	struct sam_err err = {"(no message)"};
	if (sam_db_set_author(db, &who, &err) < 0)
		fail_msg("cannot set the author: %s", err.msg);
}

static void add_moss(struct sam_db *db, char id[SAM_ID_BUF])
{
	struct sam_assign a[] = {{"number", "0104"}, {"name", "Moss"}};
	struct sam_err err = {"(no message)"};
	if (sam_record_add(db, entity("municipality"), a, 2, id, &err) < 0)
		fail_msg("cannot add Moss: %s", err.msg);
}

static void set_field(struct sam_db *db, const char *id, const char *field, const char *text)
{
	struct sam_assign a[] = {{field, text}};
	struct sam_err err = {"(no message)"};
	if (sam_record_set(db, entity("municipality"), id, a, 1, &err) < 0)
		fail_msg("cannot set %s: %s", field, err.msg);
}

/* Applies one op of another device, stamped at ms, in its own
 * transaction. text NULL is an empty value. */
static void apply_remote(struct sam_db *db, const char *dev, int64_t seq, int64_t ms,
                         const char *ent, const char *rid, const char *field,
                         const char *text)
{
	struct sam_op op = {.dev = dev, .seq = seq, .hlc = ms << 16, .entity = ent, .rid = rid,
	                    .field = field};
	struct sam_err err = {"(no message)"};
	if (text)
		op.v = (struct sam_value){.kind = SAM_V_TEXT, .s = (char *)(uintptr_t)text};
	if (sam_tx_begin(db, &err) < 0 || sam_apply_op(db, &op, &err) < 0 ||
	    sam_tx_commit(db, &err) < 0)
		fail_msg("cannot apply %s/%lld: %s", dev, (long long)seq, err.msg);
}

static void device_id(const char *dev, char id[SAM_ID_BUF])
{
	const char *parts[] = {"device", dev};
	sam_id_derive(id, parts, 2);
}

/* The device record of another laptop, as sync brings it: seq 1–3. */
static void add_remote_device(struct sam_db *db, const char *dev, int64_t ms, const char *name,
                              const char *label)
{
	char rid[SAM_ID_BUF];
	device_id(dev, rid);
	apply_remote(db, dev, 1, ms, "device", rid, "dev", dev);
	apply_remote(db, dev, 2, ms + 1, "device", rid, "user_name", name);
	apply_remote(db, dev, 3, ms + 2, "device", rid, "label", label);
}

static void load(struct sam_db *db, const char *ent, const char *id, struct sam_history *h)
{
	struct sam_err err = {"(no message)"};
	if (sam_history_load(db, ent, id, h, &err) < 0)
		fail_msg("cannot load the history: %s", err.msg);
}

static void assert_value(const struct sam_value *v, const char *want)
{
	if (!want) {
		if (v->kind != SAM_V_NULL)
			fail_msg("expected an empty value, got kind %d '%s'", (int)v->kind,
			         v->s ? v->s : "");
		return;
	}
	if (v->kind != SAM_V_TEXT)
		fail_msg("expected '%s', got kind %d", want, (int)v->kind);
	assert_string_equal(v->s, want);
}

/* Entry i is field: old → new, by who, current or not. */
static void assert_entry(const struct sam_history *h, int i, const char *field,
                         const char *old_value, const char *new_value, const char *who,
                         int won)
{
	if (i >= h->n)
		fail_msg("the history has %d entries; entry %d expected", h->n, i);
	const struct sam_history_entry *e = &h->e[i];
	if (strcmp(e->field, field) != 0)
		fail_msg("entry %d is of field '%s', not '%s'", i, e->field, field);
	assert_value(&e->old_value, old_value);
	assert_value(&e->new_value, new_value);
	if (strcmp(e->who, who) != 0)
		fail_msg("entry %d (%s) is by '%s', not '%s'", i, field, e->who, who);
	if (e->won != won)
		fail_msg("entry %d (%s = %s) has won = %d, not %d", i, field,
		         new_value ? new_value : "(empty)", e->won, won);
}

/* Each field has exactly one entry marked won, and it is its latest. */
static void assert_one_winner_per_field(const struct sam_history *h)
{
	for (int i = 0; i < h->n; i++) {
		int later = 0, won = 0;
		for (int j = 0; j < h->n; j++) {
			if (strcmp(h->e[j].field, h->e[i].field) != 0)
				continue;
			later += j > i;
			won += h->e[j].won;
		}
		assert_int_equal(won, 1);
		assert_int_equal(h->e[i].won, later == 0);
	}
}

static void assert_stamp_order(const struct sam_history *h)
{
	for (int i = 1; i < h->n; i++)
		assert_true(h->e[i - 1].ms <= h->e[i].ms);
}


/* ------------------------------------------------------------ the story */

/* Moss is added here by Kari, renamed before that by Ola (an op that
 * arrives late and loses), its note set by Kari, then Ola, then Kari
 * again, and its county by a device nobody has named. */
struct story {
	struct sam_db *db;
	char moss[SAM_ID_BUF];
	char kari_dev[SAM_DEV_BUF];
};

static void tell_story(struct story *s)
{
	s->db = th_open_empty();
	memcpy(s->kari_dev, s->db->dev, sizeof s->kari_dev);
	th_clock_set(T0);
	set_author(s->db, "Kari Nordmann", "laptop-moss");
	add_moss(s->db, s->moss);
	set_field(s->db, s->moss, "note", "Første notat");
	add_remote_device(s->db, OLA_DEV, T0 + 100, "Ola Hansen", "laptop-halden");
	apply_remote(s->db, OLA_DEV, 4, T0 + 200, "municipality", s->moss, "note", "Andre notat");
	apply_remote(s->db, OLA_DEV, 5, T0 - 1000, "municipality", s->moss, "name", "Mosse");
	apply_remote(s->db, UNKNOWN_DEV, 1, T0 + 300, "municipality", s->moss, "county",
	             "Østfold");
	th_clock_set(T0 + 1000);
	set_field(s->db, s->moss, "note", "Tredje notat");
}

static void end_story(struct story *s)
{
	sam_clock_set(NULL);
	th_close(s->db);
}

/* The entries come in stamp order, each with the value it replaced (none
 * for a field's first), by "Name, label" or the bare device id, and `won`
 * on exactly the current value of each field. */
static void test_history_of_a_record(void **state)
{
	struct story s;
	struct sam_history h;
	const char *kari = "Kari Nordmann, laptop-moss", *ola = "Ola Hansen, laptop-halden";

	(void)state;
	tell_story(&s);
	load(s.db, "municipality", s.moss, &h);
	assert_int_equal(h.n, 7);
	assert_entry(&h, 0, "name", NULL, "Mosse", ola, 0);
	assert_entry(&h, 1, "number", NULL, "0104", kari, 1);
	assert_entry(&h, 2, "name", "Mosse", "Moss", kari, 1);
	assert_entry(&h, 3, "note", NULL, "Første notat", kari, 0);
	assert_entry(&h, 4, "note", "Første notat", "Andre notat", ola, 0);
	assert_entry(&h, 5, "county", NULL, "Østfold", UNKNOWN_DEV, 1);
	assert_entry(&h, 6, "note", "Andre notat", "Tredje notat", kari, 1);
	assert_stamp_order(&h);
	assert_one_winner_per_field(&h);

	/* Times and devices as stamped. */
	assert_int_equal(h.e[0].ms, T0 - 1000);
	assert_int_equal(h.e[4].ms, T0 + 200);
	assert_int_equal(h.e[5].ms, T0 + 300);
	assert_true(h.e[1].ms >= T0 && h.e[1].ms < T0 + 100);
	assert_true(h.e[3].ms > h.e[2].ms && h.e[3].ms < T0 + 100);
	assert_true(h.e[6].ms >= T0 + 1000 && h.e[6].ms < T0 + 1100);
	assert_string_equal(h.e[0].dev, OLA_DEV);
	assert_string_equal(h.e[1].dev, s.kari_dev);
	assert_string_equal(h.e[5].dev, UNKNOWN_DEV);

	/* The winners are what the row holds. */
	{
		char *sql = xasprintf("SELECT name || '|' || number || '|' || county || '|' || "
		                      "note FROM municipality WHERE id = '%s'", s.moss);
		char *row = th_query_text(s.db, sql);
		assert_string_equal(row, "Moss|0104|Østfold|Tredje notat");
		free(row);
		free(sql);
	}
	sam_history_free(&h);
	assert_int_equal(h.n, 0);
	assert_null(h.e);
	end_story(&s);
}

/* Two ops with the same stamp are ordered by device id, and the larger
 * device id is the winner, in the history as in the row. */
static void test_same_stamp_ordered_by_device(void **state)
{
	struct story s;
	struct sam_history h;

	(void)state;
	tell_story(&s);
	/* Applied larger device first, so order is not arrival order. */
	apply_remote(s.db, UNKNOWN_DEV, 2, T0 + 2000, "municipality", s.moss, "county", "Viken");
	apply_remote(s.db, OLA_DEV, 6, T0 + 2000, "municipality", s.moss, "county",
	             "Østfold fylke");
	load(s.db, "municipality", s.moss, &h);
	assert_int_equal(h.n, 9);
	assert_entry(&h, 7, "county", "Østfold", "Østfold fylke", "Ola Hansen, laptop-halden", 0);
	assert_entry(&h, 8, "county", "Østfold fylke", "Viken", UNKNOWN_DEV, 1);
	assert_one_winner_per_field(&h);
	sam_history_free(&h);
	{
		char *sql = xasprintf("SELECT county FROM municipality WHERE id = '%s'", s.moss);
		char *county = th_query_text(s.db, sql);
		assert_string_equal(county, "Viken");
		free(county);
		free(sql);
	}
	end_story(&s);
}

/* A duplicate op (sync sends it again) is listed once. */
static void test_duplicate_op_listed_once(void **state)
{
	struct story s;
	struct sam_history h;

	(void)state;
	tell_story(&s);
	apply_remote(s.db, OLA_DEV, 4, T0 + 200, "municipality", s.moss, "note", "Andre notat");
	load(s.db, "municipality", s.moss, &h);
	assert_int_equal(h.n, 7);
	sam_history_free(&h);
	end_story(&s);
}

/* A change made after the person's name was erased from the device
 * record is by the label alone; with the device record deleted, every
 * change of that device is by its bare id. */
static void test_who_after_erasure_and_deletion(void **state)
{
	struct story s;
	struct sam_history h;
	char rid[SAM_ID_BUF];
	struct sam_op del = {.dev = OLA_DEV, .seq = 8, .hlc = (T0 + 3000) << 16,
	                     .entity = "device", .rid = rid, .field = SAM_FIELD_DELETED,
	                     .v = {.kind = SAM_V_INT, .i = 1}};
	struct sam_err err = {"(no message)"};

	(void)state;
	tell_story(&s);
	device_id(OLA_DEV, rid);
	apply_remote(s.db, OLA_DEV, 6, T0 + 2000, "device", rid, "user_name", NULL);
	apply_remote(s.db, OLA_DEV, 7, T0 + 2500, "municipality", s.moss, "note", "Femte notat");
	load(s.db, "municipality", s.moss, &h);
	assert_int_equal(h.n, 8);
	assert_entry(&h, 7, "note", "Tredje notat", "Femte notat", "laptop-halden", 1);
	assert_entry(&h, 6, "note", "Andre notat", "Tredje notat", "Kari Nordmann, laptop-moss", 0);
	sam_history_free(&h);

	assert_int_equal(sam_tx_begin(s.db, &err), 0);
	assert_int_equal(sam_apply_op(s.db, &del, &err), 0);
	assert_int_equal(sam_tx_commit(s.db, &err), 0);
	load(s.db, "municipality", s.moss, &h);
	assert_entry(&h, 0, "name", NULL, "Mosse", OLA_DEV, 0);
	assert_entry(&h, 4, "note", "Første notat", "Andre notat", OLA_DEV, 0);
	assert_entry(&h, 7, "note", "Tredje notat", "Femte notat", OLA_DEV, 1);
	assert_entry(&h, 6, "note", "Andre notat", "Tredje notat", "Kari Nordmann, laptop-moss", 0);
	sam_history_free(&h);
	end_story(&s);
}

/* A deletion is an entry of its own (field _deleted, 0/1), and so is the
 * record coming back. */
static void test_deletion_in_history(void **state)
{
	struct story s;
	struct sam_history h;
	struct sam_err err = {"(no message)"};

	(void)state;
	tell_story(&s);
	th_clock_set(T0 + 5000);
	assert_int_equal(sam_record_delete(s.db, entity("municipality"), s.moss, &err), 0);
	load(s.db, "municipality", s.moss, &h);
	assert_int_equal(h.n, 8);
	const struct sam_history_entry *e = &h.e[7];
	assert_string_equal(e->field, SAM_FIELD_DELETED);
	assert_int_equal(e->old_value.kind, SAM_V_NULL);
	assert_int_equal(e->new_value.kind, SAM_V_INT);
	assert_int_equal(e->new_value.i, 1);
	assert_int_equal(e->won, 1);
	assert_string_equal(e->who, "Kari Nordmann, laptop-moss");
	assert_one_winner_per_field(&h);
	sam_history_free(&h);
	end_story(&s);
}

/* A record with no ops, and a kind with no such record, have an empty
 * history, not an error; another record's ops are not listed. */
static void test_empty_history(void **state)
{
	struct story s;
	struct sam_history h;
	char other[SAM_ID_BUF];

	(void)state;
	tell_story(&s);
	sam_id_new(other);
	load(s.db, "municipality", other, &h);
	assert_int_equal(h.n, 0);
	sam_history_free(&h);
	load(s.db, "contact", s.moss, &h);
	assert_int_equal(h.n, 0);
	sam_history_free(&h);

	/* The device record has its own history: Kari's three fields. */
	device_id(s.kari_dev, other);
	load(s.db, "device", other, &h);
	assert_int_equal(h.n, 3);
	assert_entry(&h, 0, "dev", NULL, s.kari_dev, "Kari Nordmann, laptop-moss", 1);
	assert_entry(&h, 1, "user_name", NULL, "Kari Nordmann", "Kari Nordmann, laptop-moss", 1);
	assert_entry(&h, 2, "label", NULL, "laptop-moss", "Kari Nordmann, laptop-moss", 1);
	sam_history_free(&h);
	end_story(&s);
}

/* Setting the same author again writes nothing; a new label is one
 * change of the device record, old → new. Each change is by the author
 * as it was when the change was made: Kari's earlier changes keep the
 * old label, her later ones have the new. */
static void test_author_change(void **state)
{
	struct story s;
	struct sam_history h;
	char rid[SAM_ID_BUF];
	int64_t ops;

	(void)state;
	tell_story(&s);
	ops = th_count(s.db, "SELECT count(*) FROM op");
	set_author(s.db, "Kari Nordmann", "laptop-moss");
	assert_int_equal(th_count(s.db, "SELECT count(*) FROM op"), ops);
	set_author(s.db, "Kari Nordmann", "ny-laptop");
	assert_int_equal(th_count(s.db, "SELECT count(*) FROM op"), ops + 1);
	set_field(s.db, s.moss, "note", "Fjerde notat");

	device_id(s.kari_dev, rid);
	load(s.db, "device", rid, &h);
	assert_int_equal(h.n, 4);
	assert_entry(&h, 2, "label", NULL, "laptop-moss", "Kari Nordmann, laptop-moss", 0);
	assert_entry(&h, 3, "label", "laptop-moss", "ny-laptop", "Kari Nordmann, ny-laptop", 1);
	sam_history_free(&h);

	load(s.db, "municipality", s.moss, &h);
	assert_int_equal(h.n, 8);
	assert_entry(&h, 1, "number", NULL, "0104", "Kari Nordmann, laptop-moss", 1);
	assert_entry(&h, 6, "note", "Andre notat", "Tredje notat", "Kari Nordmann, laptop-moss", 0);
	assert_entry(&h, 7, "note", "Tredje notat", "Fjerde notat", "Kari Nordmann, ny-laptop", 1);
	/* Ola's name came with ops stamped after his first change: that
	 * change is by his name as it is now. */
	assert_entry(&h, 0, "name", NULL, "Mosse", "Ola Hansen, laptop-halden", 0);
	sam_history_free(&h);
	end_story(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_history_of_a_record),
		cmocka_unit_test(test_same_stamp_ordered_by_device),
		cmocka_unit_test(test_duplicate_op_listed_once),
		cmocka_unit_test(test_who_after_erasure_and_deletion),
		cmocka_unit_test(test_deletion_in_history),
		cmocka_unit_test(test_empty_history),
		cmocka_unit_test(test_author_change),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
