/* The local write path: every change is one op of this device with the
 * next counter and a clock that never goes back; a cancelled change leaves
 * nothing; bad input changes nothing and says what and where; records with
 * derived ids stay one record. */
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
#include "core/id.h"
#include "core/record.h"
#include "core/value.h"
#include "core/write.h"
#include "tests/helpers.h"

/* 2024-03-01T10:00:00Z: a test's "now". */
#define NOW_MS INT64_C(1709287200000)
#define DAY_MS INT64_C(86400000)
#define MIN_MS INT64_C(60000)

#define REMOTE_DEV "00000000000000b2"
#define M1 "0000000000000000000000000000aa01"
#define M2 "0000000000000000000000000000aa02"

/* ------------------------------------------------------------ state dumps */



/* Everything a change could touch: every record table, the log, the
 * field clocks and this file's counters. */
static char *dump_all(struct sam_db *db)
{
	struct strbuf sb = {0};
	for (int i = 0; i < sam_nentities; i++) {
		char *sql = xasprintf("SELECT * FROM \"%s\" ORDER BY id", sam_entities[i]->table);
		th_dump_query(&sb, db, sql);
		free(sql);
	}
	th_dump_query(&sb, db, "SELECT * FROM field_clock ORDER BY entity, rid, field");
	th_dump_query(&sb, db, "SELECT * FROM op ORDER BY dev, seq");
	th_dump_query(&sb, db, "SELECT * FROM local ORDER BY key");
	return sb_steal(&sb);
}

/* ------------------------------------------------------------ helpers */

/* An aggregate (or the one value) over the ops of device dev. */
static int64_t ops_of(struct sam_db *db, const char *what, const char *dev)
{
	char *sql = xasprintf("SELECT %s FROM op WHERE dev = '%s'", what, dev);
	int64_t n = th_count(db, sql);
	free(sql);
	return n;
}

static int64_t op_count(struct sam_db *db)
{
	return th_count(db, "SELECT count(*) FROM op");
}

/* One local write inside the caller's transaction; must succeed. */
static void put(struct sam_db *db, const char *entity, const char *rid, const char *field,
                const struct sam_value *v)
{
	struct sam_err err = {{0}};
	if (sam_write_field(db, entity, rid, field, v, &err) < 0)
		fail_msg("writing %s.%s failed: %s", entity, field, err.msg);
}

static void put_text(struct sam_db *db, const char *rid, const char *field, const char *text)
{
	struct sam_value v = {0};
	sam_value_set_text(&v, text);
	put(db, "municipality", rid, field, &v);
	sam_value_clear(&v);
}

/* A municipality name written in a transaction of its own. */
static void write_name(struct sam_db *db, const char *rid, const char *name)
{
	th_begin(db);
	put_text(db, rid, "name", name);
	th_commit(db);
}

static void apply_remote(struct sam_db *db, const char *dev, int64_t seq, int64_t hlc,
                         const char *entity, const char *rid, const char *field,
                         const char *text)
{
	struct sam_op op = {.dev = dev, .seq = seq, .hlc = hlc, .entity = entity, .rid = rid,
	                    .field = field};
	sam_value_set_text(&op.v, text);
	struct sam_err err = {{0}};
	th_begin(db);
	if (sam_apply_op(db, &op, &err) < 0)
		fail_msg("applying %s/%" PRId64 " failed: %s", dev, seq, err.msg);
	th_commit(db);
	sam_value_clear(&op.v);
}

static char *column_text(struct sam_db *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("bad test SQL %s: %s", sql, sqlite3_errmsg(db->sql));
	char *s = NULL;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		s = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s;
}

static void assert_text_is(struct sam_db *db, const char *sql, const char *want)
{
	char *got = column_text(db, sql);
	char shown[256];
	snprintf(shown, sizeof shown, "%s", got ? got : "(null)");
	bool same = got && strcmp(got, want) == 0;
	free(got);
	if (!same)
		fail_msg("%s: expected '%s', got '%s'", sql, want, shown);
}

static void assert_msg_has(const struct sam_err *err, const char *a, const char *b)
{
	if (!strstr(err->msg, a) || (b && !strstr(err->msg, b)))
		fail_msg("expected a message naming '%s' and '%s', got \"%s\"", a, b ? b : "",
		         err->msg);
}

/* ------------------------------------------------------------ records */

static const struct sam_entity *entity(const char *name)
{
	const struct sam_entity *e = sam_entity_find(name);
	assert_non_null(e);
	return e;
}

static void add_ok(struct sam_db *db, const char *ename, const struct sam_assign *a, int n,
                   char id[SAM_ID_BUF])
{
	struct sam_err err = {{0}};
	if (sam_record_add(db, entity(ename), a, n, id, &err) < 0)
		fail_msg("adding a %s failed: %s", ename, err.msg);
}

static void set_ok(struct sam_db *db, const char *ename, const char *id,
                   const struct sam_assign *a, int n)
{
	struct sam_err err = {{0}};
	if (sam_record_set(db, entity(ename), id, a, n, &err) < 0)
		fail_msg("setting a %s failed: %s", ename, err.msg);
}

/* Moss, and its settlement figures for 2016. */
struct moss {
	char muni[SAM_ID_BUF];
	char s2016[SAM_ID_BUF];
};

static void add_moss(struct sam_db *db, struct moss *m)
{
	const struct sam_assign muni[] = {{"number", "3002"}, {"name", "Moss"}};
	add_ok(db, "municipality", muni, 2, m->muni);
	const struct sam_assign fig[] = {
		{"municipality", "Moss"}, {"year", "2016"}, {"requested", "10"}, {"decided", "5"}};
	add_ok(db, "settlement", fig, 4, m->s2016);
}

static int64_t settlement_int(struct sam_db *db, const char *id, const char *col)
{
	char *sql = xasprintf("SELECT %s FROM settlement WHERE id = '%s'", col, id);
	int64_t n = th_count(db, sql);
	free(sql);
	return n;
}

/* ------------------------------------------------------------ fixtures */

static int open_db(void **state)
{
	th_clock_set(NOW_MS);
	*state = th_open_empty();
	return 0;
}

static int close_db(void **state)
{
	th_close(*state);
	sam_clock_set(NULL);
	return 0;
}

/* ------------------------------------------------------------ the op log */

/* Sync finds a device's changes by counter: each local change is one op
 * of this device, numbered 1, 2, 3 … with no gap between transactions. */
static void test_seq_contiguous_across_transactions(void **state)
{
	struct sam_db *db = *state;
	th_begin(db);
	put_text(db, M1, "name", "Moss");
	put_text(db, M1, "number", "3002");
	th_commit(db);
	write_name(db, M2, "Råde");
	th_begin(db);
	put_text(db, M1, "county", "Østfold");
	put_text(db, M2, "number", "3017");
	put_text(db, M2, "county", "Østfold");
	th_commit(db);

	assert_int_equal(op_count(db), 6);
	assert_int_equal(ops_of(db, "count(*)", db->dev), 6);
	assert_int_equal(th_count(db, "SELECT min(seq) FROM op"), 1);
	assert_int_equal(th_count(db, "SELECT max(seq) FROM op"), 6);
	assert_int_equal(sam_db_local_int(db, "seq", -1), 6);
	/* The ops say what was written, in order. */
	assert_text_is(db, "SELECT field FROM op WHERE seq = 3", "name");
	assert_text_is(db, "SELECT value FROM op WHERE seq = 3", "Råde");
	assert_text_is(db, "SELECT rid FROM op WHERE seq = 6", M2);
	assert_text_is(db, "SELECT name FROM municipality WHERE id = '" M2 "'", "Råde");
	assert_int_equal(sam_unsynced_count(db), 6);
}

/* The clock of a laptop may be set back (by hand, or by NTP): the stamps
 * of its changes still go forward, so its later change wins. */
static void test_hlc_increases_when_clock_goes_back(void **state)
{
	struct sam_db *db = *state;
	write_name(db, M1, "Moss");
	th_clock_set(NOW_MS - 60 * MIN_MS);
	write_name(db, M1, "Moss kommune");
	write_name(db, M2, "Råde");
	th_clock_set(NOW_MS - DAY_MS);
	write_name(db, M1, "Moss by");
	th_clock_set(NOW_MS + 1);
	write_name(db, M2, "Råde kommune");

	assert_int_equal(op_count(db), 5);
	assert_int_equal(th_count(db, "SELECT count(*) FROM op a JOIN op b ON b.dev = a.dev "
	                              "AND b.seq = a.seq + 1 WHERE b.hlc <= a.hlc"),
	                 0);
	assert_true(SAM_HLC_MS(th_count(db, "SELECT hlc FROM op WHERE seq = 1")) >= NOW_MS);
	/* The last change of M1, made at the earliest wall time, is the one kept. */
	assert_text_is(db, "SELECT name FROM municipality WHERE id = '" M1 "'", "Moss by");
}

static int64_t frozen_clock(void)
{
	return NOW_MS;
}

/* A clock that does not move at all still gives distinct, increasing
 * stamps (the counter in the low 16 bits). */
static void test_hlc_ticks_on_frozen_clock(void **state)
{
	struct sam_db *db = *state;
	sam_clock_set(frozen_clock);
	int64_t last = sam_hlc_tick(db);
	assert_int_equal(SAM_HLC_MS(last), NOW_MS);
	for (int i = 0; i < 100; i++) {
		int64_t h = sam_hlc_tick(db);
		assert_true(h > last);
		assert_int_equal(SAM_HLC_MS(h), NOW_MS);
		last = h;
	}
	assert_int_equal(sam_db_local_int(db, "hlc", 0), last);
}

/* Cancelling a change (Esc in a form, an error half-way through an
 * import) leaves no row, no op and no used-up counter. */
static void test_rollback_leaves_nothing(void **state)
{
	struct sam_db *db = *state;
	write_name(db, M1, "Moss");
	char *before = dump_all(db);

	th_begin(db);
	put_text(db, M2, "name", "Råde");
	put_text(db, M1, "name", "Moss kommune");
	sam_tx_rollback(db);
	char *after = dump_all(db);
	assert_string_equal(after, before);
	free(after);
	assert_int_equal(db->tx_depth, 0);
	assert_int_equal(sam_db_local_int(db, "seq", -1), 1);

	/* An inner rollback cancels the whole change: the outer commit says so. */
	th_begin(db);
	th_begin(db);
	put_text(db, M2, "name", "Råde");
	sam_tx_rollback(db);
	struct sam_err err = {{0}};
	assert_int_equal(sam_tx_commit(db, &err), -1);
	assert_non_null(strstr(err.msg, "nothing was saved"));
	assert_int_equal(db->tx_depth, 0);
	after = dump_all(db);
	assert_string_equal(after, before);
	free(after);

	/* The next change takes the next number: no gap. */
	write_name(db, M2, "Råde");
	assert_int_equal(op_count(db), 2);
	assert_int_equal(th_count(db, "SELECT max(seq) FROM op"), 2);
	assert_int_equal(th_count(db, "SELECT count(*) FROM municipality"), 2);
	free(before);
}

/* Another laptop's clock was a year ahead and its value holds the field:
 * a local change still takes effect, stamped just after it. */
static void test_local_write_beats_future_stamp(void **state)
{
	struct sam_db *db = *state;
	const int64_t future = (NOW_MS + 365 * DAY_MS) << 16;
	apply_remote(db, REMOTE_DEV, 1, future, "municipality", M1, "name", "Fremtidsby");
	assert_text_is(db, "SELECT name FROM municipality WHERE id = '" M1 "'", "Fremtidsby");

	write_name(db, M1, "Moss");
	assert_text_is(db, "SELECT name FROM municipality WHERE id = '" M1 "'", "Moss");
	assert_int_equal(ops_of(db, "hlc", db->dev), future + 1);
	assert_int_equal(th_count(db, "SELECT hlc FROM field_clock WHERE rid = '" M1 "' "
	                              "AND field = 'name'"),
	                 future + 1);
	assert_text_is(db, "SELECT dev FROM field_clock WHERE rid = '" M1 "' AND field = 'name'",
	               db->dev);
	/* The remote op stays in the log with its own stamp. */
	assert_int_equal(th_count(db, "SELECT hlc FROM op WHERE dev = '" REMOTE_DEV "'"), future);
}

/* One laptop with a wrong clock cannot drag everyone's stamps into the
 * future: a remote stamp moves our clock at most 10 minutes ahead. */
static void test_receive_caps_far_future(void **state)
{
	struct sam_db *db = *state;
	const int64_t near = ((NOW_MS + 2 * MIN_MS) << 16) | 7;
	sam_hlc_receive(db, near);
	assert_int_equal(sam_db_local_int(db, "hlc", 0), near);

	th_clock_set(NOW_MS);
	sam_hlc_receive(db, (NOW_MS + 365 * DAY_MS) << 16);
	int64_t h = sam_db_local_int(db, "hlc", 0);
	assert_true(h >= (NOW_MS + 10 * MIN_MS) << 16);
	assert_true(h <= (NOW_MS + 10 * MIN_MS + 5) << 16);

	/* An older stamp never moves the clock back. */
	sam_hlc_receive(db, NOW_MS << 16);
	assert_int_equal(sam_db_local_int(db, "hlc", 0), h);

	/* Through the write path: the op keeps its stamp, our clock is capped,
	 * and our next change elsewhere is stamped near now, not a year on. */
	const int64_t far = (NOW_MS + 400 * DAY_MS) << 16;
	apply_remote(db, REMOTE_DEV, 1, far, "municipality", M1, "name", "Fremtidsby");
	assert_int_equal(th_count(db, "SELECT hlc FROM op WHERE dev = '" REMOTE_DEV "'"), far);
	assert_int_equal(th_count(db, "SELECT hlc FROM field_clock WHERE rid = '" M1 "'"), far);
	assert_true(sam_db_local_int(db, "hlc", 0) <= (NOW_MS + 10 * MIN_MS + 10) << 16);
	write_name(db, M2, "Råde");
	int64_t mine = ops_of(db, "hlc", db->dev);
	assert_true(mine > h);
	assert_true(SAM_HLC_MS(mine) <= NOW_MS + 11 * MIN_MS);
}

/* A pulled-back copy of this device's own ops (a laptop restored from an
 * older backup fetches the changes it pushed after that backup) must not
 * make its next change vanish: the change is saved under a fresh number. */
static void test_own_replay_does_not_swallow_next_write(void **state)
{
	struct sam_db *db = *state;
	apply_remote(db, db->dev, 1, (NOW_MS - DAY_MS) << 16, "municipality", M1, "name", "Moss");
	apply_remote(db, db->dev, 2, (NOW_MS - DAY_MS + 1) << 16, "municipality", M1, "county",
	             "Østfold");
	write_name(db, M1, "Moss kommune");
	assert_text_is(db, "SELECT name FROM municipality WHERE id = '" M1 "'", "Moss kommune");
	assert_int_equal(op_count(db), 3);
	assert_text_is(db, "SELECT value FROM op WHERE seq = 3", "Moss kommune");
}

/* The status bar's "n changes not synced": this device's own ops since the
 * last push, not what came from others. */
static void test_unsynced_counts_own_ops(void **state)
{
	struct sam_db *db = *state;
	assert_int_equal(sam_unsynced_count(db), 0);
	write_name(db, M1, "Moss");
	write_name(db, M2, "Råde");
	write_name(db, M1, "Moss kommune");
	assert_int_equal(sam_unsynced_count(db), 3);
	apply_remote(db, REMOTE_DEV, 1, NOW_MS << 16, "municipality", M2, "county", "Østfold");
	assert_int_equal(sam_unsynced_count(db), 3);
	th_begin(db);
	put_text(db, M2, "name", "cancelled");
	sam_tx_rollback(db);
	assert_int_equal(sam_unsynced_count(db), 3);
	assert_int_equal(sam_db_local_set_int(db, "pushed_seq", 2), 0);
	assert_int_equal(sam_unsynced_count(db), 1);
}

/* ------------------------------------------------------------ records */

struct bad_input {
	const char *entity;
	bool set; /* set on the 2016 figures rather than add */
	struct sam_assign a[4];
	int n;
	const char *value, *field; /* what the message must name */
};

static const struct bad_input bad_inputs[] = {
	{"settlement", false, {{"municipality", "Moss"}, {"year", "2017"}, {"decided", "fourty"}},
	 3, "fourty", "decided"},
	{"settlement", true, {{"decided", "-3"}}, 1, "-3", "decided"},
	{"settlement", true, {{"requested", "12"}, {"decided", "fourty"}}, 2, "fourty", "decided"},
	{"contact", false, {{"name", "Kari"}, {"email", "kari.nordmann.no"}}, 2,
	 "kari.nordmann.no", "email"},
	{"contact", false, {{"name", "Kari"}, {"colour", "blue"}}, 2, "colour", NULL},
	{"contact", false, {{"name", "Kari"}, {"municipality", "Atlantis"}}, 2, "Atlantis",
	 "municipality"},
	{"contact", false, {{"name", "Kari"}, {"email", "kari@moss.kommune.no"}, {"phone", "call me"}},
	 3, "call me", "phone"},
	{"settlement", false,
	 {{"municipality", "Moss"}, {"year", "2017"}, {"decision_date", "31.02.2016"}}, 3,
	 "31.02.2016", "decision_date"},
	{"settlement", false, {{"municipality", "Moss"}, {"year", "1999"}}, 2, "1999", "year"},
	{"settlement", true, {{"status", "maybe"}}, 1, "maybe", "status"},
	{"contact", false, {{"email", "kari@moss.kommune.no"}}, 1, "name", "position"},
	{"municipality", false, {{"name", "Moss"}, {"number", "30O2"}}, 2, "30O2", "number"},
};

/* What a person types wrong is refused whole, with a message that names
 * the value and the field, and nothing is written: no row, no op. */
static void test_bad_values_change_nothing(void **state)
{
	struct sam_db *db = *state;
	struct moss m;
	add_moss(db, &m);
	char *before = dump_all(db);
	int64_t ops = op_count(db);
	for (size_t i = 0; i < SAM_ARRAY_LEN(bad_inputs); i++) {
		const struct bad_input *b = &bad_inputs[i];
		struct sam_err err = {{0}};
		char id[SAM_ID_BUF];
		int rc = b->set ? sam_record_set(db, entity(b->entity), m.s2016, b->a, b->n, &err)
		                : sam_record_add(db, entity(b->entity), b->a, b->n, id, &err);
		if (rc != -1)
			fail_msg("bad input %zu (%s) was accepted", i, b->value);
		assert_msg_has(&err, b->value, b->field);
		assert_int_equal(op_count(db), ops);
		char *after = dump_all(db);
		assert_string_equal(after, before);
		free(after);
		assert_int_equal(db->tx_depth, 0);
	}
	free(before);
}

/* Moss 2016 added twice (on one laptop, or on two) is one record with the
 * later values, whose id any laptop derives alike. */
static void test_same_key_is_one_record(void **state)
{
	struct sam_db *db = *state;
	struct moss m;
	add_moss(db, &m);
	const char *parts[] = {"settlement", m.muni, "2016"};
	char derived[SAM_ID_BUF];
	sam_id_derive(derived, parts, 3);
	assert_string_equal(m.s2016, derived);

	const struct sam_assign again[] = {
		{"municipality", "Moss"}, {"year", "2016"}, {"decided", "8"}, {"status", "decided"}};
	char id[SAM_ID_BUF];
	add_ok(db, "settlement", again, 4, id);
	assert_string_equal(id, m.s2016);
	assert_int_equal(th_count(db, "SELECT count(*) FROM settlement"), 1);
	assert_int_equal(settlement_int(db, id, "decided"), 8);
	assert_int_equal(settlement_int(db, id, "requested"), 10);
	assert_int_equal(settlement_int(db, id, "deleted"), 0);
	char *sql = xasprintf("SELECT status FROM settlement WHERE id = '%s'", id);
	assert_text_is(db, sql, "decided");
	free(sql);

	/* Another year is another record. */
	const struct sam_assign y2017[] = {{"municipality", "Moss"}, {"year", "2017"}};
	add_ok(db, "settlement", y2017, 2, id);
	assert_string_not_equal(id, m.s2016);
	assert_int_equal(th_count(db, "SELECT count(*) FROM settlement"), 2);
}

/* The year of figures is part of their identity: changing it is refused
 * (add figures for the other year instead), and nothing is written. */
static void test_key_field_cannot_change(void **state)
{
	struct sam_db *db = *state;
	struct moss m;
	add_moss(db, &m);
	int64_t ops = op_count(db);
	const struct sam_assign year[] = {{"year", "2017"}};
	struct sam_err err = {{0}};
	assert_int_equal(sam_record_set(db, entity("settlement"), m.s2016, year, 1, &err), -1);
	assert_msg_has(&err, "year", NULL);
	assert_int_equal(settlement_int(db, m.s2016, "year"), 2016);
	assert_int_equal(op_count(db), ops);
	/* Giving the same year is no change at all. */
	const struct sam_assign same[] = {{"year", "2016"}, {"decided", "6"}};
	set_ok(db, "settlement", m.s2016, same, 2);
	assert_int_equal(op_count(db), ops + 1);
	assert_int_equal(settlement_int(db, m.s2016, "decided"), 6);
}

/* Figures deleted by mistake come back by adding them again: the same
 * record, alive, with the new values. */
static void test_delete_then_add_revives(void **state)
{
	struct sam_db *db = *state;
	struct moss m;
	add_moss(db, &m);
	struct sam_err err = {{0}};
	assert_int_equal(sam_record_delete(db, entity("settlement"), m.s2016, &err), 0);
	assert_int_equal(settlement_int(db, m.s2016, "deleted"), 1);
	assert_false(sam_record_exists(db, entity("settlement"), m.s2016));
	/* A deleted record cannot be edited or deleted again. */
	const struct sam_assign dec[] = {{"decided", "3"}};
	assert_int_equal(sam_record_set(db, entity("settlement"), m.s2016, dec, 1, &err), -1);
	assert_int_equal(sam_record_delete(db, entity("settlement"), m.s2016, &err), -1);

	const struct sam_assign again[] = {{"municipality", "Moss"}, {"year", "2016"}, {"decided", "3"}};
	char id[SAM_ID_BUF];
	add_ok(db, "settlement", again, 3, id);
	assert_string_equal(id, m.s2016);
	assert_int_equal(settlement_int(db, id, "deleted"), 0);
	assert_int_equal(settlement_int(db, id, "decided"), 3);
	assert_true(sam_record_exists(db, entity("settlement"), id));
	assert_int_equal(th_count(db, "SELECT count(*) FROM settlement"), 1);
	/* The log holds the tombstone and its undoing, in that order. */
	char *sql = xasprintf("SELECT group_concat(value, ',') FROM (SELECT value FROM op "
	                      "WHERE rid = '%s' AND field = '_deleted' ORDER BY seq)",
	                      id);
	assert_text_is(db, sql, "1,0");
	free(sql);
}

/* Saving a form without changing a field writes no op, so history and
 * sync stay free of non-changes. */
static void test_set_same_value_writes_no_op(void **state)
{
	struct sam_db *db = *state;
	struct moss m;
	add_moss(db, &m);
	int64_t ops = op_count(db);
	const struct sam_assign same[] = {{"name", " Moss "}, {"number", "3002"}, {"note", ""}};
	set_ok(db, "municipality", m.muni, same, 3);
	assert_int_equal(op_count(db), ops);
	const struct sam_assign fig[] = {{"requested", "10"}, {"decided", "5"}};
	set_ok(db, "settlement", m.s2016, fig, 2);
	assert_int_equal(op_count(db), ops);

	const struct sam_assign changed[] = {{"name", "Moss kommune"}, {"number", "3002"}};
	set_ok(db, "municipality", m.muni, changed, 2);
	assert_int_equal(op_count(db), ops + 1);
	/* Clearing a field is a change too. */
	const struct sam_assign clear[] = {{"requested", ""}};
	set_ok(db, "settlement", m.s2016, clear, 1);
	assert_int_equal(op_count(db), ops + 2);
	assert_int_equal(th_count(db, "SELECT count(*) FROM settlement WHERE requested IS NULL"), 1);
}

#define DB_TEST(f) cmocka_unit_test_setup_teardown(f, open_db, close_db)

int main(void)
{
	const struct CMUnitTest tests[] = {
		DB_TEST(test_seq_contiguous_across_transactions),
		DB_TEST(test_hlc_increases_when_clock_goes_back),
		DB_TEST(test_hlc_ticks_on_frozen_clock),
		DB_TEST(test_rollback_leaves_nothing),
		DB_TEST(test_local_write_beats_future_stamp),
		DB_TEST(test_receive_caps_far_future),
		DB_TEST(test_own_replay_does_not_swallow_next_write),
		DB_TEST(test_unsynced_counts_own_ops),
		DB_TEST(test_bad_values_change_nothing),
		DB_TEST(test_same_key_is_one_record),
		DB_TEST(test_key_field_cannot_change),
		DB_TEST(test_delete_then_add_revives),
		DB_TEST(test_set_same_value_writes_no_op),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
