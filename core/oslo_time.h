/* Times are stored as UTC and shown and entered in Europe/Oslo time. The
 * Oslo rule (CET, CEST from the last Sunday of March to the last Sunday of
 * October, changing at 01:00 UTC; in force since 1996) is computed here, so
 * the program does not depend on the machine's TZ setting or on tzdata. */
#ifndef SAMORDNE_OSLO_TIME_H
#define SAMORDNE_OSLO_TIME_H

#include <stdbool.h>
#include <stdint.h>

struct sam_civil {
	int year, month, day;    /* month 1–12, day 1–31 */
	int hour, minute, second;
};

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t sam_days_from_civil(int y, int m, int d);
void sam_civil_from_days(int64_t days, int *y, int *m, int *d);
bool sam_date_valid(int y, int m, int d);
int sam_weekday(int y, int m, int d); /* 1 = Monday … 7 = Sunday */
int sam_iso_week(int y, int m, int d, int *iso_year);

/* Seconds east of UTC in Oslo at the UTC instant t (3600 or 7200). */
int sam_oslo_offset(int64_t t);
/* UTC instant of a wall-clock time in Oslo. A time that does not exist (the
 * spring gap) is taken as the same wall time an hour later; an ambiguous one
 * (the autumn hour) as the first. */
int64_t sam_oslo_to_utc(const struct sam_civil *local);
void sam_utc_to_oslo(int64_t t, struct sam_civil *local);

/* "2015-10-02T11:00:00Z" ⇄ seconds. Parsing accepts exactly that form. */
void sam_iso_utc_format(int64_t t, char out[21]);
bool sam_iso_utc_parse(const char *s, int64_t *t);

/* What a person types: dates as dd.mm.yyyy (also d.m.yyyy, dd.mm.yy and
 * yyyy-mm-dd); times as hh:mm (also hh.mm and hhmm). */
bool sam_date_parse(const char *s, int *y, int *m, int *d);
bool sam_hhmm_parse(const char *s, int *h, int *min);
/* "02.10.2015" */
void sam_date_format(int y, int m, int d, char out[11]);

#endif
