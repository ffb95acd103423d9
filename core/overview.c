/* The overview's figures in one query, summed in C so a municipality
 * without figures still gets its (empty) row. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/common.h"
#include "core/oslo_time.h"
#include "core/overview.h"

static const char sql_overview[] =
	"SELECT m.id, m.name, s.requested, s.decided, s.settled\n"
	"FROM municipality m\n"
	"LEFT JOIN settlement s ON s.municipality = m.id AND s.deleted = 0 AND s.year = ?1\n"
	"WHERE m.deleted = 0\n"
	"ORDER BY m.name COLLATE NB, m.id";

static int64_t figure(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? SAM_NO_FIGURE
	                                                   : sqlite3_column_int64(st, col);
}

static void add_known(int64_t *sum, int64_t v)
{
	if (v != SAM_NO_FIGURE)
		*sum += v;
}

int sam_overview_load(struct sam_db *db, int year, struct sam_overview *out,
                      struct sam_err *err)
{
	memset(out, 0, sizeof(*out));
	out->year = year;
	sqlite3_stmt *st = sam_db_stmt(db, sql_overview);
	sqlite3_bind_int(st, 1, year);
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 32;
			out->rows = xrealloc(out->rows, (size_t)cap * sizeof(*out->rows));
		}
		struct sam_overview_row *r = &out->rows[out->n++];
		snprintf(r->id, sizeof(r->id), "%s", (const char *)sqlite3_column_text(st, 0));
		const char *name = (const char *)sqlite3_column_text(st, 1);
		r->name = xstrdup(name ? name : "");
		r->requested = figure(st, 2);
		r->decided = figure(st, 3);
		r->settled = figure(st, 4);
		add_known(&out->requested, r->requested);
		add_known(&out->decided, r->decided);
		add_known(&out->settled, r->settled);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		sam_overview_free(out);
		return sam_db_fail(db, err);
	}
	return 0;
}

void sam_overview_free(struct sam_overview *o)
{
	for (int i = 0; i < o->n; i++)
		free(o->rows[i].name);
	free(o->rows);
	memset(o, 0, sizeof(*o));
}

/* The most frequent of the years in the rows st selects, the newest among
 * equals; 0 if there are none. Counted here rather than by GROUP BY:
 * SQLite would sort every row into a temporary b-tree to group them,
 * while the years are few. */
static int most_frequent_year(sqlite3_stmt *st)
{
	struct year_count {
		int year, n;
	} *seen = NULL;
	int nseen = 0, best = 0, best_n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) == SQLITE_NULL)
			continue;
		int y = sqlite3_column_int(st, 0), i = 0;
		while (i < nseen && seen[i].year != y)
			i++;
		if (i == nseen) {
			seen = xrealloc(seen, (size_t)(nseen + 1) * sizeof(*seen));
			seen[nseen++] = (struct year_count){y, 0};
		}
		int n = ++seen[i].n;
		if (n > best_n || (n == best_n && y > best)) {
			best = y;
			best_n = n;
		}
	}
	sqlite3_reset(st);
	free(seen);
	return best;
}

int sam_default_year(struct sam_db *db, const char *table)
{
	sqlite3_stmt *st;
	/* The year most records are about: a settlement round has a row for
	 * every municipality, while a later year may hold a few early
	 * decisions only (the demo's 2016). */
	if (strcmp(table, "settlement") == 0)
		st = sam_db_stmt(db, "SELECT year FROM settlement WHERE deleted = 0");
	else if (strcmp(table, "grant_application") == 0)
		st = sam_db_stmt(db, "SELECT year FROM grant_application WHERE deleted = 0");
	else
		fatal("no years in table %s", table);
	int year = most_frequent_year(st);
	if (year == 0) {
		struct sam_civil now;
		sam_utc_to_oslo(sam_clock_now_ms() / 1000, &now);
		year = now.year;
	}
	return year;
}
