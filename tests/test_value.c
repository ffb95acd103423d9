/* Field values through the real fields of the data dictionary: what a
 * person may type and what is stored for it, the one-line messages for
 * what is refused, the check of stored values from elsewhere, and the text
 * people read for a stored value. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/entity.h"
#include "core/record.h"
#include "core/value.h"
#include "tests/helpers.h"

/* A database with two municipalities, for references. */
static struct sam_db *db;
static char hvaler_id[SAM_ID_BUF];
static char moss_id[SAM_ID_BUF];

static const struct sam_entity *entity(const char *name)
{
	const struct sam_entity *e = sam_entity_find(name);
	if (!e)
		fail_msg("no entity '%s'", name);
	return e;
}

static const struct sam_field *field(const char *ent, const char *name)
{
	const struct sam_field *f = sam_entity_field(entity(ent), name);
	if (!f)
		fail_msg("no field '%s' in '%s'", name, ent);
	return f;
}

/* Parses text for ent.fld; fails the test if it is refused. The parsed
 * value must also pass the check for stored values. */
static struct sam_value parse_ok(const char *ent, const char *fld, const char *text)
{
	struct sam_value v = {.kind = SAM_V_REAL};
	struct sam_err err = {"(no message)"};
	if (sam_value_parse(db, entity(ent), field(ent, fld), text, &v, &err) < 0)
		fail_msg("%s.%s: '%s' refused: %s", ent, fld, text, err.msg);
	if (sam_value_check(field(ent, fld), &v, &err) < 0)
		fail_msg("%s.%s: parsed '%s' fails the check: %s", ent, fld, text, err.msg);
	return v;
}

static void expect_int(const char *ent, const char *fld, const char *text, int64_t want)
{
	struct sam_value v = parse_ok(ent, fld, text);
	if (v.kind != SAM_V_INT || v.i != want)
		fail_msg("%s.%s: '%s' gave kind %d value %lld, not %lld", ent, fld, text,
		         (int)v.kind, (long long)v.i, (long long)want);
	sam_value_clear(&v);
}

static void expect_text(const char *ent, const char *fld, const char *text, const char *want)
{
	struct sam_value v = parse_ok(ent, fld, text);
	if (v.kind != SAM_V_TEXT || strcmp(v.s, want) != 0)
		fail_msg("%s.%s: '%s' gave kind %d '%s', not '%s'", ent, fld, text, (int)v.kind,
		         v.s ? v.s : "(null)", want);
	sam_value_clear(&v);
}

static void expect_null(const char *ent, const char *fld, const char *text)
{
	struct sam_value v = parse_ok(ent, fld, text);
	if (v.kind != SAM_V_NULL)
		fail_msg("%s.%s: '%s' did not clear the field (kind %d)", ent, fld, text,
		         (int)v.kind);
	sam_value_clear(&v);
}

/* Parsing must fail with exactly the message want, leaving no value. */
static void expect_error(const char *ent, const char *fld, const char *text, const char *want)
{
	struct sam_value v = {0};
	struct sam_err err = {"(no message)"};
	if (sam_value_parse(db, entity(ent), field(ent, fld), text, &v, &err) == 0)
		fail_msg("%s.%s: '%s' was taken (kind %d, %lld, '%s')", ent, fld, text, (int)v.kind,
		         (long long)v.i, v.s ? v.s : "");
	assert_string_equal(err.msg, want);
	assert_int_equal(v.kind, SAM_V_NULL);
	assert_null(v.s);
}

/* ------------------------------------------------------------ numbers */

/* COUNT: whole people, with spaces or dots between thousands. */
static void test_count(void **state)
{
	(void)state;
	expect_int("settlement", "decided", "43", 43);
	expect_int("settlement", "decided", "0", 0);
	expect_int("settlement", "decided", " 47 ", 47);
	expect_int("settlement", "decided", "1 100", 1100);
	expect_int("settlement", "decided", "1.100", 1100);
	expect_int("settlement", "decided", "10 000 000", 10000000);
	expect_error("settlement", "decided", "fourty",
	             "'fourty' is not a whole number (field 'decided')");
	expect_error("settlement", "decided", "-3", "'-3' is not a whole number (field 'decided')");
	expect_error("settlement", "decided", "4,5",
	             "'4,5' is not a whole number (field 'decided')");
	expect_error("settlement", "decided", "1  100",
	             "'1  100' is not a whole number (field 'decided')");
	expect_error("settlement", "decided", "10 000 001",
	             "'10 000 001' is out of range (field 'decided')");
	expect_error("settlement", "decided", "99999999999999999999999",
	             "'99999999999999999999999' is not a whole number (field 'decided')");
}

/* YEAR: 2000 to 2100. */
static void test_year(void **state)
{
	(void)state;
	expect_int("settlement", "year", "2015", 2015);
	expect_int("settlement", "year", "2000", 2000);
	expect_int("settlement", "year", "2100", 2100);
	expect_error("settlement", "year", "1999",
	             "'1999' is not a year from 2000 to 2100 (field 'year')");
	expect_error("settlement", "year", "2101",
	             "'2101' is not a year from 2000 to 2100 (field 'year')");
	expect_error("settlement", "year", "i fjor", "'i fjor' is not a year (field 'year')");
}

/* NOK: whole kroner, grouped, with "kr" and "mill". */
static void test_nok(void **state)
{
	(void)state;
	expect_int("grant", "amount_nok", "1100000", 1100000);
	expect_int("grant", "amount_nok", "1 100 000", 1100000);
	expect_int("grant", "amount_nok", "1.100.000", 1100000);
	expect_int("grant", "amount_nok", "1,1 mill", 1100000);
	expect_int("grant", "amount_nok", "1.1 mill.", 1100000);
	expect_int("grant", "amount_nok", "1,1mill", 1100000);
	expect_int("grant", "amount_nok", "2 millioner", 2000000);
	expect_int("grant", "amount_nok", "1 million", 1000000);
	expect_int("grant", "amount_nok", "0,25 MILL", 250000);
	expect_int("grant", "amount_nok", "kr 250.000", 250000);
	expect_int("grant", "amount_nok", "kr. 250 000", 250000);
	expect_int("grant", "amount_nok", "250 000 kr", 250000);
	expect_int("grant", "amount_nok", "0", 0);
	expect_error("grant", "amount_nok", "mye",
	             "'mye' is not an amount in kroner (field 'amount_nok')");
	expect_error("grant", "amount_nok", "kr",
	             "'kr' is not an amount in kroner (field 'amount_nok')");
	expect_error("grant", "amount_nok", "1,1 mrd",
	             "'1,1 mrd' is not an amount in kroner (field 'amount_nok')");
	expect_error("grant", "amount_nok", "-5",
	             "'-5' is not an amount in kroner (field 'amount_nok')");
	expect_error("grant", "amount_nok", "1 000 000 000 001",
	             "'1 000 000 000 001' is out of range (field 'amount_nok')");
}

/* POSITIONS: hundredths, from decimals, glyphs and fractions. */
static void test_positions(void **state)
{
	(void)state;
	expect_int("grant", "positions", "2", 200);
	expect_int("grant", "positions", "0,5", 50);
	expect_int("grant", "positions", "0.5", 50);
	expect_int("grant", "positions", ",5", 50);
	expect_int("grant", "positions", "1,25", 125);
	expect_int("grant", "positions", "½", 50);
	expect_int("grant", "positions", "1½", 150);
	expect_int("grant", "positions", "¼", 25);
	expect_int("grant", "positions", "2¾", 275);
	expect_int("grant", "positions", "⅓", 33);
	expect_int("grant", "positions", "⅔", 67);
	expect_int("grant", "positions", "3/4", 75);
	expect_int("grant", "positions", "1/3", 33);
	expect_int("grant", "positions", "1 1/2", 150);
	expect_int("grant", "positions", "1000", 100000);
	expect_error("grant", "positions", "en halv",
	             "'en halv' is not a number of positions (like 2, 0.5 or ½) "
	             "(field 'positions')");
	expect_error("grant", "positions", "1/0",
	             "'1/0' is not a number of positions (like 2, 0.5 or ½) (field 'positions')");
	expect_error("grant", "positions", "x½",
	             "'x½' is not a number of positions (like 2, 0.5 or ½) (field 'positions')");
	expect_error("grant", "positions", "-1",
	             "'-1' is not a number of positions (like 2, 0.5 or ½) (field 'positions')");
	expect_error("grant", "positions", "1001",
	             "'1001' is out of range (field 'positions')");
}

/* BOOL: yes and no in English and Norwegian, any case. */
static void test_bool(void **state)
{
	static const char *const yes[] = {"ja", "yes", "JA", "Yes", "j", "y", "true", "1"};
	static const char *const no[] = {"nei", "no", "NEI", "n", "false", "0"};

	(void)state;
	for (size_t i = 0; i < SAM_ARRAY_LEN(yes); i++)
		expect_int("meeting", "all_day", yes[i], 1);
	for (size_t i = 0; i < SAM_ARRAY_LEN(no); i++)
		expect_int("meeting", "all_day", no[i], 0);
	expect_error("meeting", "all_day", "kanskje",
	             "'kanskje' is not yes or no (field 'all_day')");
	expect_error("meeting", "all_day", "2", "'2' is not yes or no (field 'all_day')");
}

/* ------------------------------------------------------------ dates */

/* DATE: typed dd.mm.yyyy (or d.m.yy, or ISO), stored yyyy-mm-dd. */
static void test_date(void **state)
{
	(void)state;
	expect_text("settlement", "decision_date", "06.04.2015", "2015-04-06");
	expect_text("settlement", "decision_date", "6.4.2015", "2015-04-06");
	expect_text("settlement", "decision_date", "6.4.15", "2015-04-06");
	expect_text("settlement", "decision_date", "2015-04-06", "2015-04-06");
	expect_text("settlement", "decision_date", "29.02.2016", "2016-02-29");
	expect_error("settlement", "decision_date", "31.02.2016",
	             "'31.02.2016' is not a date (dd.mm.yyyy) (field 'decision_date')");
	expect_error("settlement", "decision_date", "29.02.2015",
	             "'29.02.2015' is not a date (dd.mm.yyyy) (field 'decision_date')");
	expect_error("settlement", "decision_date", "6. april",
	             "'6. april' is not a date (dd.mm.yyyy) (field 'decision_date')");
	expect_error("settlement", "decision_date", "2015-4-6",
	             "'2015-4-6' is not a date (dd.mm.yyyy) (field 'decision_date')");
}

/* DATETIME: typed in Oslo time (summer and winter), stored in UTC. */
static void test_datetime(void **state)
{
	(void)state;
	expect_text("meeting", "starts_at", "02.10.2015 13:00", "2015-10-02T11:00:00Z");
	expect_text("meeting", "starts_at", "02.10.2015  13.00", "2015-10-02T11:00:00Z");
	expect_text("meeting", "starts_at", "2.10.2015 1300", "2015-10-02T11:00:00Z");
	expect_text("meeting", "starts_at", "2015-10-02T13:00", "2015-10-02T11:00:00Z");
	expect_text("meeting", "starts_at", "02.12.2015 13:00", "2015-12-02T12:00:00Z");
	/* A date alone is midnight in Oslo. */
	expect_text("meeting", "starts_at", "06.04.2015", "2015-04-05T22:00:00Z");
	/* The stored form is taken as it is. */
	expect_text("meeting", "starts_at", "2015-10-02T11:00:00Z", "2015-10-02T11:00:00Z");
	expect_error("meeting", "starts_at", "02.10.2015 25:00",
	             "'02.10.2015 25:00' is not a date and time (dd.mm.yyyy hh:mm) "
	             "(field 'starts_at')");
	expect_error("meeting", "starts_at", "31.02.2016 10:00",
	             "'31.02.2016 10:00' is not a date and time (dd.mm.yyyy hh:mm) "
	             "(field 'starts_at')");
	expect_error("meeting", "starts_at", "i morgen",
	             "'i morgen' is not a date and time (dd.mm.yyyy hh:mm) (field 'starts_at')");
}

/* ------------------------------------------------------------ choices */

/* ENUM: the key, the label, '_' for space, any case, a unique prefix. */
static void test_enum(void **state)
{
	(void)state;
	expect_text("settlement", "status", "decided in part", "decided_in_part");
	expect_text("settlement", "status", "decided_in_part", "decided_in_part");
	expect_text("settlement", "status", "Decided In Part", "decided_in_part");
	expect_text("settlement", "status", "decided", "decided");
	expect_text("settlement", "status", "no letter received", "no_letter");
	expect_text("settlement", "status", "no_letter", "no_letter");
	expect_text("settlement", "status", "neg", "negative");
	expect_text("settlement", "status", "asked for later deadline", "later_deadline");
	expect_text("grant", "scheme", "child poverty", "child_poverty");
	expect_text("grant", "status", "on hold", "on_hold");
	expect_error("settlement", "status", "maybe",
	             "'maybe' is not a status (field 'status'; choose: no letter received, "
	             "awaiting, asked for later deadline, positive, not decided, decided, "
	             "decided in part, negative)");
	/* "de" fits decided and decided in part: refused, not guessed. */
	assert_int_equal(sam_enum_parse(&sam_enum_settlement_status, "de"), -1);
	expect_error("settlement", "status", "de",
	             "'de' is not a status (field 'status'; choose: no letter received, "
	             "awaiting, asked for later deadline, positive, not decided, decided, "
	             "decided in part, negative)");
}

/* REF: a record found by name (case-blind), by number, or by id. */
static void test_ref(void **state)
{
	char prefix[9];

	(void)state;
	expect_text("contact", "municipality", "Hvaler", hvaler_id);
	expect_text("contact", "municipality", "hvaler", hvaler_id);
	expect_text("contact", "municipality", "HVALER", hvaler_id);
	expect_text("contact", "municipality", " Hvaler ", hvaler_id);
	expect_text("contact", "municipality", "0111", hvaler_id);
	expect_text("contact", "municipality", hvaler_id, hvaler_id);
	snprintf(prefix, sizeof prefix, "%.8s", moss_id);
	expect_text("contact", "municipality", prefix, moss_id);
	expect_error("contact", "municipality", "Oslo",
	             "no municipality is called 'Oslo' (field 'municipality')");
	/* A reference looks only among the entity it points to: Hvaler is
	 * no organisation. */
	expect_error("contact", "organisation", "Hvaler",
	             "no organisation is called 'Hvaler' (field 'organisation')");
}

/* ------------------------------------------------------------ text kinds */

static void test_email(void **state)
{
	(void)state;
	expect_text("contact", "email", "silje.hobbel@moss.kommune.no",
	            "silje.hobbel@moss.kommune.no");
	expect_text("contact", "email", " kari@fmo.no ", "kari@fmo.no");
	static const char *const bad[] = {
		"silje.hobbel.moss.no", "@moss.no", "kari@", "kari@moss", "kari@.no", "kari@moss.",
		"kari@a@moss.no", "kari nordmann@moss.no", "kari@moss.no, ola@moss.no",
		"<kari@moss.no>",
	};
	for (size_t i = 0; i < SAM_ARRAY_LEN(bad); i++) {
		char want[256];
		snprintf(want, sizeof want, "'%s' is not an e-mail address (field 'email')",
		         bad[i]);
		expect_error("contact", "email", bad[i], want);
	}
}

static void test_phone(void **state)
{
	(void)state;
	expect_text("contact", "phone", "+47 69 24 20 00", "+47 69 24 20 00");
	expect_text("contact", "phone", "(+47) 692-42.000", "(+47) 692-42.000");
	expect_text("contact", "phone", "113", "113");
	expect_error("contact", "phone", "12", "'12' is not a phone number (field 'phone')");
	expect_error("contact", "phone", "69 24 20 00 ext 5",
	             "'69 24 20 00 ext 5' is not a phone number (field 'phone')");
	expect_error("contact", "phone", "123456789012345678901",
	             "'123456789012345678901' is not a phone number (field 'phone')");
}

static void test_muni_no(void **state)
{
	(void)state;
	expect_text("municipality", "number", "0104", "0104");
	expect_text("municipality", "number", "3003", "3003");
	static const char *const bad[] = {"104", "01040", "01a4", "01 04", "-104"};
	for (size_t i = 0; i < SAM_ARRAY_LEN(bad); i++) {
		char want[256];
		snprintf(want, sizeof want,
		         "'%s' is not a municipality number (four digits) (field 'number')",
		         bad[i]);
		expect_error("municipality", "number", bad[i], want);
	}
}

/* TEXT: one line of valid UTF-8, trimmed, at most 1000 bytes. */
static void test_text(void **state)
{
	char *long_name = xcalloc(1002, 1);

	(void)state;
	expect_text("contact", "name", "Lars Håkon Larsen", "Lars Håkon Larsen");
	expect_text("contact", "name", " \tSilje Hobbel  ", "Silje Hobbel");
	expect_error("contact", "name", "Lars\nLarsen", "field 'name' must be one line");
	expect_error("contact", "name", "Lars\x01Larsen", "field 'name' must be one line");
	expect_error("contact", "name", "R\xf8mskog",
	             "the text for field 'name' is not valid UTF-8");
	expect_error("contact", "name", "Overlong \xc0\xaf",
	             "the text for field 'name' is not valid UTF-8");
	expect_error("contact", "name", "Surrogate \xed\xa0\x80",
	             "the text for field 'name' is not valid UTF-8");
	expect_error("contact", "name", "Cut \xc3", "the text for field 'name' is not valid UTF-8");
	memset(long_name, 'a', 1000);
	expect_text("contact", "name", long_name, long_name);
	long_name[1000] = 'a';
	expect_error("contact", "name", long_name,
	             "the text for field 'name' is too long (1001 bytes; at most 1000)");
	free(long_name);
}

/* NOTE: may hold line breaks; trimmed of blank lines around it. */
static void test_note(void **state)
{
	(void)state;
	expect_text("contact", "note", "Første linje.\nAndre linje.",
	            "Første linje.\nAndre linje.");
	expect_text("contact", "note", "\n  Usikker.\n\n", "Usikker.");
	expect_error("contact", "note", "bell\x07", "field 'note' holds a control character");
	expect_error("contact", "note", "\xff", "the text for field 'note' is not valid UTF-8");
}

/* An empty text, or only blanks, clears the field whatever its type. */
static void test_empty_clears(void **state)
{
	static const char *const fields[][2] = {
		{"settlement", "decided"}, {"settlement", "year"}, {"grant", "amount_nok"},
		{"grant", "positions"}, {"settlement", "decision_date"}, {"meeting", "starts_at"},
		{"meeting", "all_day"}, {"settlement", "status"}, {"contact", "municipality"},
		{"contact", "email"}, {"contact", "phone"}, {"municipality", "number"},
		{"contact", "name"}, {"contact", "note"},
	};

	(void)state;
	for (size_t i = 0; i < SAM_ARRAY_LEN(fields); i++) {
		expect_null(fields[i][0], fields[i][1], "");
		expect_null(fields[i][0], fields[i][1], "  \t ");
	}
	expect_null("contact", "note", "\n\n");
}

/* ------------------------------------------------------------ check */

static void check_ok(const char *ent, const char *fld, const struct sam_value *v)
{
	struct sam_err err = {"(no message)"};
	if (sam_value_check(field(ent, fld), v, &err) < 0)
		fail_msg("%s.%s: a good stored value refused: %s", ent, fld, err.msg);
}

static void check_bad(const char *ent, const char *fld, const struct sam_value *v,
                      const char *want)
{
	struct sam_err err = {"(no message)"};
	if (sam_value_check(field(ent, fld), v, &err) == 0)
		fail_msg("%s.%s: a bad stored value (kind %d, %lld, '%s') taken", ent, fld,
		         (int)v->kind, (long long)v->i, v->s ? v->s : "");
	assert_string_equal(err.msg, want);
}

static struct sam_value int_value(int64_t i)
{
	return (struct sam_value){.kind = SAM_V_INT, .i = i};
}

static struct sam_value text_value(const char *s)
{
	return (struct sam_value){.kind = SAM_V_TEXT, .s = (char *)(uintptr_t)s};
}

/* Stored values in range and of the right kind pass, NULL always. */
static void test_check_accepts_stored_forms(void **state)
{
	struct sam_value null = {0}, v;

	(void)state;
	check_ok("settlement", "decided", &null);
	check_ok("settlement", "decision_date", &null);
	v = int_value(0), check_ok("settlement", "decided", &v);
	v = int_value(10000000), check_ok("settlement", "decided", &v);
	v = int_value(2000), check_ok("settlement", "year", &v);
	v = int_value(100000), check_ok("grant", "positions", &v);
	v = int_value(1000000000000LL), check_ok("grant", "amount_nok", &v);
	v = int_value(1), check_ok("meeting", "all_day", &v);
	v = text_value("2016-02-29"), check_ok("settlement", "decision_date", &v);
	v = text_value("2015-10-02T11:00:00Z"), check_ok("meeting", "starts_at", &v);
	v = text_value(hvaler_id), check_ok("contact", "municipality", &v);
	/* An enum key a newer version added is kept. */
	v = text_value("waiting_for_housing"), check_ok("settlement", "status", &v);
	v = text_value("0111"), check_ok("municipality", "number", &v);
	v = text_value("a@b.no"), check_ok("contact", "email", &v);
	v = text_value("Linje 1\nLinje 2"), check_ok("contact", "note", &v);
}

/* Wrong kinds, values out of range and malformed stored text are refused. */
static void test_check_rejects(void **state)
{
	struct sam_value v;

	(void)state;
	v = int_value(-1), check_bad("settlement", "decided", &v,
	                             "field 'decided' holds a value out of its range");
	v = int_value(10000001), check_bad("settlement", "decided", &v,
	                                   "field 'decided' holds a value out of its range");
	v = int_value(1999), check_bad("settlement", "year", &v,
	                               "field 'year' holds a value out of its range");
	v = int_value(2101), check_bad("settlement", "year", &v,
	                               "field 'year' holds a value out of its range");
	v = int_value(2), check_bad("meeting", "all_day", &v,
	                            "field 'all_day' holds a value out of its range");
	v = int_value(100001), check_bad("grant", "positions", &v,
	                                 "field 'positions' holds a value out of its range");
	v = text_value("43"), check_bad("settlement", "decided", &v,
	                                "field 'decided' holds a value out of its range");
	v = (struct sam_value){.kind = SAM_V_REAL, .r = 0.5};
	check_bad("grant", "positions", &v, "field 'positions' holds a value out of its range");
	v = int_value(43), check_bad("contact", "name", &v, "field 'name' must hold text");
	check_bad("contact", "municipality", &v, "field 'municipality' must hold text");

	v = text_value("2015-13-01"), check_bad("settlement", "decision_date", &v,
	                                        "field 'decision_date' holds a malformed value");
	v = text_value("2016-02-30"), check_bad("settlement", "decision_date", &v,
	                                        "field 'decision_date' holds a malformed value");
	v = text_value("06.04.2015"), check_bad("settlement", "decision_date", &v,
	                                        "field 'decision_date' holds a malformed value");
	v = text_value("2015-04-06x"), check_bad("settlement", "decision_date", &v,
	                                         "field 'decision_date' holds a malformed value");
	v = text_value("2015-10-02 11:00"), check_bad("meeting", "starts_at", &v,
	                                              "field 'starts_at' holds a malformed value");
	v = text_value("02.10.2015 13:00"), check_bad("meeting", "starts_at", &v,
	                                              "field 'starts_at' holds a malformed value");
	v = text_value("xyz"), check_bad("contact", "municipality", &v,
	                                 "field 'municipality' holds a malformed value");
	v = text_value("Hvaler"), check_bad("contact", "municipality", &v,
	                                    "field 'municipality' holds a malformed value");
	v = text_value("Decided"), check_bad("settlement", "status", &v,
	                                     "field 'status' holds a malformed value");
	v = text_value("decided in part"), check_bad("settlement", "status", &v,
	                                             "field 'status' holds a malformed value");
	v = text_value("kari.moss.no"), check_bad("contact", "email", &v,
	                                          "field 'email' holds a malformed value");
	v = text_value("12"), check_bad("contact", "phone", &v,
	                                "field 'phone' holds a malformed value");
	v = text_value("104"), check_bad("municipality", "number", &v,
	                                 "field 'number' holds a malformed value");
	v = text_value("Moss\nRygge"), check_bad("municipality", "name", &v,
	                                         "field 'name' must be one line");
	v = text_value("R\xf8mskog"), check_bad("municipality", "name", &v,
	                                        "the text for field 'name' is not valid UTF-8");
}

/* Core bug: a stored date is exactly yyyy-mm-dd: blanks or signs inside it would
 * sort wrongly as text and are as malformed as "2015-13-01". */
static void test_check_rejects_loose_dates(void **state)
{
	static const char *const loose[] = {"2015- 4-06", "2015-04- 6", "+015-04-06",
	                                    " 2015-4-06", "2015-+4-06", "2015-04-+6"};
	const struct sam_field *f = field("settlement", "decision_date");
	struct strbuf taken = {0};

	(void)state;
	for (size_t i = 0; i < SAM_ARRAY_LEN(loose); i++) {
		struct sam_value v = text_value(loose[i]);
		if (sam_value_check(f, &v, NULL) == 0)
			sb_addf(&taken, " '%s'", loose[i]);
	}
	if (taken.len > 0) {
		char *list = sb_steal(&taken);
		print_error("malformed stored dates taken:%s\n", list);
		free(list);
		fail();
	}
}

/* A note may be 64 KiB, not a byte more. */
static void test_check_note_size(void **state)
{
	size_t max = 64 * 1024;
	char *s = xmalloc(max + 2);
	struct sam_value v;

	(void)state;
	memset(s, 'x', max + 1);
	s[max] = '\0';
	v = text_value(s), check_ok("contact", "note", &v);
	s[max] = 'x';
	s[max + 1] = '\0';
	v = text_value(s);
	check_bad("contact", "note", &v,
	          "the text for field 'note' is too long (65537 bytes; at most 65536)");
	free(s);
}

/* ------------------------------------------------------------ format */

static void expect_format(const char *ent, const char *fld, struct sam_value v, const char *want)
{
	char *s = sam_value_format(field(ent, fld), &v);
	if (strcmp(s, want) != 0)
		fail_msg("%s.%s formatted as '%s', not '%s'", ent, fld, s, want);
	free(s);
}

/* What people read for each kind of stored value (C locale). */
static void test_format(void **state)
{
	(void)state;
	expect_format("grant", "positions", int_value(50), "0.5");
	expect_format("grant", "positions", int_value(150), "1.5");
	expect_format("grant", "positions", int_value(25), "0.25");
	expect_format("grant", "positions", int_value(5), "0.05");
	expect_format("grant", "positions", int_value(200), "2");
	expect_format("grant", "positions", int_value(0), "0");
	expect_format("grant", "amount_nok", int_value(1100000), "1 100 000");
	expect_format("grant", "amount_nok", int_value(1000), "1 000");
	expect_format("grant", "amount_nok", int_value(999), "999");
	expect_format("grant", "amount_nok", int_value(1000000000000LL), "1 000 000 000 000");
	expect_format("settlement", "decided", int_value(1100000), "1100000");
	expect_format("settlement", "year", int_value(2015), "2015");
	expect_format("meeting", "all_day", int_value(1), "yes");
	expect_format("meeting", "all_day", int_value(0), "no");
	expect_format("meeting", "starts_at", text_value("2015-10-02T11:00:00Z"),
	              "02.10.2015 13:00");
	expect_format("meeting", "starts_at", text_value("2015-12-02T12:00:00Z"),
	              "02.12.2015 13:00");
	expect_format("settlement", "decision_date", text_value("2015-04-06"), "06.04.2015");
	expect_format("settlement", "status", text_value("decided_in_part"), "decided in part");
	expect_format("settlement", "status", text_value("no_letter"), "no letter received");
	expect_format("settlement", "status", text_value("waiting_for_housing"),
	              "waiting_for_housing");
	expect_format("contact", "municipality", text_value(hvaler_id), hvaler_id);
	expect_format("contact", "name", text_value("Lars Håkon Larsen"), "Lars Håkon Larsen");
	expect_format("contact", "note", (struct sam_value){0}, "");
	expect_format("grant", "positions", (struct sam_value){0}, "");
	expect_format("meeting", "starts_at", (struct sam_value){0}, "");
}

/* What is shown can be typed back: format then parse gives the value. */
static void test_format_parses_back(void **state)
{
	const struct {
		const char *ent, *fld;
		struct sam_value v;
	} cases[] = {
		{"grant", "positions", int_value(50)},
		{"grant", "positions", int_value(125)},
		{"grant", "amount_nok", int_value(1100000)},
		{"settlement", "decided", int_value(47)},
		{"meeting", "all_day", int_value(1)},
		{"meeting", "all_day", int_value(0)},
		{"meeting", "starts_at", text_value("2015-10-02T11:00:00Z")},
		{"meeting", "starts_at", text_value("2016-01-15T07:30:00Z")},
		{"settlement", "decision_date", text_value("2015-04-06")},
		{"settlement", "status", text_value("decided_in_part")},
		{"settlement", "status", text_value("positive")},
	};

	(void)state;
	for (size_t i = 0; i < SAM_ARRAY_LEN(cases); i++) {
		char *shown = sam_value_format(field(cases[i].ent, cases[i].fld), &cases[i].v);
		struct sam_value back = parse_ok(cases[i].ent, cases[i].fld, shown);
		if (!sam_value_equal(&back, &cases[i].v))
			fail_msg("%s.%s: '%s' did not parse back to the value it shows",
			         cases[i].ent, cases[i].fld, shown);
		sam_value_clear(&back);
		free(shown);
	}
}

/* ------------------------------------------------------------ basics */

/* Copies own their text; equality looks at kind and value. */
static void test_copy_and_equal(void **state)
{
	struct sam_value a = {0}, b = {0}, n = {0};

	(void)state;
	sam_value_set_text(&a, "Moss");
	sam_value_copy(&b, &a);
	assert_ptr_not_equal(a.s, b.s);
	assert_true(sam_value_equal(&a, &b));
	sam_value_set_int(&b, 0);
	assert_null(b.s);
	assert_false(sam_value_equal(&a, &b));
	assert_false(sam_value_equal(&b, &n));
	assert_true(sam_value_equal(&n, &n));
	sam_value_clear(&a);
	assert_int_equal(a.kind, SAM_V_NULL);
	assert_null(a.s);
	sam_value_clear(&b);
}

/* ------------------------------------------------------------ core bugs */

/* Core bug: a fraction with a large numerator must not overflow an int on the way
 * (undefined behaviour): "0 30000000/40000000" is 0.75 positions. */
static void test_positions_large_fraction(void **state)
{
	(void)state;
	expect_int("grant", "positions", "0 30000000/40000000", 75);
	/* Whole positions before a glyph: refused as out of range, without
	 * overflowing int64 on the way. */
	expect_error("grant", "positions", "999999999999999999½",
	             "'999999999999999999½' is out of range (field 'positions')");
}

/* Core bug: spaces and dots stand between groups of three digits only: "4.5"
 * people or "1.1" kroner must be refused, not read as 45 and 11. */
static void test_thousands_groups_are_three_digits(void **state)
{
	(void)state;
	expect_int("settlement", "decided", "12 345", 12345);
	expect_int("grant", "amount_nok", "100 000", 100000);
	expect_int("grant", "amount_nok", "1.100.000", 1100000);
	expect_error("settlement", "decided", "4.5",
	             "'4.5' is not a whole number (field 'decided')");
	expect_error("settlement", "decided", "1 00",
	             "'1 00' is not a whole number (field 'decided')");
	expect_error("settlement", "decided", "1 1 1",
	             "'1 1 1' is not a whole number (field 'decided')");
	expect_error("settlement", "decided", "1000 000",
	             "'1000 000' is not a whole number (field 'decided')");
	expect_error("grant", "amount_nok", "1.1",
	             "'1.1' is not an amount in kroner (field 'amount_nok')");
	expect_error("grant", "amount_nok", "2.5",
	             "'2.5' is not an amount in kroner (field 'amount_nok')");
}

/* ------------------------------------------------------------ setup */

static int open_db(void **state)
{
	struct sam_err err;
	struct sam_assign hvaler[] = {{"number", "0111"}, {"name", "Hvaler"}};
	struct sam_assign moss[] = {{"number", "0104"}, {"name", "Moss"}};

	(void)state;
	db = th_open_empty();
	if (sam_record_add(db, entity("municipality"), hvaler, 2, hvaler_id, &err) < 0 ||
	    sam_record_add(db, entity("municipality"), moss, 2, moss_id, &err) < 0) {
		fprintf(stderr, "cannot add the municipalities: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int close_db(void **state)
{
	(void)state;
	th_close(db);
	db = NULL;
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_year),
		cmocka_unit_test(test_nok),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_bool),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_datetime),
		cmocka_unit_test(test_enum),
		cmocka_unit_test(test_ref),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_muni_no),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_note),
		cmocka_unit_test(test_empty_clears),
		cmocka_unit_test(test_check_accepts_stored_forms),
		cmocka_unit_test(test_check_rejects),
		cmocka_unit_test(test_check_note_size),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_parses_back),
		cmocka_unit_test(test_copy_and_equal),
	};
	/* Core bugs, in a group of their own that needs no database, run
	 * last: under UBSan the overflow in core ends the program here. */
	const struct CMUnitTest core_bugs[] = {
		cmocka_unit_test(test_check_rejects_loose_dates),
		cmocka_unit_test(test_thousands_groups_are_three_digits),
		cmocka_unit_test(test_positions_large_fraction),
	};
	int failed;

	setlocale(LC_ALL, "C");
	failed = cmocka_run_group_tests(tests, open_db, close_db);
	failed += cmocka_run_group_tests(core_bugs, NULL, NULL);
	return failed;
}
