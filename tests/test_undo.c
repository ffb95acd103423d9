/* Undo: the last change of this device is written back through the one
 * write path; repeated undos walk back; an undo can be undone once
 * another change is made; a field another device changed since is left
 * alone; the demo's own changes are not this device's to undo. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/record.h"
#include "core/reidentify.h"
#include "core/undo.h"
#include "core/write.h"
#include "tests/helpers.h"

#define T0 1443783600000LL /* 2015-10-02T11:00:00Z */
#define OLA_DEV "1111222233334444"

static const struct sam_entity *entity(const char *name)
{
	const struct sam_entity *e = sam_entity_find(name);
	assert_non_null(e);
	return e;
}

static void add(struct sam_db *db, const char *kind, const struct sam_assign *a, int n,
                char id[SAM_ID_BUF])
{
	struct sam_err err = {"(no message)"};
	if (sam_record_add(db, entity(kind), a, n, id, &err) < 0)
		fail_msg("cannot add a %s: %s", kind, err.msg);
}

static void set(struct sam_db *db, const char *kind, const char *id, const char *field,
                const char *text)
{
	struct sam_assign a[] = {{field, text}};
	struct sam_err err = {"(no message)"};
	if (sam_record_set(db, entity(kind), id, a, 1, &err) < 0)
		fail_msg("cannot set %s: %s", field, err.msg);
}

/* Undoes and checks the sentence (NULL: do not check it). */
static void undo(struct sam_db *db, const char *expect)
{
	char *what = NULL;
	struct sam_err err = {"(no message)"};
	if (sam_undo_last(db, &what, &err) < 0)
		fail_msg("cannot undo: %s", err.msg);
	if (expect)
		assert_string_equal(what, expect);
	free(what);
}

static void assert_nothing_to_undo(struct sam_db *db)
{
	static char unset[] = "unset";
	char *what = unset;
	struct sam_err err = {""};
	assert_int_equal(sam_undo_last(db, &what, &err), -1);
	assert_null(what);
	assert_string_equal(err.msg, "nothing to undo");
}

static char *decided(struct sam_db *db)
{
	return th_query_text(db, "SELECT decided FROM settlement");
}

struct story {
	struct sam_db *db;
	char moss[SAM_ID_BUF], moss2016[SAM_ID_BUF];
};

/* Moss, its 2016 figures with 47 decided, then decided changed to 50. */
static void begin_story(struct story *s)
{
	th_clock_set(T0);
	s->db = th_open_empty();
	struct sam_assign muni[] = {{"number", "0104"}, {"name", "Moss"}};
	add(s->db, "municipality", muni, 2, s->moss);
	struct sam_assign fig[] = {{"municipality", "Moss"}, {"year", "2016"}, {"decided", "47"}};
	add(s->db, "settlement", fig, 3, s->moss2016);
	set(s->db, "settlement", s->moss2016, "decided", "50");
}

static void end_story(struct story *s)
{
	th_close(s->db);
}

static void assert_text(char *got, const char *expect)
{
	assert_string_equal(got, expect);
	free(got);
}

/* ------------------------------------------------------------ tests */

static void test_undo_last_edit(void **state)
{
	(void)state;
	struct story s;
	begin_story(&s);
	int64_t ops = th_count(s.db, "SELECT count(*) FROM op");
	undo(s.db, "Undid: Moss 2016, decided 50 → 47");
	assert_text(decided(s.db), "47");
	/* a change like any other: one new op, in the history */
	assert_int_equal(th_count(s.db, "SELECT count(*) FROM op"), ops + 1);
	assert_int_equal(th_count(s.db, "SELECT count(*) FROM op WHERE field = 'decided'"), 3);
	end_story(&s);
}

static void test_repeated_undo_walks_back(void **state)
{
	(void)state;
	struct story s;
	begin_story(&s);
	set(s.db, "settlement", s.moss2016, "decided", "60");
	undo(s.db, "Undid: Moss 2016, decided 60 → 50");
	undo(s.db, "Undid: Moss 2016, decided 50 → 47");
	undo(s.db, "Undid: adding Moss 2016");
	assert_int_equal(th_count(s.db, "SELECT count(*) FROM settlement WHERE deleted = 0"), 0);
	undo(s.db, "Undid: adding Moss");
	assert_int_equal(th_count(s.db, "SELECT count(*) FROM municipality WHERE deleted = 0"), 0);
	assert_nothing_to_undo(s.db);
	end_story(&s);
}

static void test_undo_of_an_undo(void **state)
{
	(void)state;
	struct story s;
	begin_story(&s);
	undo(s.db, NULL);
	assert_text(decided(s.db), "47");
	/* another change breaks the walk back: now the undo itself is undone
	 * after that change */
	set(s.db, "municipality", s.moss, "county", "Østfold");
	undo(s.db, "Undid: Moss, county Østfold → (empty)");
	undo(s.db, "Undid: Moss 2016, decided 47 → 50");
	assert_text(decided(s.db), "50");
	end_story(&s);
}

static void test_undo_delete(void **state)
{
	(void)state;
	struct story s;
	begin_story(&s);
	struct sam_err err;
	assert_int_equal(sam_record_delete(s.db, entity("settlement"), s.moss2016, &err), 0);
	assert_false(sam_record_exists(s.db, entity("settlement"), s.moss2016));
	undo(s.db, "Undid: deleting Moss 2016");
	assert_true(sam_record_exists(s.db, entity("settlement"), s.moss2016));
	assert_text(decided(s.db), "50");
	end_story(&s);
}

/* A value another laptop wrote later wins; undo keeps it and says so. */
static void test_field_changed_elsewhere_is_kept(void **state)
{
	(void)state;
	struct story s;
	begin_story(&s);
	struct sam_op op = {.dev = OLA_DEV, .seq = 1, .hlc = (T0 + 3600000) << 16,
	                    .entity = "settlement", .rid = s.moss2016, .field = "decided",
	                    .v = {.kind = SAM_V_INT, .i = 55}};
	struct sam_err err;
	assert_int_equal(sam_tx_begin(s.db, &err), 0);
	assert_int_equal(sam_apply_op(s.db, &op, &err), 0);
	assert_int_equal(sam_tx_commit(s.db, &err), 0);
	int64_t ops = th_count(s.db, "SELECT count(*) FROM op");
	undo(s.db, "Undid: Moss 2016, decided kept (changed on another device since)");
	assert_text(decided(s.db), "55");
	assert_int_equal(th_count(s.db, "SELECT count(*) FROM op"), ops);
	end_story(&s);
}

/* A change of several fields is undone whole; an undo in an enclosing
 * transaction with the author is one change (the author op included). */
static void test_several_fields_with_author(void **state)
{
	(void)state;
	struct story s;
	begin_story(&s);
	struct sam_assign a[] = {{"settled", "12"}, {"status", "decided"}, {"note", "Ferdig"},
	                         {"requested", "60"}};
	struct sam_err err;
	assert_int_equal(sam_record_set(s.db, entity("settlement"), s.moss2016, a, 4, &err), 0);
	struct sam_author who = {.name = "Kari Nordmann", .label = "laptop-moss"};
	char *what = NULL;
	assert_int_equal(sam_tx_begin(s.db, &err), 0);
	assert_int_equal(sam_db_set_author(s.db, &who, &err), 0);
	assert_int_equal(sam_undo_last(s.db, &what, &err), 0);
	assert_int_equal(sam_tx_commit(s.db, &err), 0);
	assert_string_equal(what, "Undid: Moss 2016, settled 12 → (empty); Moss 2016, status "
	                          "decided → (empty); Moss 2016, note Ferdig → (empty) and 1 more");
	free(what);
	assert_int_equal(th_count(s.db, "SELECT count(*) FROM settlement WHERE settled IS NULL "
	                                "AND status IS NULL AND note IS NULL AND requested IS NULL"),
	                 1);
	/* the walk back goes on past the undo (author and all) */
	undo(s.db, "Undid: Moss 2016, decided 50 → 47");
	end_story(&s);
}

static void test_nothing_to_undo(void **state)
{
	(void)state;
	struct sam_db *db = th_open_empty();
	assert_nothing_to_undo(db);
	th_close(db);
	/* the demo is loaded as a device of its own */
	db = th_open_demo();
	assert_nothing_to_undo(db);
	th_close(db);
}

static void test_stack_is_bounded(void **state)
{
	(void)state;
	struct story s;
	begin_story(&s);
	for (int i = 0; i < SAM_UNDO_DEPTH + 5; i++) {
		char n[16];
		snprintf(n, sizeof n, "%d", 100 + i);
		set(s.db, "settlement", s.moss2016, "decided", n);
	}
	for (int i = 0; i < SAM_UNDO_DEPTH; i++)
		undo(s.db, NULL);
	assert_text(decided(s.db), "104");
	assert_nothing_to_undo(s.db);
	end_story(&s);
}

/* A new device id (sync found a clone) renumbers this device's ops from
 * some seq on: the changes from there are renumbered alike and can still
 * be undone; the earlier ones are another device's now. */
static void test_renumbered_after_new_device_id(void **state)
{
	(void)state;
	struct story s;
	begin_story(&s);
	int64_t from = th_count(s.db, "SELECT min(seq) FROM op WHERE field = 'decided' "
	                              "AND value = 50");
	struct sam_err err;
	assert_int_equal(sam_tx_begin(s.db, &err), 0);
	assert_int_equal(sam_db_reidentify(s.db, from, &err), 0);
	assert_int_equal(sam_undo_renumber(s.db, from, &err), 0);
	assert_int_equal(sam_tx_commit(s.db, &err), 0);
	undo(s.db, "Undid: Moss 2016, decided 50 → 47");
	assert_nothing_to_undo(s.db);
	end_story(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_undo_last_edit),
		cmocka_unit_test(test_repeated_undo_walks_back),
		cmocka_unit_test(test_undo_of_an_undo),
		cmocka_unit_test(test_undo_delete),
		cmocka_unit_test(test_field_changed_elsewhere_is_kept),
		cmocka_unit_test(test_several_fields_with_author),
		cmocka_unit_test(test_nothing_to_undo),
		cmocka_unit_test(test_stack_is_bounded),
		cmocka_unit_test(test_renumbered_after_new_device_id),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
