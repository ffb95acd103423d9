/* Calendar arithmetic, the Oslo clock and what a person types as a date or
 * a time. The expected instants were worked out independently of this code
 * (Python's datetime and the tz database's Europe/Oslo). */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/oslo_time.h"

/* The UTC instant of an ISO string the test trusts to be well-formed. */
static int64_t utc(const char *iso)
{
	int64_t t = -1;

	assert_true(sam_iso_utc_parse(iso, &t));
	return t;
}

static void assert_utc(int64_t t, const char *iso)
{
	char buf[21];

	sam_iso_utc_format(t, buf);
	assert_string_equal(buf, iso);
}

static void assert_oslo_to_utc(int y, int mo, int d, int h, int mi,
			       const char *iso)
{
	struct sam_civil c = {y, mo, d, h, mi, 0};

	assert_utc(sam_oslo_to_utc(&c), iso);
}

static void assert_utc_to_oslo(const char *iso, int y, int mo, int d, int h,
			       int mi, int s)
{
	struct sam_civil c;

	sam_utc_to_oslo(utc(iso), &c);
	assert_int_equal(c.year, y);
	assert_int_equal(c.month, mo);
	assert_int_equal(c.day, d);
	assert_int_equal(c.hour, h);
	assert_int_equal(c.minute, mi);
	assert_int_equal(c.second, s);
}

/* ------------------------------------------------------------ calendar */

static void test_days_anchors(void **state)
{
	(void)state;
	assert_int_equal(sam_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(sam_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(sam_days_from_civil(1900, 1, 1), -25567);
	assert_int_equal(sam_days_from_civil(1600, 2, 29), -135081);
	assert_int_equal(sam_days_from_civil(1, 1, 1), -719162);
	assert_int_equal(sam_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(sam_days_from_civil(2015, 10, 2), 16710);
	assert_int_equal(sam_days_from_civil(2200, 12, 31), 84370);
}

/* Every day from 1900 to 2200: the day count goes up by one from each date
 * to the next, and converting back gives the date. */
static void test_days_round_trip(void **state)
{
	int y = 1900, m = 1, d = 1;
	int64_t expected = sam_days_from_civil(1900, 1, 1);

	(void)state;
	while (y <= 2200) {
		int by, bm, bd;

		assert_true(sam_date_valid(y, m, d));
		assert_int_equal(sam_days_from_civil(y, m, d), expected);
		sam_civil_from_days(expected, &by, &bm, &bd);
		assert_int_equal(by, y);
		assert_int_equal(bm, m);
		assert_int_equal(bd, d);
		expected++;
		if (sam_date_valid(y, m, d + 1)) {
			d++;
		} else if (m < 12) {
			m++;
			d = 1;
		} else {
			y++;
			m = 1;
			d = 1;
		}
	}
	assert_int_equal(expected, sam_days_from_civil(2201, 1, 1));
	assert_int_equal(expected - sam_days_from_civil(1900, 1, 1),
			 301 * 365 + 73); /* 1900, 2100, 2200 are not leap */
}

static void test_date_valid(void **state)
{
	(void)state;
	assert_true(sam_date_valid(2016, 2, 29));
	assert_true(sam_date_valid(2000, 2, 29));
	assert_false(sam_date_valid(1900, 2, 29));
	assert_false(sam_date_valid(2015, 2, 29));
	assert_false(sam_date_valid(2016, 2, 30));
	assert_true(sam_date_valid(2015, 12, 31));
	assert_false(sam_date_valid(2015, 4, 31));
	assert_false(sam_date_valid(2015, 0, 1));
	assert_false(sam_date_valid(2015, 13, 1));
	assert_false(sam_date_valid(2015, 1, 0));
	assert_false(sam_date_valid(2015, 1, 32));
	assert_false(sam_date_valid(2015, -1, 1));
}

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(sam_weekday(2015, 10, 2), 5);  /* Friday */
	assert_int_equal(sam_weekday(1970, 1, 1), 4);   /* Thursday */
	assert_int_equal(sam_weekday(1969, 12, 28), 7); /* Sunday */
	assert_int_equal(sam_weekday(1900, 1, 1), 1);   /* Monday */
	assert_int_equal(sam_weekday(2000, 1, 1), 6);   /* Saturday */
	assert_int_equal(sam_weekday(2026, 3, 29), 7);
	assert_int_equal(sam_weekday(2018, 12, 31), 1);
}

static const struct {
	int y, m, d, week, iso_year;
} iso_weeks[] = {
	{2015, 12, 31, 53, 2015},
	{2016, 1, 3, 53, 2015},
	{2016, 1, 4, 1, 2016},
	{2026, 1, 1, 1, 2026},
	{2018, 12, 31, 1, 2019},
	{2015, 10, 2, 40, 2015},
	{2015, 1, 1, 1, 2015},
	{2020, 12, 31, 53, 2020},
	{2021, 1, 3, 53, 2020},
	{2021, 1, 4, 1, 2021},
	{2008, 12, 29, 1, 2009},
	{2010, 1, 3, 53, 2009},
};

static void test_iso_week(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(iso_weeks) / sizeof(iso_weeks[0]); i++) {
		int iso_year = 0;
		int week = sam_iso_week(iso_weeks[i].y, iso_weeks[i].m,
					iso_weeks[i].d, &iso_year);
		assert_int_equal(week, iso_weeks[i].week);
		assert_int_equal(iso_year, iso_weeks[i].iso_year);
	}
	assert_int_equal(sam_iso_week(2015, 12, 31, NULL), 53);
}

/* ------------------------------------------------------------ Oslo clock */

static void test_oslo_ordinary_days(void **state)
{
	(void)state;
	assert_oslo_to_utc(2015, 10, 2, 13, 0, "2015-10-02T11:00:00Z");
	assert_oslo_to_utc(2015, 1, 15, 12, 0, "2015-01-15T11:00:00Z");
	assert_oslo_to_utc(2016, 1, 1, 0, 30, "2015-12-31T23:30:00Z");
	assert_utc_to_oslo("2015-10-02T11:00:00Z", 2015, 10, 2, 13, 0, 0);
	assert_utc_to_oslo("2015-01-15T11:00:00Z", 2015, 1, 15, 12, 0, 0);
	assert_utc_to_oslo("2015-12-31T23:30:00Z", 2016, 1, 1, 0, 30, 0);
	assert_int_equal(sam_oslo_offset(utc("2015-07-01T12:00:00Z")), 7200);
	assert_int_equal(sam_oslo_offset(utc("2015-12-01T12:00:00Z")), 3600);
}

static const struct {
	const char *iso;
	int64_t t;
} dst_switches[] = {
	{"2015-03-29T01:00:00Z", 1427590800}, {"2015-10-25T01:00:00Z", 1445734800},
	{"2016-03-27T01:00:00Z", 1459040400}, {"2016-10-30T01:00:00Z", 1477789200},
	{"2024-03-31T01:00:00Z", 1711846800}, {"2024-10-27T01:00:00Z", 1729990800},
	{"2026-03-29T01:00:00Z", 1774746000}, {"2026-10-25T01:00:00Z", 1792890000},
};

/* Even entries start summer time, odd ones end it. */
static void test_dst_switch_instants(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(dst_switches) / sizeof(dst_switches[0]); i++) {
		int64_t t = dst_switches[i].t;
		int before = i % 2 == 0 ? 3600 : 7200;
		int after = i % 2 == 0 ? 7200 : 3600;

		assert_int_equal(utc(dst_switches[i].iso), t);
		assert_int_equal(sam_oslo_offset(t - 1), before);
		assert_int_equal(sam_oslo_offset(t), after);
		assert_int_equal(sam_oslo_offset(t + 1), after);
	}
}

static void test_dst_2026_wall_clock(void **state)
{
	(void)state;
	/* Spring: 02:00 CET becomes 03:00 CEST. */
	assert_utc_to_oslo("2026-03-29T00:59:59Z", 2026, 3, 29, 1, 59, 59);
	assert_utc_to_oslo("2026-03-29T01:00:00Z", 2026, 3, 29, 3, 0, 0);
	assert_oslo_to_utc(2026, 3, 29, 1, 59, "2026-03-29T00:59:00Z");
	assert_oslo_to_utc(2026, 3, 29, 3, 0, "2026-03-29T01:00:00Z");
	/* Autumn: 03:00 CEST becomes 02:00 CET. */
	assert_utc_to_oslo("2026-10-25T00:59:59Z", 2026, 10, 25, 2, 59, 59);
	assert_utc_to_oslo("2026-10-25T01:00:00Z", 2026, 10, 25, 2, 0, 0);
	assert_oslo_to_utc(2026, 10, 25, 1, 59, "2026-10-24T23:59:00Z");
	assert_oslo_to_utc(2026, 10, 25, 3, 0, "2026-10-25T02:00:00Z");
	/* The same in 2015. */
	assert_utc_to_oslo("2015-03-29T01:00:00Z", 2015, 3, 29, 3, 0, 0);
	assert_utc_to_oslo("2015-10-25T01:00:00Z", 2015, 10, 25, 2, 0, 0);
}

static void test_spring_gap(void **state)
{
	(void)state;
	/* 02:30 does not exist; it is read as 03:30 CEST. */
	assert_oslo_to_utc(2026, 3, 29, 2, 30, "2026-03-29T01:30:00Z");
	assert_oslo_to_utc(2026, 3, 29, 2, 0, "2026-03-29T01:00:00Z");
	assert_oslo_to_utc(2015, 3, 29, 2, 30, "2015-03-29T01:30:00Z");
	assert_utc_to_oslo("2026-03-29T01:30:00Z", 2026, 3, 29, 3, 30, 0);
}

static void test_autumn_ambiguous_hour(void **state)
{
	(void)state;
	/* 02:30 happens twice; the first (CEST) is taken. */
	assert_oslo_to_utc(2026, 10, 25, 2, 30, "2026-10-25T00:30:00Z");
	assert_oslo_to_utc(2026, 10, 25, 2, 0, "2026-10-25T00:00:00Z");
	assert_oslo_to_utc(2015, 10, 25, 2, 30, "2015-10-25T00:30:00Z");
	assert_utc_to_oslo("2026-10-25T00:30:00Z", 2026, 10, 25, 2, 30, 0);
	assert_utc_to_oslo("2026-10-25T01:30:00Z", 2026, 10, 25, 2, 30, 0);
}

/* Every quarter hour from 2014 to 2027 goes to Oslo and back unchanged,
 * except the second pass through the autumn hour, which comes back as
 * the first. */
static void test_oslo_round_trip(void **state)
{
	int64_t from = utc("2014-01-01T00:00:00Z"), to = utc("2028-01-01T00:00:00Z");
	int second_passes = 0;

	(void)state;
	for (int64_t t = from; t < to; t += 900) {
		struct sam_civil c;
		int64_t back;

		sam_utc_to_oslo(t, &c);
		back = sam_oslo_to_utc(&c);
		if (back != t) {
			assert_int_equal(back, t - 3600);
			assert_int_equal(sam_oslo_offset(t), 3600);
			assert_int_equal(sam_oslo_offset(back), 7200);
			second_passes++;
		}
	}
	assert_int_equal(second_passes, 14 * 4);
}

/* ------------------------------------------------------------ ISO UTC */

static void test_iso_format(void **state)
{
	(void)state;
	assert_utc(0, "1970-01-01T00:00:00Z");
	assert_utc(-1, "1969-12-31T23:59:59Z");
	assert_utc(1443783600, "2015-10-02T11:00:00Z");
	assert_utc(951782400, "2000-02-29T00:00:00Z");
	assert_utc(253402300799, "9999-12-31T23:59:59Z");
}

static void test_iso_parse(void **state)
{
	static const char *const rejected[] = {
		"", "2015-10-02T11:00:00", "2015-10-02T11:00:00z",
		"2015-10-02 11:00:00Z", "2015-10-02T11:00:00Zx",
		"2015-10-02T11:00:00.000Z", "2015-10-02T11:00Z",
		"2015-02-29T11:00:00Z", "2015-10-32T11:00:00Z",
		"2015-13-02T11:00:00Z", "2015-10-02T24:00:00Z",
		"2015-10-02T11:60:00Z", "2015-10-02T11:00:60Z",
		"+2015-10-02T11:00:00Z", " 2015-10-02T11:00:00Z",
		"2015-1-02T11:00:00Z", "15-10-02T11:00:00Z", "20151002T110000Z",
		"2015-10-02T11:00:00+00:00", "2015-10-02t11:00:00Z",
	};
	int64_t t = 42;

	(void)state;
	assert_true(sam_iso_utc_parse("2015-10-02T11:00:00Z", &t));
	assert_int_equal(t, 1443783600);
	assert_true(sam_iso_utc_parse("1969-12-31T23:59:59Z", &t));
	assert_int_equal(t, -1);
	assert_true(sam_iso_utc_parse("2016-02-29T23:59:59Z", &t));
	assert_int_equal(t, 1456790399);
	for (size_t i = 0; i < sizeof(rejected) / sizeof(rejected[0]); i++) {
		t = 42;
		if (sam_iso_utc_parse(rejected[i], &t))
			fail_msg("accepted \"%s\"", rejected[i]);
		assert_int_equal(t, 42);
	}
	assert_false(sam_iso_utc_parse(NULL, &t));
}

/* ------------------------------------------------------------ typed input */

static const struct {
	const char *text;
	int y, m, d;
} dates_accepted[] = {
	{"02.10.2015", 2015, 10, 2},
	{"2.10.2015", 2015, 10, 2},
	{"2.1.2015", 2015, 1, 2},
	{"02.1.2015", 2015, 1, 2},
	{"02.10.15", 2015, 10, 2},
	{"2.10.15", 2015, 10, 2},
	{"31.12.99", 2099, 12, 31},
	{"01.01.00", 2000, 1, 1},
	{"2015-10-02", 2015, 10, 2},
	{"29.02.2016", 2016, 2, 29},
	{"29.02.2000", 2000, 2, 29},
	{"2016-02-29", 2016, 2, 29},
	{"31.12.1899", 1899, 12, 31},
};

static const char *const dates_rejected[] = {
	"", "31.02.2016", "29.02.2015", "29.02.1900", "2015-02-29",
	"00.10.2015", "02.00.2015", "32.01.2015", "02.13.2015",
	"02.10.2015x", " 02.10.2015", "02.10.2015 ", "02.10.2015.",
	"02.10.201", "02.10.20155", "02.10.5", "002.10.2015", "02.010.2015",
	"02/10/2015", "02-10-2015", "02,10,2015", "02.10", "02.10.",
	".10.2015", "02..2015", "2.10..2015", "+2.10.2015", "-2.10.2015",
	"a2.10.2015", "2015-10-2", "2015-1-02", "15-10-02", "2015-10-02T",
	"20151002", "2015.10.02", "2015-13-01", "2015-00-10", "2015-10-00",
	"2015-10-32", "i dag", "02.10.2015\n",
};

static void test_date_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(dates_accepted) / sizeof(dates_accepted[0]); i++) {
		int y = 0, m = 0, d = 0;

		if (!sam_date_parse(dates_accepted[i].text, &y, &m, &d))
			fail_msg("rejected \"%s\"", dates_accepted[i].text);
		assert_int_equal(y, dates_accepted[i].y);
		assert_int_equal(m, dates_accepted[i].m);
		assert_int_equal(d, dates_accepted[i].d);
	}
	for (size_t i = 0; i < sizeof(dates_rejected) / sizeof(dates_rejected[0]); i++) {
		int y = -7, m = -7, d = -7;

		if (sam_date_parse(dates_rejected[i], &y, &m, &d))
			fail_msg("accepted \"%s\"", dates_rejected[i]);
		assert_int_equal(y, -7); /* untouched on failure */
		assert_int_equal(m, -7);
		assert_int_equal(d, -7);
	}
}

static void test_date_parse_null(void **state)
{
	int y, m, d;

	(void)state;
	assert_false(sam_date_parse(NULL, &y, &m, &d));
}

static const struct {
	const char *text;
	int h, m;
} times_accepted[] = {
	{"13:00", 13, 0}, {"09:05", 9, 5}, {"9:05", 9, 5}, {"09.05", 9, 5},
	{"9.05", 9, 5}, {"0905", 9, 5}, {"00:00", 0, 0}, {"0:00", 0, 0},
	{"0000", 0, 0}, {"23:59", 23, 59}, {"2359", 23, 59}, {"23.59", 23, 59},
};

static const char *const times_rejected[] = {
	"", "24:00", "2400", "24.00", "12:60", "1260", "1:5", "12:5", "12.5",
	"123", "12345", "9", "12", "12:00x", "12:00 ", " 12:00", "12-00",
	":30", "12:", "12.", "-1:00", "12:000", "123:00", "1.2.3", "12:30:00",
	"ab:cd", "12h30", "12,30", "12:3a",
};

static void test_hhmm_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(times_accepted) / sizeof(times_accepted[0]); i++) {
		int h = -1, m = -1;

		if (!sam_hhmm_parse(times_accepted[i].text, &h, &m))
			fail_msg("rejected \"%s\"", times_accepted[i].text);
		assert_int_equal(h, times_accepted[i].h);
		assert_int_equal(m, times_accepted[i].m);
	}
	for (size_t i = 0; i < sizeof(times_rejected) / sizeof(times_rejected[0]); i++) {
		int h = -7, m = -7;

		if (sam_hhmm_parse(times_rejected[i], &h, &m))
			fail_msg("accepted \"%s\"", times_rejected[i]);
		assert_int_equal(h, -7);
		assert_int_equal(m, -7);
	}
	assert_false(sam_hhmm_parse(NULL, NULL, NULL));
}

static void test_date_format(void **state)
{
	char buf[11];

	(void)state;
	sam_date_format(2015, 10, 2, buf);
	assert_string_equal(buf, "02.10.2015");
	sam_date_format(2026, 12, 31, buf);
	assert_string_equal(buf, "31.12.2026");
	sam_date_format(999, 1, 5, buf);
	assert_string_equal(buf, "05.01.0999");
}

/* What sam_date_format writes, sam_date_parse reads back. */
static void test_date_format_parse_round_trip(void **state)
{
	(void)state;
	for (int64_t days = sam_days_from_civil(2000, 1, 1);
	     days <= sam_days_from_civil(2030, 12, 31); days++) {
		int y, m, d, py, pm, pd;
		char buf[11];

		sam_civil_from_days(days, &y, &m, &d);
		sam_date_format(y, m, d, buf);
		assert_true(sam_date_parse(buf, &py, &pm, &pd));
		assert_int_equal(py, y);
		assert_int_equal(pm, m);
		assert_int_equal(pd, d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days_anchors),
		cmocka_unit_test(test_days_round_trip),
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_iso_week),
		cmocka_unit_test(test_oslo_ordinary_days),
		cmocka_unit_test(test_dst_switch_instants),
		cmocka_unit_test(test_dst_2026_wall_clock),
		cmocka_unit_test(test_spring_gap),
		cmocka_unit_test(test_autumn_ambiguous_hour),
		cmocka_unit_test(test_oslo_round_trip),
		cmocka_unit_test(test_iso_format),
		cmocka_unit_test(test_iso_parse),
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_date_parse_null),
		cmocka_unit_test(test_hhmm_parse),
		cmocka_unit_test(test_date_format),
		cmocka_unit_test(test_date_format_parse_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
