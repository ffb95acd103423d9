/* Meetings with their instants, and a meeting's attendees. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/collate.h"
#include "core/common.h"
#include "core/oslo_time.h"

/* The meetings that have a start; HOW: how SQLite is to read them. */
#define MEETINGS_SELECT_(HOW) \
	"SELECT mt.id, mt.starts_at, mt.ends_at, mt.all_day, mt.title, mt.kind, mt.place,\n" \
	"  m.name, mt.note, mt.municipality\n" \
	"FROM meeting mt " HOW "\n" \
	"LEFT JOIN municipality m ON m.id = mt.municipality AND m.deleted = 0\n" \
	"WHERE mt.deleted = 0 AND mt.starts_at IS NOT NULL\n"
#define MEETINGS_SELECT MEETINGS_SELECT_("")
#define MEETINGS_ORDER "ORDER BY mt.starts_at, mt.title COLLATE NB, mt.id"

/* The whole calendar is read in the table's order and sorted here in the
 * same order as MEETINGS_ORDER: walking the index on the start, SQLite
 * looked up each meeting's row apart, some 9,000 instructions a meeting,
 * where a scan reads each page once. Titles are read as "" when absent,
 * which sorts first as NULL does. */
static const char sql_meetings[] = MEETINGS_SELECT_("NOT INDEXED");

/* The longest a meeting lasts, in seconds: the last entry of the index
 * meeting_span, whose expression this is. Deleted meetings count too;
 * they only make the bound looser. */
static const char sql_longest[] =
	"SELECT max(unixepoch(COALESCE(ends_at, starts_at)) - unixepoch(starts_at)) FROM meeting";

/* The meetings not over at ?1 that start at ?2 or later, by start: the
 * instants are stored in one fixed form, so comparing their text compares
 * the times. ?2 is ?1 less the longest meeting, so no meeting still going
 * on is missed, and SQLite walks the index by start from there and stops
 * at the limit ?3 (−1: none). The end is compared with a unary + so that
 * SQLite does not walk the meetings by end instead, which would read every
 * meeting to come before it could sort them by start. */
#define UPCOMING_WHERE \
	"  AND mt.starts_at >= ?2 AND +COALESCE(mt.ends_at, mt.starts_at) >= ?1\n" \
	"  AND (?4 = 0 OR mt.kind IS NOT 'deadline')\n"
static const char sql_upcoming[] =
	MEETINGS_SELECT UPCOMING_WHERE MEETINGS_ORDER " LIMIT ?3";
static const char sql_upcoming_of[] =
	MEETINGS_SELECT UPCOMING_WHERE "  AND mt.municipality = ?5\n" MEETINGS_ORDER " LIMIT ?3";

static const char sql_attendees[] =
	"SELECT c.name, c.position, COALESCE(m.name, o.short_name, o.name)\n"
	"FROM attendee a JOIN contact c ON c.id = a.contact AND c.deleted = 0\n"
	"LEFT JOIN municipality m ON m.id = c.municipality AND m.deleted = 0\n"
	"LEFT JOIN organisation o ON o.id = c.organisation AND o.deleted = 0\n"
	"WHERE a.meeting = ?1 AND a.deleted = 0\n"
	"ORDER BY COALESCE(NULLIF(c.name, ''), c.position) COLLATE NB, c.id";

static char *text_or_empty(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return xstrdup(s ? s : "");
}

static int64_t instant(sqlite3_stmt *st, int col, int64_t dflt)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	int64_t t;
	return s && sam_iso_utc_parse(s, &t) ? t : dflt;
}

/* An id as selected (NULL: ""); snprintf was a tenth of reading the
 * whole calendar. */
static void copy_id(char out[SAM_ID_BUF], const unsigned char *id)
{
	size_t n = id ? strnlen((const char *)id, SAM_ID_LEN) : 0;
	memcpy(out, id ? (const char *)id : "", n);
	out[n] = '\0';
}

/* Reads the meetings st selects (sql_meetings' columns) that end at
 * `from` or later; INT64_MIN for all. */
static int read_meetings(struct sam_db *db, sqlite3_stmt *st, int64_t from,
                         struct sam_calendar *out, struct sam_err *err)
{
	memset(out, 0, sizeof(*out));
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t starts = instant(st, 1, INT64_MIN);
		if (starts == INT64_MIN)
			continue; /* not a stored instant: nothing to place it by */
		int64_t ends = instant(st, 2, starts);
		if (ends < from)
			continue;
		if (out->n == cap) {
			cap = cap ? cap * 2 : 32;
			out->m = xrealloc(out->m, (size_t)cap * sizeof(*out->m));
		}
		struct sam_meeting *m = &out->m[out->n++];
		copy_id(m->id, sqlite3_column_text(st, 0));
		m->starts = starts;
		m->ends = ends;
		m->all_day = sqlite3_column_int(st, 3) != 0;
		m->title = text_or_empty(st, 4);
		m->kind = text_or_empty(st, 5);
		m->place = text_or_empty(st, 6);
		m->municipality = text_or_empty(st, 7);
		m->note = text_or_empty(st, 8);
		copy_id(m->municipality_id, sqlite3_column_text(st, 9));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		sam_calendar_free(out);
		return sam_db_fail(db, err);
	}
	return 0;
}

static int by_start(const void *a, const void *b)
{
	const struct sam_meeting *x = a, *y = b;
	if (x->starts != y->starts)
		return x->starts < y->starts ? -1 : 1;
	int c = sam_collate_nb(x->title, (int)strlen(x->title), y->title, (int)strlen(y->title));
	return c ? c : strcmp(x->id, y->id);
}

int sam_calendar_load(struct sam_db *db, struct sam_calendar *out, struct sam_err *err)
{
	if (read_meetings(db, sam_db_stmt(db, sql_meetings), INT64_MIN, out, err) < 0)
		return -1;
	if (out->n > 1)
		qsort(out->m, (size_t)out->n, sizeof(*out->m), by_start);
	return 0;
}

/* The earliest start a meeting not over at now can have. */
static int earliest_start(struct sam_db *db, int64_t now, int64_t *from, struct sam_err *err)
{
	sqlite3_stmt *st = sam_db_stmt(db, sql_longest);
	int rc = sqlite3_step(st);
	int64_t longest = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return sam_db_fail(db, err);
	*from = longest > 0 ? now - longest : now;
	return 0;
}

int sam_calendar_load_upcoming(struct sam_db *db, int64_t now, const struct sam_upcoming *which,
                               struct sam_calendar *out, struct sam_err *err)
{
	int64_t from = now;
	if (earliest_start(db, now, &from, err) < 0)
		return -1;
	char now_iso[21], from_iso[21];
	sam_iso_utc_format(now, now_iso);
	sam_iso_utc_format(from, from_iso);
	sqlite3_stmt *st = sam_db_stmt(db, which->municipality ? sql_upcoming_of : sql_upcoming);
	sqlite3_bind_text(st, 1, now_iso, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, from_iso, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, which->limit > 0 ? which->limit : -1);
	sqlite3_bind_int(st, 4, which->no_deadlines);
	if (which->municipality)
		sqlite3_bind_text(st, 5, which->municipality, -1, SQLITE_TRANSIENT);
	int rc = read_meetings(db, st, now, out, err);
	sqlite3_clear_bindings(st);
	return rc;
}

void sam_calendar_free(struct sam_calendar *c)
{
	for (int i = 0; i < c->n; i++) {
		free(c->m[i].title);
		free(c->m[i].kind);
		free(c->m[i].place);
		free(c->m[i].municipality);
		free(c->m[i].note);
	}
	free(c->m);
	memset(c, 0, sizeof(*c));
}

int sam_meeting_attendees(struct sam_db *db, const char *meeting_id, char ***names, int *n,
                          struct sam_err *err)
{
	*names = NULL;
	*n = 0;
	sqlite3_stmt *st = sam_db_stmt(db, sql_attendees);
	sqlite3_bind_text(st, 1, meeting_id, -1, SQLITE_TRANSIENT);
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *position = (const char *)sqlite3_column_text(st, 1);
		const char *where = (const char *)sqlite3_column_text(st, 2);
		const char *who = name && *name ? name : position ? position : "";
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*names = xrealloc(*names, (size_t)cap * sizeof(**names));
		}
		(*names)[(*n)++] = where && *where ? xasprintf("%s (%s)", who, where) : xstrdup(who);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		sam_strings_free(*names, *n);
		*names = NULL;
		*n = 0;
		return sam_db_fail(db, err);
	}
	return 0;
}

void sam_strings_free(char **s, int n)
{
	for (int i = 0; i < n; i++)
		free(s[i]);
	free(s);
}
