/* The meetings still to come, read by start from the earliest start a
 * meeting still going on can have, are exactly the meetings of the whole
 * calendar that end now or later, in the same order, for every filter and
 * limit; and the year a view opens on is the one with
 * the most live records, the newest among equals. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/calendar.h"
#include "core/oslo_time.h"
#include "core/overview.h"
#include "core/record.h"
#include "tests/helpers.h"

/* What `which` selects from the whole calendar at now, worked out here
 * the plain way: every meeting, kept if it ends now or later and fits. */
static bool selected(const struct sam_meeting *m, int64_t now, const struct sam_upcoming *which)
{
	return m->ends >= now &&
	       (!which->municipality || strcmp(m->municipality_id, which->municipality) == 0) &&
	       (!which->no_deadlines || strcmp(m->kind, "deadline") != 0);
}

/* upcoming holds the meetings of all that `which` selects at now, in
 * order, up to its limit. */
static void check_one(struct sam_db *db, const struct sam_calendar *all, int64_t now,
                      const struct sam_upcoming *which)
{
	struct sam_calendar up;
	struct sam_err err = {"(no message)"};
	if (sam_calendar_load_upcoming(db, now, which, &up, &err) < 0)
		fail_msg("cannot load the meetings to come: %s", err.msg);
	int n = 0;
	for (int i = 0; i < all->n && (which->limit == 0 || n < which->limit); i++) {
		if (!selected(&all->m[i], now, which))
			continue;
		assert_true(n < up.n);
		assert_string_equal(up.m[n].id, all->m[i].id);
		assert_true(up.m[n].starts == all->m[i].starts && up.m[n].ends == all->m[i].ends);
		assert_string_equal(up.m[n].title, all->m[i].title);
		assert_string_equal(up.m[n].municipality, all->m[i].municipality);
		n++;
	}
	assert_int_equal(up.n, n);
	sam_calendar_free(&up);
}

/* All, the first, the first three, the first that is not a deadline, and
 * the next visit to the municipality of `m` (if it has one) and to one
 * with none. */
static void check_upcoming(struct sam_db *db, const struct sam_calendar *all, int64_t now,
                           const struct sam_meeting *m)
{
	const char *nowhere = "0000000000000000";
	const char *muni = *m->municipality_id ? m->municipality_id : nowhere;
	const struct sam_upcoming whiches[] = {
		{0},
		{.limit = 1},
		{.limit = 3},
		{.no_deadlines = true, .limit = 1},
		{.municipality = muni, .limit = 1},
		{.municipality = muni, .no_deadlines = true},
		{.municipality = nowhere, .limit = 1},
	};
	for (size_t i = 0; i < sizeof(whiches) / sizeof(*whiches); i++)
		check_one(db, all, now, &whiches[i]);
}

/* A meeting from `from` to `to` (UTC seconds), as a person types it. */
static void add_meeting(struct sam_db *db, const char *title, int64_t from, int64_t to)
{
	char starts[32], ends[32];
	struct sam_civil c;
	sam_utc_to_oslo(from, &c);
	snprintf(starts, sizeof(starts), "%02d.%02d.%04d %02d:%02d", c.day, c.month, c.year,
	         c.hour, c.minute);
	sam_utc_to_oslo(to, &c);
	snprintf(ends, sizeof(ends), "%02d.%02d.%04d %02d:%02d", c.day, c.month, c.year, c.hour,
	         c.minute);
	struct sam_assign a[] = {{"title", title}, {"starts_at", starts}, {"ends_at", ends}};
	char id[SAM_ID_BUF];
	struct sam_err err = {"(no message)"};
	if (sam_record_add(db, sam_entity_find("meeting"), a, 3, id, &err) < 0)
		fail_msg("cannot add a meeting: %s", err.msg);
}

static void check_at_every_edge(struct sam_db *db)
{
	struct sam_calendar all;
	struct sam_err err = {"(no message)"};
	if (sam_calendar_load(db, &all, &err) < 0)
		fail_msg("cannot load the calendar: %s", err.msg);
	assert_true(all.n > 10);
	/* Before all, after all, and at every meeting's start and end (an
	 * ongoing meeting, one ending at that very second, one without an
	 * end), and a second after each end. */
	check_upcoming(db, &all, all.m[0].starts - 86400, &all.m[0]);
	check_upcoming(db, &all, all.m[all.n - 1].ends + 1, &all.m[0]);
	for (int i = 0; i < all.n; i++) {
		check_upcoming(db, &all, all.m[i].starts, &all.m[i]);
		check_upcoming(db, &all, all.m[i].ends, &all.m[i]);
		check_upcoming(db, &all, all.m[i].ends + 1, &all.m[i]);
	}
	sam_calendar_free(&all);
}

static void test_upcoming_is_the_calendar_from_now(void **state)
{
	(void)state;
	struct sam_db *db = th_open_demo();
	check_at_every_edge(db);
	/* A meeting that lasts months, begun long before the ones it is
	 * still going on during: the first of them all while it lasts. */
	struct sam_calendar all;
	struct sam_err err = {"(no message)"};
	if (sam_calendar_load(db, &all, &err) < 0)
		fail_msg("cannot load the calendar: %s", err.msg);
	int64_t first = all.m[0].starts, middle = all.m[all.n / 2].starts;
	sam_calendar_free(&all);
	add_meeting(db, "Lang prosjektperiode", first - 40 * 86400, middle + 3600);
	/* Meetings at one start go by title in Norwegian order (å after z,
	 * "Zebra" before "ærlig"), then by id; the calendar sorts them itself
	 * and the meetings to come are sorted by SQLite: they must agree. */
	const char *titles[] = {"Åpent møte", "Zebra", "ærlig", "abc", "Zebra", "Øvre"};
	for (size_t i = 0; i < sizeof(titles) / sizeof(*titles); i++)
		add_meeting(db, titles[i], middle, middle + 1800);
	check_at_every_edge(db);
	th_close(db);
}

static void add(struct sam_db *db, const char *entity, const struct sam_assign *a, int n,
                char id[SAM_ID_BUF])
{
	struct sam_err err = {"(no message)"};
	if (sam_record_add(db, sam_entity_find(entity), a, n, id, &err) < 0)
		fail_msg("cannot add a %s: %s", entity, err.msg);
}

/* A settlement row of a new municipality (number, name) in year; its id
 * in id. */
static void add_settlement(struct sam_db *db, const char *number, const char *name,
                           const char *year, char id[SAM_ID_BUF])
{
	char muni[SAM_ID_BUF];
	struct sam_assign m[] = {{"number", number}, {"name", name}};
	add(db, "municipality", m, 2, muni);
	struct sam_assign s[] = {{"municipality", muni}, {"year", year}};
	add(db, "settlement", s, 2, id);
}

static void test_default_year(void **state)
{
	(void)state;
	struct sam_db *demo = th_open_demo();
	/* The demo's round of 2015 has a row for every municipality; 2016
	 * only the early decisions. */
	assert_int_equal(sam_default_year(demo, "settlement"), 2015);
	th_close(demo);

	struct sam_db *db = th_open_empty();
	char id[SAM_ID_BUF], later[SAM_ID_BUF];
	add_settlement(db, "0104", "Moss", "2017", id);
	add_settlement(db, "0136", "Rygge", "2017", id);
	add_settlement(db, "0135", "Råde", "2018", id);
	add_settlement(db, "0137", "Våler", "2018", later);
	add_settlement(db, "0138", "Hobøl", "2016", id);
	assert_int_equal(sam_default_year(db, "settlement"), 2018); /* the newer of equals */
	struct sam_err err = {"(no message)"};
	if (sam_record_delete(db, sam_entity_find("settlement"), later, &err) < 0)
		fail_msg("cannot delete: %s", err.msg);
	assert_int_equal(sam_default_year(db, "settlement"), 2017); /* deleted rows do not count */
	th_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_upcoming_is_the_calendar_from_now),
		cmocka_unit_test(test_default_year),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
