/* The built-in demo holds the Østfold 2015 network as
 * shared/data/ostfold-2015.md gives it: the municipalities, their
 * settlement status, the contact persons and groups, the grants, the
 * meetings and the visit questions; its changes are the demo device's
 * alone, its ids are the same in every demo, and its file goes away. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/demo.h"
#include "core/record.h"
#include "core/write.h"
#include "tests/helpers.h"

#define DEMO_DEV "00000000000d3a00"
#define DEMO_START_MS 1438423200000LL /* 2015-08-01T10:00:00Z */

/* One demo for the read-only tests. */
static struct sam_db *demo;

/* ------------------------------------------------------------ queries */

/* Runs sql with text parameters (NULL-terminated) and returns the one
 * integer it gives, or -1 for no row. */
static int64_t count_args(struct sam_db *db, const char *sql, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int i = 1;
	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("bad test SQL %s: %s", sql, sqlite3_errmsg(db->sql));
	va_start(ap, sql);
	for (const char *a; (a = va_arg(ap, const char *)) != NULL; i++)
		sqlite3_bind_text(st, i, a, -1, SQLITE_TRANSIENT);
	va_end(ap);
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return n;
}

/* The one text a query with one text parameter gives; newly allocated,
 * "" for NULL. Fails the test when there is no row. */
static char *text_arg(struct sam_db *db, const char *sql, const char *arg)
{
	sqlite3_stmt *st;
	char *s = NULL;
	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("bad test SQL %s: %s", sql, sqlite3_errmsg(db->sql));
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		s = xstrdup(t ? (const char *)t : "");
	}
	sqlite3_finalize(st);
	if (!s)
		fail_msg("no row for %s (%s)", sql, arg ? arg : "");
	return s;
}

static void expect_text(struct sam_db *db, const char *sql, const char *arg, const char *want)
{
	char *s = text_arg(db, sql, arg);
	if (strcmp(s, want) != 0) {
		print_error("%s (%s) gave '%s', not '%s'\n", sql, arg ? arg : "", s, want);
		free(s);
		fail();
	}
	free(s);
}

/* A note must mark its guess: "Usikker" or "uncertain". */
static void expect_uncertain(struct sam_db *db, const char *sql, const char *arg)
{
	char *note = text_arg(db, sql, arg);
	if (!strstr(note, "Usikker") && !strstr(note, "uncertain")) {
		print_error("the note '%s' does not say it is uncertain\n", note);
		free(note);
		fail();
	}
	free(note);
}

static bool file_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static bool file_exists_with(const char *path, const char *suffix)
{
	char *p = xasprintf("%s%s", path, suffix);
	bool found = file_exists(p);
	free(p);
	return found;
}

/* ------------------------------------------------------------ municipalities */

static const struct {
	const char *number, *name, *status;
} municipalities[] = {
	{"0106", "Fredrikstad", "positive"},     {"0105", "Sarpsborg", "decided"},
	{"0104", "Moss", "decided"},             {"0128", "Rakkestad", "positive"},
	{"0137", "Våler", "decided_in_part"},    {"0111", "Hvaler", "positive"},
	{"0125", "Eidsberg", "decided"},         {"0123", "Spydeberg", "awaiting"},
	{"0136", "Rygge", "later_deadline"},     {"0124", "Askim", "no_letter"},
	{"0118", "Aremark", "no_letter"},        {"0135", "Råde", "no_letter"},
	{"0122", "Trøgstad", "no_letter"},       {"0138", "Hobøl", "no_letter"},
	{"0119", "Marker", "no_letter"},         {"0101", "Halden", "decided"},
	{"0127", "Skiptvet", "later_deadline"},  {"0121", "Rømskog", "negative"},
};

/* The 18 municipalities of 2015, each with its number, in Østfold. */
static void test_municipalities(void **state)
{
	(void)state;
	assert_int_equal(th_count(demo, "SELECT count(*) FROM municipality WHERE deleted = 0"), 18);
	for (size_t i = 0; i < SAM_ARRAY_LEN(municipalities); i++) {
		if (count_args(demo, "SELECT count(*) FROM municipality WHERE deleted = 0 AND "
		                     "number = ? AND name = ? AND county = 'Østfold'",
		               municipalities[i].number, municipalities[i].name, NULL) != 1)
			fail_msg("no municipality %s %s", municipalities[i].number,
			         municipalities[i].name);
	}
}

/* Every municipality has a 2015 settlement row with the status of
 * slides 6–7. */
static void test_settlement_status_2015(void **state)
{
	(void)state;
	assert_int_equal(th_count(demo, "SELECT count(*) FROM settlement WHERE deleted = 0 "
	                                "AND year = 2015"),
	                 18);
	assert_int_equal(th_count(demo, "SELECT count(*) FROM settlement WHERE year = 2015 "
	                                "AND status IS NULL"),
	                 0);
	for (size_t i = 0; i < SAM_ARRAY_LEN(municipalities); i++) {
		char *status = text_arg(demo,
		                        "SELECT coalesce(s.status, '') FROM settlement s JOIN "
		                        "municipality m ON m.id = s.municipality "
		                        "WHERE s.deleted = 0 AND s.year = 2015 AND m.name = ?",
		                        municipalities[i].name);
		if (strcmp(status, municipalities[i].status) != 0) {
			print_error("%s 2015 is '%s', not '%s'\n", municipalities[i].name, status,
			            municipalities[i].status);
			free(status);
			fail();
		}
		free(status);
	}
}

/* The figures the slides give: Moss 43 and 47, Halden 48 and 40, Våler
 * up to 12 both years; no municipality has two rows for one year. */
static void test_settlement_figures(void **state)
{
	static const char sql[] =
		"SELECT s.decided FROM settlement s JOIN municipality m ON m.id = s.municipality "
		"WHERE s.deleted = 0 AND m.name = ? AND s.year = ?";

	(void)state;
	assert_int_equal(count_args(demo, sql, "Moss", "2015", NULL), 43);
	assert_int_equal(count_args(demo, sql, "Moss", "2016", NULL), 47);
	assert_int_equal(count_args(demo, sql, "Halden", "2015", NULL), 48);
	assert_int_equal(count_args(demo, sql, "Halden", "2016", NULL), 40);
	assert_int_equal(count_args(demo, sql, "Våler", "2015", NULL), 12);
	assert_int_equal(count_args(demo, sql, "Våler", "2016", NULL), 12);
	expect_text(demo,
	            "SELECT s.status FROM settlement s JOIN municipality m "
	            "ON m.id = s.municipality WHERE m.name = ? AND s.year = 2016",
	            "Moss", "decided");
	assert_int_equal(th_count(demo, "SELECT count(*) FROM (SELECT municipality, year FROM "
	                                "settlement GROUP BY 1, 2 HAVING count(*) > 1)"),
	                 0);
	/* Uncertain figures are not in figure fields. */
	assert_int_equal(count_args(demo, sql, "Fredrikstad", "2015", NULL), 0);
}

/* ------------------------------------------------------------ people */

static const struct {
	const char *municipality, *position, *name;
} network[] = {
	{"Aremark", "NAV-leder", "Christian Gundersen"},
	{"Askim", "", "Gunvor Halstvedt"},
	{"Eidsberg", "", "Ole-Johnny Rom Hansen"},
	{"Fredrikstad", "Spesialkonsulent", "Torhild Spernes"},
	{"Fredrikstad", "", "Hege Jeanette Machulla"},
	{"Halden", "", "Astrid Nordstrand"},
	{"Hobøl", "Skolefaglig rådgiver", "Eva K. Utne"},
	{"Hvaler", "Kommunalsjef helse og velferd", "Lars Håkon Larsen"},
	{"Marker", "NAV/familie/helse", "Bjørg Olsson"},
	{"Moss", "Nestleder kommunalavdeling helse- og sosial", "Silje Hobbel"},
	{"Rakkestad", "NAV-leder", "Rune Kyrdalen"},
	{"Rygge", "Faglig leder", "Kristin Kubberød"},
	{"Rømskog", "Rådmann", "Anne Kirsti Johnsen"},
	{"Råde", "", "Ann Cathrin Werner Olsen"},
	{"Skiptvet", "", "Leif-Øystein Nordby"},
	{"Spydeberg", "Leder, Familierelaterte tjenester", "Hilde Dybedahl"},
	{"Sarpsborg", "Rådgiver, mangfold, inkludering og likeverd", "Flemming Johnsen"},
	{"Trøgstad", "", "Wenche Hvidsten"},
	{"Våler", "", "Karin Johannessen"},
};

/* The 19 contact persons of slides 24–25, each of their municipality,
 * with their position, and each a member of the network group. */
static void test_contact_persons(void **state)
{
	(void)state;
	for (size_t i = 0; i < SAM_ARRAY_LEN(network); i++) {
		if (count_args(demo,
		               "SELECT count(*) FROM contact c JOIN municipality m "
		               "ON m.id = c.municipality JOIN membership g ON g.contact = c.id "
		               "WHERE c.deleted = 0 AND g.deleted = 0 AND g.\"group\" = 'network' "
		               "AND m.name = ? AND coalesce(c.position, '') = ? AND c.name = ?",
		               network[i].municipality, network[i].position, network[i].name,
		               NULL) != 1)
			fail_msg("%s (%s, '%s') is not a network member", network[i].name,
			         network[i].municipality, network[i].position);
	}
	assert_int_equal(th_count(demo, "SELECT count(*) FROM membership WHERE deleted = 0 "
	                                "AND \"group\" = 'network'"),
	                 19);
	assert_int_equal(th_count(demo, "SELECT count(DISTINCT contact) FROM membership "
	                                "WHERE deleted = 0 AND \"group\" = 'network'"),
	                 19);
	expect_text(demo,
	            "SELECT c.name || ' / ' || c.position FROM contact c JOIN municipality m "
	            "ON m.id = c.municipality WHERE m.name = ?",
	            "Hvaler", "Lars Håkon Larsen / Kommunalsjef helse og velferd");
}

/* The project leader, Kjersti Salberg, is in the project group; the
 * steering group has its 16 seats with the county governor as leader. */
static void test_groups(void **state)
{
	(void)state;
	assert_int_equal(count_args(demo,
	                            "SELECT count(*) FROM contact c JOIN membership g "
	                            "ON g.contact = c.id WHERE c.name = ? AND g.\"group\" = ? "
	                            "AND g.deleted = 0",
	                            "Kjersti Salberg", "project", NULL),
	                 1);
	assert_int_equal(th_count(demo, "SELECT count(*) FROM membership WHERE deleted = 0 "
	                                "AND \"group\" = 'steering'"),
	                 16);
	expect_text(demo,
	            "SELECT c.position FROM contact c JOIN membership g ON g.contact = c.id "
	            "WHERE g.\"group\" = 'steering' AND g.role = ?",
	            "leader", "Fylkesmann");
	assert_int_equal(th_count(demo, "SELECT count(*) FROM membership WHERE deleted = 0 "
	                                "AND \"group\" = 'reference'"),
	                 19);
}

/* The slides show no e-mail addresses: no contact has one. */
static void test_no_email_addresses(void **state)
{
	(void)state;
	assert_int_equal(th_count(demo, "SELECT count(*) FROM contact"), 44);
	assert_int_equal(th_count(demo, "SELECT count(*) FROM contact WHERE email IS NOT NULL"),
	                 0);
}

/* ------------------------------------------------------------ grants */

static const struct {
	const char *scheme, *municipality, *status;
	int positions; /* hundredths; -1 for none given */
} grants[] = {
	{"housing", "Moss", "decided", 200},
	{"housing", "Moss", "rejected", 100},
	{"housing", "Askim", "decided", 200},
	{"housing", "Halden", "decided", 100},
	{"housing", "Eidsberg", "decided", 100},
	{"housing", "Hobøl", "decided", 100},
	{"housing", "Våler", "decided", 100},
	{"housing", "Sarpsborg", "decided", 200},
	{"housing", "Fredrikstad", "not_applied", 0},
	{"housing", "Skiptvet", "on_hold", -1},
	{"child_poverty", "Moss", "decided", -1},
	{"child_poverty", "Fredrikstad", "decided", 200},
	{"child_poverty", "Halden", "decided", 100},
	{"child_poverty", "Halden", "on_hold", -1},
	{"child_poverty", "Eidsberg", "decided", 100},
	{"child_poverty", "Våler", "decided", -1},
	{"child_poverty", "Sarpsborg", "decided", 100},
	{"child_poverty", "Råde", "on_hold", -1},
	{"child_poverty", "Spydeberg", "on_hold", -1},
	{"child_poverty", "Hobøl", "on_hold", -1},
	{"child_poverty", "Hvaler", "on_hold", -1},
	{"child_poverty", "Aremark", "on_hold", -1},
	{"child_poverty", "Trøgstad", "on_hold", -1},
};

/* Both schemes, each municipality's grant with the positions and status
 * of slides 28–29. */
static void test_grants(void **state)
{
	(void)state;
	assert_int_equal(th_count(demo, "SELECT count(DISTINCT scheme) FROM grant_application "
	                                "WHERE deleted = 0"),
	                 2);
	assert_int_equal(th_count(demo, "SELECT count(*) FROM grant_application WHERE deleted = 0 "
	                                "AND scheme = 'housing'"),
	                 10);
	assert_int_equal(th_count(demo, "SELECT count(*) FROM grant_application WHERE deleted = 0 "
	                                "AND scheme = 'child_poverty'"),
	                 12);
	for (size_t i = 0; i < SAM_ARRAY_LEN(grants); i++) {
		char positions[16];
		snprintf(positions, sizeof positions, "%d", grants[i].positions);
		if (count_args(demo,
		               "SELECT count(*) FROM grant_application g JOIN "
		               "grant_municipality gm ON gm.\"grant\" = g.id JOIN municipality m "
		               "ON m.id = gm.municipality WHERE g.deleted = 0 AND gm.deleted = 0 "
		               "AND g.year = 2015 AND g.scheme = ? AND m.name = ? AND g.status = ? "
		               "AND coalesce(g.positions, -1) = CAST(? AS INTEGER)",
		               grants[i].scheme, grants[i].municipality, grants[i].status,
		               positions, NULL) != 1)
			fail_msg("no %s grant of %s, %s, positions %d", grants[i].scheme,
			         grants[i].municipality, grants[i].status, grants[i].positions);
	}
}

/* Spydeberg/Hobøl applied jointly: one grant, two municipality rows. */
static void test_joint_grant(void **state)
{
	(void)state;
	assert_int_equal(th_count(demo,
	                          "SELECT count(*) FROM grant_application g WHERE "
	                          "g.deleted = 0 AND (SELECT count(*) FROM grant_municipality "
	                          "gm WHERE gm.\"grant\" = g.id AND gm.deleted = 0) > 1"),
	                 1);
	expect_text(demo,
	            "SELECT group_concat(name, '/') FROM (SELECT m.name FROM grant_municipality gm "
	            "JOIN municipality m ON m.id = gm.municipality WHERE gm.\"grant\" = "
	            "(SELECT \"grant\" FROM grant_municipality GROUP BY \"grant\" "
	            "HAVING count(*) = 2) ORDER BY m.number)",
	            NULL, "Spydeberg/Hobøl");
	expect_text(demo,
	            "SELECT g.scheme || ' ' || g.status FROM grant_application g WHERE g.id = "
	            "(SELECT \"grant\" FROM grant_municipality GROUP BY \"grant\" "
	            "HAVING count(*) = CAST(? AS INTEGER))",
	            "2", "child_poverty on_hold");
}

/* Fredrikstad's child-poverty grant: NOK 1.1 million and 2 positions. */
static void test_fredrikstad_child_poverty(void **state)
{
	static const char base[] =
		"FROM grant_application g JOIN grant_municipality gm ON gm.\"grant\" = g.id "
		"JOIN municipality m ON m.id = gm.municipality "
		"WHERE m.name = 'Fredrikstad' AND g.scheme = 'child_poverty'";
	char *sql;

	(void)state;
	sql = xasprintf("SELECT g.amount_nok %s", base);
	assert_int_equal(th_count(demo, sql), 1100000);
	free(sql);
	sql = xasprintf("SELECT g.positions %s", base);
	assert_int_equal(th_count(demo, sql), 200);
	free(sql);
	sql = xasprintf("SELECT count(*) %s", base);
	assert_int_equal(th_count(demo, sql), 1);
	free(sql);
}

/* Where the .md marks a reading uncertain, the note says so. */
static void test_uncertain_notes(void **state)
{
	(void)state;
	expect_uncertain(demo,
	                 "SELECT s.note FROM settlement s JOIN municipality m "
	                 "ON m.id = s.municipality WHERE s.year = 2015 AND m.name = ?",
	                 "Fredrikstad");
	expect_uncertain(demo,
	                 "SELECT s.note FROM settlement s JOIN municipality m "
	                 "ON m.id = s.municipality WHERE s.year = 2015 AND m.name = ?",
	                 "Hvaler");
	expect_uncertain(demo,
	                 "SELECT g.note FROM grant_application g JOIN grant_municipality gm "
	                 "ON gm.\"grant\" = g.id JOIN municipality m ON m.id = gm.municipality "
	                 "WHERE g.scheme = 'child_poverty' AND m.name = ?",
	                 "Moss");
}

/* ------------------------------------------------------------ meetings */

static const struct {
	const char *starts_at, *kind;
} calendar[] = {
	/* all-day: midnight in Oslo, summer time */
	{"2015-04-05T22:00:00Z", "deadline"},   {"2015-04-15T22:00:00Z", "visit"},
	{"2015-04-16T22:00:00Z", "visit"},      {"2015-04-20T22:00:00Z", "visit"},
	{"2015-04-21T22:00:00Z", "course"},     {"2015-05-21T22:00:00Z", "network"},
	{"2015-06-03T22:00:00Z", "conference"}, {"2015-06-08T22:00:00Z", "conference"},
	{"2015-06-09T22:00:00Z", "gathering"},  {"2015-06-14T22:00:00Z", "other"},
	{"2015-06-15T22:00:00Z", "gathering"},  {"2015-06-16T22:00:00Z", "network"},
	{"2015-06-18T22:00:00Z", "other"},      {"2015-08-24T22:00:00Z", "network"},
	{"2015-10-02T11:00:00Z", "steering"},   {"2015-08-31T22:00:00Z", "course"},
};

/* The 2015 calendar of slides 23 and 31, one meeting per date. */
static void test_calendar(void **state)
{
	(void)state;
	assert_int_equal(th_count(demo, "SELECT count(*) FROM meeting WHERE deleted = 0"),
	                 (int64_t)SAM_ARRAY_LEN(calendar));
	for (size_t i = 0; i < SAM_ARRAY_LEN(calendar); i++)
		if (count_args(demo, "SELECT count(*) FROM meeting WHERE deleted = 0 AND "
		                     "starts_at = ? AND kind = ?",
		               calendar[i].starts_at, calendar[i].kind, NULL) != 1)
			fail_msg("no %s meeting at %s", calendar[i].kind, calendar[i].starts_at);
	expect_text(demo, "SELECT place FROM meeting WHERE starts_at = ?",
	            "2015-06-08T22:00:00Z", "Quality hotell Sarpsborg");
	expect_text(demo, "SELECT place FROM meeting WHERE starts_at = ?",
	            "2015-06-15T22:00:00Z", "Rakkestad");
}

/* The steering group meets 2 October 2015, 13:00–15:00 Oslo time, at
 * Statens hus, with its 16 seats; the contact persons on 25 August. */
static void test_steering_meeting(void **state)
{
	(void)state;
	assert_int_equal(th_count(demo,
	                          "SELECT count(*) FROM meeting WHERE deleted = 0 AND "
	                          "kind = 'steering' AND starts_at = '2015-10-02T11:00:00Z' AND "
	                          "ends_at = '2015-10-02T13:00:00Z' AND "
	                          "coalesce(all_day, 0) = 0 AND place LIKE '%Statens hus%'"),
	                 1);
	assert_int_equal(th_count(demo, "SELECT count(*) FROM attendee a JOIN meeting m "
	                                "ON m.id = a.meeting WHERE m.kind = 'steering'"),
	                 16);
	assert_int_equal(th_count(demo, "SELECT count(*) FROM attendee a JOIN meeting m ON "
	                                "m.id = a.meeting WHERE m.starts_at = "
	                                "'2015-08-24T22:00:00Z'"),
	                 19);
}

/* The six questions before a visit, numbered 1 to 6. */
static void test_visit_questions(void **state)
{
	(void)state;
	assert_int_equal(th_count(demo, "SELECT count(*) FROM visit_question WHERE deleted = 0"),
	                 6);
	assert_int_equal(th_count(demo, "SELECT count(DISTINCT number) FROM visit_question "
	                                "WHERE number BETWEEN 1 AND 6"),
	                 6);
	assert_int_equal(th_count(demo, "SELECT count(*) FROM visit_question "
	                                "WHERE text IS NULL OR text = ''"),
	                 0);
	expect_text(demo, "SELECT text FROM visit_question WHERE number = CAST(? AS INTEGER)", "3",
	            "Hva mener dere om den statlige finansieringen?");
}

/* ------------------------------------------------------------ provenance */

/* Every op is the demo device's, stamped from 1 August 2015 on; none is
 * the opening device's, whose counter starts at nought. The demo device
 * has a name. */
static void test_ops_are_the_demo_devices(void **state)
{
	char *sql;

	(void)state;
	assert_true(th_count(demo, "SELECT count(*) FROM op") > 500);
	assert_int_equal(th_count(demo, "SELECT count(*) FROM op WHERE dev <> '" DEMO_DEV "'"), 0);
	sql = xasprintf("SELECT count(*) FROM op WHERE dev = '%s'", demo->dev);
	assert_int_equal(th_count(demo, sql), 0);
	free(sql);
	assert_string_not_equal(demo->dev, DEMO_DEV);
	assert_int_equal(th_count(demo, "SELECT min(hlc >> 16) FROM op"), DEMO_START_MS);
	assert_true(th_count(demo, "SELECT max(hlc >> 16) FROM op") < DEMO_START_MS + 3600 * 1000);
	assert_int_equal(th_count(demo, "SELECT max(seq) FROM op"),
	                 th_count(demo, "SELECT count(*) FROM op"));
	assert_int_equal(sam_db_local_int(demo, "seq", -1), 0);
	assert_int_equal(sam_unsynced_count(demo), 0);
	expect_text(demo, "SELECT user_name || ', ' || label FROM device WHERE dev = ?", DEMO_DEV,
	            "Fylkesmannen i Østfold, demo");
	assert_int_equal(th_count(demo, "SELECT count(*) FROM device"), 1);
}

/* Two demos are two files with the same ids; removing one takes its
 * -wal and -shm along. */
static void test_demo_open_twice(void **state)
{
	struct sam_db *a, *b;
	char *pa, *pb, *ia, *ib;
	struct sam_err err = {"(no message)"};
	static const char ids[] =
		"SELECT group_concat(id, ' ') FROM (SELECT id FROM %s ORDER BY id)";
	static const char *const tables[] = {"municipality", "contact", "grant_application",
	                                     "meeting", "settlement"};

	(void)state;
	if (sam_demo_open(&a, &pa, &err) < 0 || sam_demo_open(&b, &pb, &err) < 0)
		fail_msg("the demo did not open: %s", err.msg);
	assert_string_not_equal(pa, pb);
	assert_true(file_exists(pa));
	assert_true(file_exists(pb));
	assert_true(file_exists_with(pa, "-wal"));
	for (size_t i = 0; i < SAM_ARRAY_LEN(tables); i++) {
		char *sql = xasprintf(ids, tables[i]);
		ia = text_arg(a, sql, NULL);
		ib = text_arg(b, sql, NULL);
		assert_true(strlen(ia) > 32);
		assert_string_equal(ia, ib);
		free(ia), free(ib), free(sql);
	}
	/* Moss has its id from the seed and its label. */
	{
		const char *parts[] = {"ostfold-2015", "moss"};
		char want[SAM_ID_BUF];
		sam_id_derive(want, parts, 2);
		expect_text(a, "SELECT id FROM municipality WHERE name = ?", "Moss", want);
	}
	assert_string_not_equal(a->dev, b->dev);

	sam_db_close(a);
	sam_db_close(b);
	/* Whatever SQLite left, and a -wal and -shm as a crash leaves them. */
	for (int k = 0; k < 2; k++) {
		char *p = xasprintf("%s%s", pa, k ? "-shm" : "-wal");
		FILE *f = fopen(p, "w");
		assert_non_null(f);
		fclose(f);
		free(p);
	}
	sam_demo_remove(pa);
	assert_false(file_exists(pa));
	assert_false(file_exists_with(pa, "-wal"));
	assert_false(file_exists_with(pa, "-shm"));
	assert_true(file_exists(pb));
	sam_demo_remove(pb);
	assert_false(file_exists(pb));
	assert_false(file_exists_with(pb, "-wal"));
	assert_false(file_exists_with(pb, "-shm"));
	free(pa);
	free(pb);
}

/* The demo's file is in $TMPDIR when it is set. */
static void test_demo_open_uses_tmpdir(void **state)
{
	struct sam_db *db;
	char *path, *dir, *old;
	struct sam_err err = {"(no message)"};
	const char *tmp = getenv("TMPDIR");

	(void)state;
	old = tmp ? xstrdup(tmp) : NULL;
	dir = xasprintf("%s/samordne-demo-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(dir));
	setenv("TMPDIR", dir, 1);
	int rc = sam_demo_open(&db, &path, &err);
	if (old)
		setenv("TMPDIR", old, 1);
	else
		unsetenv("TMPDIR");
	if (rc < 0)
		fail_msg("the demo did not open: %s", err.msg);
	assert_memory_equal(path, dir, strlen(dir));
	assert_int_equal(path[strlen(dir)], '/');
	assert_int_equal(th_count(db, "SELECT count(*) FROM municipality"), 18);
	sam_db_close(db);
	sam_demo_remove(path);
	assert_int_equal(rmdir(dir), 0);
	free(path);
	free(dir);
	free(old);
}

/* Core bug: loading the demo into a database that has changes of its own
 * must lose none of this device's later changes, and the demo device's
 * counter starts at 1 (seq is gapless per device). */
static void test_demo_into_used_database(void **state)
{
	struct sam_db *db = th_open_empty();
	struct sam_err err = {"(no message)"};
	char id[SAM_ID_BUF], *sql;
	struct sam_assign oslo[] = {{"number", "0301"}, {"name", "Oslo"}};
	struct sam_assign note[] = {{"note", "Skrevet etter demoen"}};
	int64_t kept, first_demo_seq;

	(void)state;
	assert_int_equal(sam_record_add(db, sam_entity_find("municipality"), oslo, 2, id, &err), 0);
	assert_int_equal(sam_demo_load(db, &err), 0);
	assert_int_equal(sam_record_set(db, sam_entity_find("municipality"), id, note, 1, &err), 0);
	sql = xasprintf("SELECT count(*) FROM municipality WHERE id = '%s' AND note = "
	                "'Skrevet etter demoen'", id);
	kept = th_count(db, sql);
	free(sql);
	first_demo_seq = th_count(db, "SELECT min(seq) FROM op WHERE dev = '" DEMO_DEV "'");
	th_close(db);
	if (kept != 1)
		fail_msg("a change made after the demo was loaded is lost");
	assert_int_equal(first_demo_seq, 1);
}

/* ------------------------------------------------------------ setup */

static int open_demo(void **state)
{
	(void)state;
	demo = th_open_demo();
	return 0;
}

static int close_demo(void **state)
{
	(void)state;
	th_close(demo);
	demo = NULL;
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_municipalities),
		cmocka_unit_test(test_settlement_status_2015),
		cmocka_unit_test(test_settlement_figures),
		cmocka_unit_test(test_contact_persons),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_no_email_addresses),
		cmocka_unit_test(test_grants),
		cmocka_unit_test(test_joint_grant),
		cmocka_unit_test(test_fredrikstad_child_poverty),
		cmocka_unit_test(test_uncertain_notes),
		cmocka_unit_test(test_calendar),
		cmocka_unit_test(test_steering_meeting),
		cmocka_unit_test(test_visit_questions),
		cmocka_unit_test(test_ops_are_the_demo_devices),
		cmocka_unit_test(test_demo_open_twice),
		cmocka_unit_test(test_demo_open_uses_tmpdir),
		cmocka_unit_test(test_demo_into_used_database),
	};

	return cmocka_run_group_tests(tests, open_demo, close_demo);
}
