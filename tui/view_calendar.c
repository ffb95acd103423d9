/* The calendar: an agenda (past greyed, today marked, deadlines marked)
 * and a month grid (Monday first, ISO week numbers). Enter opens a
 * meeting with its attendees. Dates are Oslo dates. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/clock.h"
#include "core/common.h"
#include "core/enums.h"
#include "core/oslo_time.h"
#include "tui/app.h"
#include "tui/view_common.h"

enum { A_DATE, A_DAY, A_TIME, A_TITLE, A_KIND, A_PLACE, NCOLS };

static const struct list_column columns[NCOLS] = {
	{N_("date"), 0, TW_LEFT, false, 10}, {N_("day"), 0, TW_LEFT, false},
	{N_("time"), 0, TW_LEFT, false, 11}, {N_("title"), 40, TW_LEFT, false, 24},
	{N_("kind"), 18, TW_LEFT, false}, {N_("place"), 24, TW_LEFT, false},
};

static const char *const weekdays[] = {N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
                                       N_("Fri"), N_("Sat"), N_("Sun")};
static const char *const months[] = {N_("January"), N_("February"), N_("March"),
                                     N_("April"),   N_("May"),      N_("June"),
                                     N_("July"),    N_("August"),   N_("September"),
                                     N_("October"), N_("November"), N_("December")};

struct agenda_row {
	char *cells[NCOLS];
	int64_t day; /* days since the epoch of its Oslo start */
};

struct calendar {
	struct sam_calendar cal;
	struct agenda_row *rows;
	struct list list;
	int64_t today;
	bool month_grid;
	int grid_year, grid_month;
	int open;       /* the meeting shown with its attendees, or −1 */
	char **attendees;
	int nattendees;
	char *error;
};

static int64_t oslo_day(int64_t t)
{
	struct sam_civil c;
	sam_utc_to_oslo(t, &c);
	return sam_days_from_civil(c.year, c.month, c.day);
}

static const char *cell(void *ctx, int row, int col)
{
	struct calendar *v = ctx;
	return v->rows[row].cells[col];
}

static enum ui_element style(void *ctx, int row)
{
	struct calendar *v = ctx;
	if (v->rows[row].day == v->today)
		return UI_TODAY;
	if (strcmp(v->cal.m[row].kind, "deadline") == 0)
		return UI_DEADLINE;
	return v->rows[row].day < v->today ? UI_DIM : UI_NORMAL;
}

static void *create(struct app *app)
{
	(void)app;
	struct calendar *v = xcalloc(1, sizeof(*v));
	v->open = -1;
	struct list_model lm = {cell, style, v};
	list_init(&v->list, columns, NCOLS, &lm);
	return v;
}

static void free_rows(struct calendar *v)
{
	for (int i = 0; i < v->cal.n && v->rows; i++)
		for (int c = 0; c < NCOLS; c++)
			free(v->rows[i].cells[c]);
	free(v->rows);
	v->rows = NULL;
	sam_calendar_free(&v->cal);
}

static void close_meeting(struct calendar *v)
{
	sam_strings_free(v->attendees, v->nattendees);
	v->attendees = NULL;
	v->nattendees = 0;
	v->open = -1;
}

static void destroy(void *p)
{
	struct calendar *v = p;
	close_meeting(v);
	free_rows(v);
	list_free(&v->list);
	free(v->error);
	free(v);
}

/* The words every row repeats, translated once per load and not once
 * per meeting: at 100,000 meetings gettext was a seventh of the view's
 * opening. */
enum { KINDS_KEPT = 16 }; /* more than sam_enum_meeting_kind has */

struct row_words {
	const char *weekday[7];
	const char *all_day;
	const char *kind[KINDS_KEPT]; /* sam_enum_meeting_kind's labels, in order */
};

static void row_words_init(struct row_words *w)
{
	for (int i = 0; i < 7; i++)
		w->weekday[i] = _(weekdays[i]);
	w->all_day = _("all day");
	for (int i = 0; i < sam_enum_meeting_kind.count && i < KINDS_KEPT; i++)
		w->kind[i] = _(sam_enum_meeting_kind.items[i].label);
}

static const char *kind_label(const struct row_words *w, const char *key)
{
	int i = sam_enum_from_key(&sam_enum_meeting_kind, key);
	return i >= 0 && i < KINDS_KEPT ? w->kind[i] : sam_enum_label(&sam_enum_meeting_kind, key);
}

/* "09:30" at p; the end of it. */
static char *put_hhmm(char *p, const struct sam_civil *c)
{
	*p++ = (char)('0' + c->hour / 10);
	*p++ = (char)('0' + c->hour % 10);
	*p++ = ':';
	*p++ = (char)('0' + c->minute / 10);
	*p++ = (char)('0' + c->minute % 10);
	return p;
}

static void fill_row(struct agenda_row *r, const struct sam_meeting *m, const struct row_words *w)
{
	struct sam_civil s, e;
	sam_utc_to_oslo(m->starts, &s);
	sam_utc_to_oslo(m->ends, &e);
	char date[11];
	sam_date_format(s.year, s.month, s.day, date);
	r->day = sam_days_from_civil(s.year, s.month, s.day);
	r->cells[A_DATE] = xstrdup(date);
	r->cells[A_DAY] = xstrdup(w->weekday[sam_weekday(s.year, s.month, s.day) - 1]);
	if (m->all_day) {
		r->cells[A_TIME] = xstrdup(w->all_day);
	} else {
		char time[16], *p = put_hhmm(time, &s);
		if (m->ends > m->starts) {
			memcpy(p, "–", strlen("–"));
			p = put_hhmm(p + strlen("–"), &e);
		}
		*p = '\0';
		r->cells[A_TIME] = xstrdup(time);
	}
	r->cells[A_TITLE] = xstrdup(m->title);
	r->cells[A_KIND] = xstrdup(kind_label(w, m->kind));
	r->cells[A_PLACE] = xstrdup(*m->municipality ? m->municipality : m->place);
}

/* The first meeting today or later, else the last one. */
static int first_upcoming(const struct calendar *v)
{
	for (int i = 0; i < v->cal.n; i++)
		if (v->rows[i].day >= v->today)
			return i;
	return v->cal.n - 1;
}

static void load(void *p, struct app *app)
{
	struct calendar *v = p;
	char keep[SAM_ID_BUF] = "";
	int row = list_selected(&v->list);
	bool first = !v->rows;
	if (row >= 0)
		snprintf(keep, sizeof(keep), "%s", v->cal.m[row].id);
	close_meeting(v);
	free_rows(v);
	free(v->error);
	v->error = NULL;
	struct sam_err err;
	if (sam_calendar_load(app->db, &v->cal, &err) < 0)
		v->error = xstrdup(err.msg);
	v->today = oslo_day(sam_clock_now_ms() / 1000);
	v->rows = xcalloc((size_t)(v->cal.n ? v->cal.n : 1), sizeof(*v->rows));
	struct row_words words;
	row_words_init(&words);
	for (int i = 0; i < v->cal.n; i++)
		fill_row(&v->rows[i], &v->cal.m[i], &words);
	list_reset(&v->list, v->cal.n);
	int sel = first ? first_upcoming(v) : -1;
	for (int i = 0; i < v->cal.n && sel < 0; i++)
		if (strcmp(v->cal.m[i].id, keep) == 0)
			sel = i;
	if (sel >= 0)
		list_select_row(&v->list, sel);
	if (first && v->cal.n > 0) {
		int y, m, d;
		sam_civil_from_days(v->rows[list_selected(&v->list)].day, &y, &m, &d);
		v->grid_year = y;
		v->grid_month = m;
	}
}

/* ------------------------------------------------------------ drawing */

static void draw_meeting(struct calendar *v, WINDOW *w)
{
	int width = getmaxx(w);
	const struct sam_meeting *m = &v->cal.m[v->open];
	const struct agenda_row *r = &v->rows[v->open];
	int y = pane_line(w, 0, 0, width, UI_TITLE, m->title);
	char *when = xasprintf("%s %s %s", r->cells[A_DAY], r->cells[A_DATE], r->cells[A_TIME]);
	y = pane_line(w, y, 2, width - 2, UI_NORMAL, when);
	free(when);
	y = pane_line(w, y, 2, width - 2, UI_NORMAL, r->cells[A_KIND]);
	if (*r->cells[A_PLACE])
		y = pane_line(w, y, 2, width - 2, UI_NORMAL, r->cells[A_PLACE]);
	if (*m->note)
		y = pane_line(w, y, 2, width - 2, UI_DIM, m->note);
	char *head = xasprintf(_("Attendees (%d)"), v->nattendees);
	y = pane_line(w, y + 1, 0, width, UI_HEADER, head);
	free(head);
	for (int i = 0; i < v->nattendees; i++)
		y = pane_line(w, y, 2, width - 2, UI_NORMAL, v->attendees[i]);
	pane_line(w, getmaxy(w) - 1, 0, width, UI_DIM, _("q goes back to the calendar"));
}

/* Which meeting rows start on day `day` (first, or −1), and whether one is
 * a deadline. */
static int meetings_on(const struct calendar *v, int64_t day, bool *deadline)
{
	int first = -1;
	*deadline = false;
	for (int i = 0; i < v->cal.n; i++)
		if (v->rows[i].day == day) {
			if (first < 0)
				first = i;
			if (strcmp(v->cal.m[i].kind, "deadline") == 0)
				*deadline = true;
		}
	return first;
}

static void draw_grid(struct calendar *v, WINDOW *w)
{
	int h, width;
	getmaxyx(w, h, width);
	char *title = xasprintf("%s %d — %s", _(months[v->grid_month - 1]), v->grid_year,
	                        _("[ and ] change the month, v the agenda"));
	pane_line(w, 0, 0, width, UI_TITLE, title);
	free(title);
	wattrset(w, ui_attr(UI_HEADER));
	tw_put(w, 1, 0, _("week"), 5, TW_LEFT);
	for (int d = 0; d < 7; d++)
		tw_put(w, 1, 6 + d * 5, _(weekdays[d]), 4, TW_RIGHT);
	int64_t first = sam_days_from_civil(v->grid_year, v->grid_month, 1);
	int64_t start = first - (sam_weekday(v->grid_year, v->grid_month, 1) - 1);
	int y = 2;
	for (int64_t day = start; y < h - 1; day += 7, y++) {
		int yy, mm, dd;
		sam_civil_from_days(day + 6, &yy, &mm, &dd);
		if (day > first && (yy * 12 + mm) > (v->grid_year * 12 + v->grid_month) && dd >= 7)
			break;
		int iso_year;
		sam_civil_from_days(day, &yy, &mm, &dd);
		char week[8];
		snprintf(week, sizeof(week), "%d", sam_iso_week(yy, mm, dd, &iso_year));
		wattrset(w, ui_attr(UI_DIM));
		tw_put(w, y, 0, week, 4, TW_RIGHT);
		for (int d = 0; d < 7; d++) {
			sam_civil_from_days(day + d, &yy, &mm, &dd);
			bool deadline;
			int has = meetings_on(v, day + d, &deadline);
			char num[8];
			snprintf(num, sizeof(num), "%s%d", has >= 0 ? "*" : "", dd);
			enum ui_element e = mm != v->grid_month ? UI_DIM
			                    : day + d == v->today ? UI_TODAY
			                    : deadline ? UI_DEADLINE
			                    : has >= 0 ? UI_TITLE : UI_NORMAL;
			wattrset(w, ui_attr(e));
			tw_put(w, y, 6 + d * 5, num, 4, TW_RIGHT);
		}
	}
	/* That month's meetings beside (or under) the grid. */
	int x = width >= 100 ? 44 : 0;
	y = width >= 100 ? 1 : y + 1;
	for (int i = 0; i < v->cal.n && y < h; i++) {
		int yy, mm, dd;
		sam_civil_from_days(v->rows[i].day, &yy, &mm, &dd);
		if (yy != v->grid_year || mm != v->grid_month)
			continue;
		char *line = xasprintf("%s %s  %s", v->rows[i].cells[A_DATE], v->rows[i].cells[A_TIME],
		                       v->rows[i].cells[A_TITLE]);
		y = pane_line(w, y, x, width - x, style(v, i), line);
		free(line);
	}
}

static void draw(void *p, struct app *app, WINDOW *w)
{
	(void)app;
	struct calendar *v = p;
	int h, width;
	getmaxyx(w, h, width);
	if (v->open >= 0) {
		draw_meeting(v, w);
		return;
	}
	if (v->month_grid) {
		draw_grid(v, w);
		return;
	}
	pane_line(w, 0, 0, width, v->error ? UI_ERROR : UI_TITLE,
	          v->error ? v->error
	                   : _("Agenda — Enter shows a meeting, v the month, t today"));
	list_draw(&v->list, w, 1, 0, h - 1, width);
}

/* ------------------------------------------------------------ actions */

static void open_meeting(struct calendar *v, struct app *app)
{
	int row = list_selected(&v->list);
	if (row < 0)
		return;
	struct sam_err err;
	close_meeting(v);
	if (sam_meeting_attendees(app->db, v->cal.m[row].id, &v->attendees, &v->nattendees,
	                          &err) < 0) {
		app_error(app, "%s", err.msg);
		return;
	}
	v->open = row;
}

static void move_month(struct calendar *v, int delta)
{
	int m = v->grid_year * 12 + (v->grid_month - 1) + delta;
	v->grid_year = m / 12;
	v->grid_month = m % 12 + 1;
	/* The agenda follows: its first meeting of that month or later. */
	int64_t first = sam_days_from_civil(v->grid_year, v->grid_month, 1);
	for (int i = 0; i < v->cal.n; i++)
		if (v->rows[i].day >= first) {
			list_select_row(&v->list, i);
			return;
		}
}

static bool action(void *p, struct app *app, enum action a)
{
	struct calendar *v = p;
	if (v->open >= 0) {
		if (a == ACT_QUIT || a == ACT_OPEN) {
			close_meeting(v);
			return true;
		}
		return a != ACT_HELP && a != ACT_COMMAND && (a < ACT_NEXT_VIEW || a > ACT_SYNC);
	}
	int row = list_selected(&v->list);
	const struct sam_entity *e = sam_entity_find("meeting");
	switch (a) {
	case ACT_OPEN:
		open_meeting(v, app);
		return true;
	case ACT_EDIT:
		if (row >= 0)
			app_edit_record(app, e, v->cal.m[row].id, NULL, 0, NULL);
		return true;
	case ACT_ADD:
		app_edit_record(app, e, NULL, NULL, 0, NULL);
		return true;
	case ACT_DELETE:
		if (row >= 0)
			app_delete_record(app, e, v->cal.m[row].id);
		return true;
	case ACT_PREV_MONTH:
	case ACT_NEXT_MONTH:
		move_month(v, a == ACT_NEXT_MONTH ? 1 : -1);
		return true;
	case ACT_TODAY: {
		int y, m, d;
		sam_civil_from_days(v->today, &y, &m, &d);
		v->grid_year = y;
		v->grid_month = m;
		list_select_row(&v->list, first_upcoming(v));
		return true;
	}
	case ACT_MONTH_GRID:
		v->month_grid = !v->month_grid;
		if (v->month_grid && row >= 0) {
			int y, m, d;
			sam_civil_from_days(v->rows[row].day, &y, &m, &d);
			v->grid_year = y;
			v->grid_month = m;
		}
		return true;
	default:
		return false;
	}
}

static struct list *list_of(void *p)
{
	return &((struct calendar *)p)->list;
}

static bool selected(void *p, const struct sam_entity **e, char id[SAM_ID_BUF])
{
	struct calendar *v = p;
	int row = v->open >= 0 ? v->open : list_selected(&v->list);
	if (row < 0)
		return false;
	*e = sam_entity_find("meeting");
	snprintf(id, SAM_ID_BUF, "%s", v->cal.m[row].id);
	return true;
}

static bool go(void *p, const char *text)
{
	struct calendar *v = p;
	struct list *l = &v->list;
	int before = l->sel;
	if (list_search(l, text, 1, false))
		return true;
	l->sel = before;
	return false;
}

const struct view_ops view_calendar_ops = {
	N_("Calendar"), "calendar", create, destroy, load, draw, action, list_of, selected, go,
};
