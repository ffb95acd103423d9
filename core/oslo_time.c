/* Calendar and Oslo clock arithmetic (see oslo_time.h). Everything is done
 * on int64_t so that no step depends on the C library's idea of time zones.
 * The date algorithms are the era-based ones described by Howard Hinnant:
 * counting from 0000-03-01 puts the leap day at the end of the year, so
 * a year's day count does not depend on which month comes first. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "core/oslo_time.h"

#define SECS_PER_DAY 86400
#define DAYS_PER_ERA 146097 /* 400 Gregorian years */
#define EPOCH_SHIFT 719468  /* days from 0000-03-01 to 1970-01-01 */
#define CET 3600
#define CEST 7200

/* Division that rounds toward minus infinity: instants before 1970 must
 * still fall on the right day. */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t floor_mod(int64_t a, int64_t b)
{
	return a - floor_div(a, b) * b;
}

static bool is_leap(int64_t y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int days_in_month(int64_t y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Year arithmetic is done in 64 bits so that INT_MIN/INT_MAX years do not
 * overflow on the way. Instants are meant to lie within the years an int
 * holds; nearer the ends of int64_t, adding an offset would overflow. */
static int64_t days_from_civil64(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = floor_div(y, 400);
	int64_t year_of_era = y - era * 400;                /* 0..399 */
	int64_t month_from_march = m > 2 ? m - 3 : m + 9;   /* 0..11 */
	int64_t day_of_year = (153 * month_from_march + 2) / 5 + d - 1;
	int64_t day_of_era = year_of_era * 365 + year_of_era / 4 -
			     year_of_era / 100 + day_of_year;
	return era * DAYS_PER_ERA + day_of_era - EPOCH_SHIFT;
}

static void civil_from_days64(int64_t days, int64_t *y, int *m, int *d)
{
	int64_t z = days + EPOCH_SHIFT;
	int64_t era = floor_div(z, DAYS_PER_ERA);
	int64_t day_of_era = z - era * DAYS_PER_ERA;         /* 0..146096 */
	int64_t year_of_era = (day_of_era - day_of_era / 1460 +
			       day_of_era / 36524 - day_of_era / 146096) / 365;
	int64_t day_of_year = day_of_era -
			      (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	int64_t month_from_march = (5 * day_of_year + 2) / 153;
	*d = (int)(day_of_year - (153 * month_from_march + 2) / 5 + 1);
	*m = (int)(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
	*y = year_of_era + era * 400 + (*m <= 2);
}

int64_t sam_days_from_civil(int y, int m, int d)
{
	return days_from_civil64(y, m, d);
}

void sam_civil_from_days(int64_t days, int *y, int *m, int *d)
{
	int64_t y64;
	civil_from_days64(days, &y64, m, d);
	*y = (int)y64;
}

bool sam_date_valid(int y, int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* 1970-01-01 was a Thursday. */
static int weekday_of_days(int64_t days)
{
	return (int)floor_mod(days + 3, 7) + 1;
}

int sam_weekday(int y, int m, int d)
{
	return weekday_of_days(days_from_civil64(y, m, d));
}

/* ISO 8601: a week belongs to the year that holds its Thursday. */
int sam_iso_week(int y, int m, int d, int *iso_year)
{
	int64_t days = days_from_civil64(y, m, d);
	int64_t thursday = days - weekday_of_days(days) + 4;
	int64_t ty;
	int tm, td;

	civil_from_days64(thursday, &ty, &tm, &td);
	if (iso_year)
		*iso_year = (int)ty;
	return (int)((thursday - days_from_civil64(ty, 1, 1)) / 7 + 1);
}

/* March and October both have 31 days, so the last Sunday is the 31st
 * stepped back to a Sunday. */
static int64_t last_sunday_0100_utc(int64_t y, int m)
{
	int64_t last = days_from_civil64(y, m, 31);
	last -= weekday_of_days(last) % 7;
	return last * SECS_PER_DAY + 3600;
}

/* The EU rule has applied in Norway since 1996; it is used for every year,
 * which is what a program about the present needs. */
int sam_oslo_offset(int64_t t)
{
	int64_t y;
	int m, d;

	civil_from_days64(floor_div(t, SECS_PER_DAY), &y, &m, &d);
	if (t >= last_sunday_0100_utc(y, 3) && t < last_sunday_0100_utc(y, 10))
		return CEST;
	return CET;
}

static int64_t civil_seconds(const struct sam_civil *c)
{
	return days_from_civil64(c->year, c->month, c->day) * SECS_PER_DAY +
	       (int64_t)c->hour * 3600 + (int64_t)c->minute * 60 + c->second;
}

/* Trying summer time first picks the first of two ambiguous instants. A wall
 * time in the spring gap is not summer time when read as such, and read as
 * winter time it lands an hour later on the wall, as wanted. */
int64_t sam_oslo_to_utc(const struct sam_civil *local)
{
	int64_t wall = civil_seconds(local);

	if (sam_oslo_offset(wall - CEST) == CEST)
		return wall - CEST;
	return wall - CET;
}

static void civil_from_seconds(int64_t s, struct sam_civil *c)
{
	int64_t days = floor_div(s, SECS_PER_DAY);
	int64_t secs = s - days * SECS_PER_DAY;
	int64_t y;

	civil_from_days64(days, &y, &c->month, &c->day);
	c->year = (int)y;
	c->hour = (int)(secs / 3600);
	c->minute = (int)(secs / 60 % 60);
	c->second = (int)(secs % 60);
}

void sam_utc_to_oslo(int64_t t, struct sam_civil *local)
{
	civil_from_seconds(t + sam_oslo_offset(t), local);
}

/* Years outside 0000–9999 do not fit the form; snprintf cuts them short
 * rather than overrun out. */
void sam_iso_utc_format(int64_t t, char out[21])
{
	struct sam_civil c;

	civil_from_seconds(t, &c);
	snprintf(out, 21, "%04d-%02d-%02dT%02d:%02d:%02dZ",
		 c.year, c.month, c.day, c.hour, c.minute, c.second);
}

void sam_date_format(int y, int m, int d, char out[11])
{
	/* By hand for the years there are: the calendar formats 100,000 of
	 * these when it opens, and snprintf was most of that. */
	if (y < 0 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) {
		snprintf(out, 11, "%02d.%02d.%04d", d, m, y);
		return;
	}
	const char s[11] = {(char)('0' + d / 10), (char)('0' + d % 10), '.',
	                    (char)('0' + m / 10), (char)('0' + m % 10), '.',
	                    (char)('0' + y / 1000), (char)('0' + y / 100 % 10),
	                    (char)('0' + y / 10 % 10), (char)('0' + y % 10), '\0'};
	memcpy(out, s, sizeof(s));
}

/* ---------------------------------------------------------------- parsing */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads between min and max digits at *s into *value and advances *s. */
static bool take_digits(const char **s, int min, int max, int *value)
{
	int n = 0, v = 0;

	while (n < max && is_digit((*s)[n])) {
		v = v * 10 + ((*s)[n] - '0');
		n++;
	}
	if (n < min || is_digit((*s)[n]))
		return false;
	*s += n;
	*value = v;
	return true;
}

static bool take_char(const char **s, char c)
{
	if (**s != c)
		return false;
	(*s)++;
	return true;
}

bool sam_iso_utc_parse(const char *s, int64_t *t)
{
	struct sam_civil c;

	if (!s)
		return false;
	if (!take_digits(&s, 4, 4, &c.year) || !take_char(&s, '-') ||
	    !take_digits(&s, 2, 2, &c.month) || !take_char(&s, '-') ||
	    !take_digits(&s, 2, 2, &c.day) || !take_char(&s, 'T') ||
	    !take_digits(&s, 2, 2, &c.hour) || !take_char(&s, ':') ||
	    !take_digits(&s, 2, 2, &c.minute) || !take_char(&s, ':') ||
	    !take_digits(&s, 2, 2, &c.second) || !take_char(&s, 'Z') || *s)
		return false;
	if (!sam_date_valid(c.year, c.month, c.day) || c.hour > 23 ||
	    c.minute > 59 || c.second > 59)
		return false;
	*t = civil_seconds(&c);
	return true;
}

/* yyyy-mm-dd, all digits present. */
static bool parse_iso_date(const char *s, int *y, int *m, int *d)
{
	return take_digits(&s, 4, 4, y) && take_char(&s, '-') &&
	       take_digits(&s, 2, 2, m) && take_char(&s, '-') &&
	       take_digits(&s, 2, 2, d) && !*s;
}

/* d.m.yyyy or d.m.yy, day and month of one or two digits; a two-digit year
 * is in this century, which is all a settlement plan is ever about. */
static bool parse_nb_date(const char *s, int *y, int *m, int *d)
{
	const char *year_start;

	if (!take_digits(&s, 1, 2, d) || !take_char(&s, '.') ||
	    !take_digits(&s, 1, 2, m) || !take_char(&s, '.'))
		return false;
	year_start = s;
	if (!take_digits(&s, 2, 4, y) || *s)
		return false;
	switch (s - year_start) {
	case 2:
		*y += 2000;
		return true;
	case 4:
		return true;
	default:
		return false;
	}
}

bool sam_date_parse(const char *s, int *y, int *m, int *d)
{
	int year, month, day;

	if (!s)
		return false;
	if (!parse_nb_date(s, &year, &month, &day) &&
	    !parse_iso_date(s, &year, &month, &day))
		return false;
	if (!sam_date_valid(year, month, day))
		return false;
	*y = year;
	*m = month;
	*d = day;
	return true;
}

/* h:mm, hh:mm, h.mm, hh.mm or hhmm. */
bool sam_hhmm_parse(const char *s, int *h, int *min)
{
	int hour, minute;

	if (!s)
		return false;
	if (take_digits(&s, 4, 4, &hour)) {
		minute = hour % 100;
		hour /= 100;
	} else if (!take_digits(&s, 1, 2, &hour) ||
		   !(take_char(&s, ':') || take_char(&s, '.')) ||
		   !take_digits(&s, 2, 2, &minute)) {
		return false;
	}
	if (*s || hour > 23 || minute > 59)
		return false;
	*h = hour;
	*min = minute;
	return true;
}
