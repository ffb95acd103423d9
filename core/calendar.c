/* Meetings with their instants, and a meeting's attendees. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/common.h"
#include "core/oslo_time.h"

/* Every meeting that has a start, by start. */
#define MEETINGS_SELECT \
	"SELECT mt.id, mt.starts_at, mt.ends_at, mt.all_day, mt.title, mt.kind, mt.place,\n" \
	"  m.name, mt.note\n" \
	"FROM meeting mt\n" \
	"LEFT JOIN municipality m ON m.id = mt.municipality AND m.deleted = 0\n" \
	"WHERE mt.deleted = 0 AND mt.starts_at IS NOT NULL\n"
#define MEETINGS_ORDER "ORDER BY mt.starts_at, mt.title COLLATE NB, mt.id"

static const char sql_meetings[] = MEETINGS_SELECT MEETINGS_ORDER;

/* The same, for meetings not over at ?1. The instants are stored in one
 * fixed form, so comparing their text compares the times, and the
 * expression is the one the index meeting_until holds: SQLite reads only
 * the meetings to come, never the years of past ones. */
static const char sql_upcoming[] =
	MEETINGS_SELECT "  AND COALESCE(mt.ends_at, mt.starts_at) >= ?1\n" MEETINGS_ORDER;

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
		snprintf(m->id, sizeof(m->id), "%s", (const char *)sqlite3_column_text(st, 0));
		m->starts = starts;
		m->ends = ends;
		m->all_day = sqlite3_column_int(st, 3) != 0;
		m->title = text_or_empty(st, 4);
		m->kind = text_or_empty(st, 5);
		m->place = text_or_empty(st, 6);
		m->municipality = text_or_empty(st, 7);
		m->note = text_or_empty(st, 8);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		sam_calendar_free(out);
		return sam_db_fail(db, err);
	}
	return 0;
}

int sam_calendar_load(struct sam_db *db, struct sam_calendar *out, struct sam_err *err)
{
	return read_meetings(db, sam_db_stmt(db, sql_meetings), INT64_MIN, out, err);
}

int sam_calendar_load_upcoming(struct sam_db *db, int64_t now, struct sam_calendar *out,
                               struct sam_err *err)
{
	char iso[21];
	sam_iso_utc_format(now, iso);
	sqlite3_stmt *st = sam_db_stmt(db, sql_upcoming);
	sqlite3_bind_text(st, 1, iso, -1, SQLITE_TRANSIENT);
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
