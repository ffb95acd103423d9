/* The municipalities: a table of one year's settlement figures, and a
 * detail pane for the selected municipality (figures by year, status
 * history, contact persons, grants of both schemes, the next visit or
 * meeting). Everything the pane shows is read on load, so moving the
 * selection never queries the database. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/clock.h"
#include "core/common.h"
#include "core/enums.h"
#include "core/history.h"
#include "core/listing.h"
#include "core/oslo_time.h"
#include "tui/app.h"
#include "tui/view_common.h"

/* Columns of `list municipalities`. */
enum { M_NUMBER, M_NAME, M_YEAR, M_REQUESTED, M_DECIDED, M_SETTLED, M_EMA, M_STATUS, M_MET,
       M_ID };
/* Columns of `list settlements`. */
enum { S_MUNI, S_YEAR, S_REQUESTED, S_EXTRA, S_DECIDED, S_EMA, S_SETTLED, S_STATUS, S_DATE,
       S_ID };
/* Columns of `list contacts` and `list grants`. */
enum { C_NAME, C_POSITION, C_AFFILIATION, C_EMAIL, C_PHONE, C_GROUPS };
enum { G_SCHEME, G_YEAR, G_MUNIS, G_POSITIONS, G_AMOUNT, G_STATUS };

static const struct list_column columns[] = {
	{N_("number"), 0, TW_LEFT, false},   {N_("name"), 24, TW_LEFT, false, 12},
	{N_("requested"), 0, TW_RIGHT, true}, {N_("decided"), 0, TW_RIGHT, true},
	{N_("settled"), 0, TW_RIGHT, true},   {N_("EMA"), 0, TW_RIGHT, true},
	{N_("status"), 22, TW_LEFT, false},   {N_("met"), 0, TW_RIGHT, true},
};
static const int table_cols[] = {M_NUMBER, M_NAME,  M_REQUESTED, M_DECIDED,
                                 M_SETTLED, M_EMA, M_STATUS,    M_MET};

struct municipalities {
	struct table_model model;
	struct list list;
	struct sam_table settlements, contacts, grants;
	struct sam_calendar calendar;
	struct sam_history *status_history; /* per model row: the year's figures */
	int nhistory;
	char *error;
};

static void *create(struct app *app)
{
	(void)app;
	struct municipalities *v = xcalloc(1, sizeof(*v));
	table_model_init(&v->model, &v->list, columns, (int)SAM_ARRAY_LEN(columns), table_cols, M_ID);
	return v;
}

static void free_details(struct municipalities *v)
{
	sam_table_free(&v->settlements);
	sam_table_free(&v->contacts);
	sam_table_free(&v->grants);
	sam_calendar_free(&v->calendar);
	for (int i = 0; i < v->nhistory; i++)
		sam_history_free(&v->status_history[i]);
	free(v->status_history);
	v->status_history = NULL;
	v->nhistory = 0;
}

static void destroy(void *p)
{
	struct municipalities *v = p;
	free_details(v);
	sam_table_free(&v->model.t);
	list_free(&v->list);
	free(v->error);
	free(v);
}

/* The settlement row of municipality `name` in `year`, or −1. */
static int settlement_row(const struct municipalities *v, const char *name, int year)
{
	char y[16];
	snprintf(y, sizeof(y), "%d", year);
	for (int r = 0; r < v->settlements.nrows; r++)
		if (strcmp(sam_table_get(&v->settlements, r, S_MUNI), name) == 0 &&
		    strcmp(sam_table_get(&v->settlements, r, S_YEAR), y) == 0)
			return r;
	return -1;
}

static void load_status_history(struct municipalities *v, struct app *app)
{
	v->nhistory = v->model.t.nrows;
	v->status_history = xcalloc((size_t)(v->nhistory ? v->nhistory : 1),
	                            sizeof(*v->status_history));
	for (int r = 0; r < v->nhistory; r++) {
		int s = settlement_row(v, sam_table_get(&v->model.t, r, M_NAME), app->year);
		struct sam_err err;
		if (s >= 0)
			sam_history_load(app->db, "settlement", sam_table_get(&v->settlements, s, S_ID),
			                 &v->status_history[r], &err);
	}
}

static void load(void *p, struct app *app)
{
	struct municipalities *v = p;
	free_details(v);
	free(v->error);
	v->error = NULL;
	struct sam_list_filter year = {.year = app->year}, all = {0};
	struct sam_table t;
	struct sam_err err;
	if (sam_list(app->db, "municipalities", &year, &t, &err) < 0 ||
	    sam_list(app->db, "settlements", &all, &v->settlements, &err) < 0 ||
	    sam_list(app->db, "contacts", &all, &v->contacts, &err) < 0 ||
	    sam_list(app->db, "grants", &all, &v->grants, &err) < 0 ||
	    sam_calendar_load(app->db, &v->calendar, &err) < 0) {
		v->error = xstrdup(err.msg);
		sam_table_init(&t, M_ID + 1);
	}
	table_model_reload(&v->model, &v->list, &t);
	load_status_history(v, app);
}

/* ------------------------------------------------------------ detail */

static char *figures_line(const struct sam_table *s, int r)
{
	struct strbuf sb = {0};
	sb_addf(&sb, "%s  ", sam_table_get(s, r, S_YEAR));
	const struct {
		int col;
		const char *label;
	} parts[] = {{S_REQUESTED, N_("requested")}, {S_EXTRA, N_("additional")},
	             {S_DECIDED, N_("decided")},     {S_EMA, N_("EMA")},
	             {S_SETTLED, N_("settled")}};
	for (size_t i = 0; i < SAM_ARRAY_LEN(parts); i++) {
		const char *val = sam_table_get(s, r, parts[i].col);
		if (*val)
			sb_addf(&sb, "%s %s  ", _(parts[i].label), val);
	}
	sb_add(&sb, sam_table_get(s, r, S_STATUS));
	return sb_steal(&sb);
}

/* The parts that are not empty, joined by ", ". */
static char *join_parts(const char *const *parts, size_t n)
{
	struct strbuf sb = {0};
	sb_add(&sb, "");
	for (size_t i = 0; i < n; i++)
		if (*parts[i])
			sb_addf(&sb, "%s%s", sb.len ? ", " : "", parts[i]);
	return sb_steal(&sb);
}

static bool names_municipality(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return true;
	return false;
}

/* The next visit to the municipality, else the next meeting of all. */
static const struct sam_meeting *next_meeting(const struct municipalities *v, const char *name)
{
	int64_t now = sam_clock_now_ms() / 1000;
	const struct sam_meeting *any = NULL;
	for (int i = 0; i < v->calendar.n; i++) {
		const struct sam_meeting *m = &v->calendar.m[i];
		if (m->ends < now)
			continue;
		if (strcmp(m->municipality, name) == 0)
			return m;
		if (!any && strcmp(m->kind, "deadline") != 0)
			any = m;
	}
	return any;
}

static int draw_history(const struct sam_history *h, WINDOW *w, int y, int x, int width)
{
	for (int i = 0; i < h->n; i++) {
		const struct sam_history_entry *e = &h->e[i];
		if (strcmp(e->field, "status") != 0 || e->new_value.kind != SAM_V_TEXT)
			continue;
		char date[11];
		oslo_date(e->ms / 1000, date);
		char *line = xasprintf("  %s  %s  (%s)", date,
		                       sam_enum_label(&sam_enum_settlement_status, e->new_value.s),
		                       e->who);
		y = pane_line(w, y, x, width, UI_NORMAL, line);
		free(line);
	}
	return y;
}

static void draw_detail(struct municipalities *v, struct app *app, WINDOW *w, int y, int x,
                        int width)
{
	int row = list_selected(&v->list);
	if (row < 0)
		return;
	const char *name = sam_table_get(&v->model.t, row, M_NAME);
	char *title = xasprintf("%s %s", name, sam_table_get(&v->model.t, row, M_NUMBER));
	y = pane_line(w, y, x, width, UI_TITLE, title);
	free(title);
	y = pane_line(w, y, x, width, UI_HEADER, _("Figures by year"));
	for (int r = 0; r < v->settlements.nrows; r++)
		if (strcmp(sam_table_get(&v->settlements, r, S_MUNI), name) == 0) {
			char *line = figures_line(&v->settlements, r);
			y = pane_line(w, y, x + 2, width - 2, UI_NORMAL, line);
			free(line);
		}
	if (row < v->nhistory && v->status_history[row].n > 0) {
		char *head = xasprintf(_("Status history %d"), app->year);
		y = pane_line(w, y, x, width, UI_HEADER, head);
		free(head);
		y = draw_history(&v->status_history[row], w, y, x, width);
	}
	y = pane_line(w, y, x, width, UI_HEADER, _("Contact persons"));
	for (int r = 0; r < v->contacts.nrows; r++)
		if (strcmp(sam_table_get(&v->contacts, r, C_AFFILIATION), name) == 0) {
			const struct sam_table *c = &v->contacts;
			const char *parts[] = {sam_table_get(c, r, C_NAME), sam_table_get(c, r, C_POSITION),
			                       sam_table_get(c, r, C_EMAIL), sam_table_get(c, r, C_PHONE)};
			char *line = join_parts(parts, SAM_ARRAY_LEN(parts));
			y = pane_line(w, y, x + 2, width - 2, UI_NORMAL, line);
			free(line);
		}
	y = pane_line(w, y, x, width, UI_HEADER, _("Grants"));
	for (int r = 0; r < v->grants.nrows; r++)
		if (names_municipality(sam_table_get(&v->grants, r, G_MUNIS), name)) {
			const struct sam_table *g = &v->grants;
			const char *pos = sam_table_get(g, r, G_POSITIONS), *nok = sam_table_get(g, r, G_AMOUNT);
			char *positions = *pos ? xasprintf("%s %s", pos, _("positions")) : xstrdup("");
			char *amount = *nok ? xasprintf("%s %s", nok, _("NOK")) : xstrdup("");
			char *what = xasprintf("%s %s:", sam_table_get(g, r, G_YEAR),
			                       sam_table_get(g, r, G_SCHEME));
			const char *parts[] = {what, positions, amount, sam_table_get(g, r, G_STATUS)};
			char *line = join_parts(parts, SAM_ARRAY_LEN(parts));
			y = pane_line(w, y, x + 2, width - 2, UI_NORMAL, line);
			free(line);
			free(what);
			free(positions);
			free(amount);
		}
	const struct sam_meeting *m = next_meeting(v, name);
	if (m) {
		char date[11];
		oslo_date(m->starts, date);
		char *line = xasprintf("%s: %s %s", _("Next"), date, m->title);
		pane_line(w, y, x, width, UI_TODAY, line);
		free(line);
	}
}

static void draw(void *p, struct app *app, WINDOW *w)
{
	struct municipalities *v = p;
	int h, width;
	getmaxyx(w, h, width);
	char *head = xasprintf(_("Settlement %d — [ and ] change the year"), app->year);
	pane_line(w, 0, 0, width, UI_TITLE, v->error ? v->error : head);
	free(head);
	if (width >= 140) {
		int lw = width * 55 / 100;
		list_draw(&v->list, w, 1, 0, h - 1, lw);
		draw_detail(v, app, w, 1, lw + 2, width - lw - 2);
		return;
	}
	int lh = v->model.t.nrows + 1;
	int max_lh = h - 1 - 9;
	if (lh > max_lh)
		lh = max_lh < 6 ? 6 : max_lh;
	list_draw(&v->list, w, 1, 0, lh, width);
	wattrset(w, ui_attr(UI_DIM));
	mvwhline_set(w, 1 + lh, 0, WACS_HLINE, width);
	draw_detail(v, app, w, 2 + lh, 0, width);
}

/* ------------------------------------------------------------ actions */

static const char *selected_name(struct municipalities *v)
{
	int row = list_selected(&v->list);
	return row < 0 ? NULL : sam_table_get(&v->model.t, row, M_NAME);
}

static void edit_figures(struct municipalities *v, struct app *app)
{
	int row = list_selected(&v->list);
	if (row < 0)
		return;
	const struct sam_entity *e = sam_entity_find("settlement");
	int s = settlement_row(v, selected_name(v), app->year);
	if (s >= 0) {
		app_edit_record(app, e, sam_table_get(&v->settlements, s, S_ID), NULL, 0, NULL);
		return;
	}
	char year[16];
	snprintf(year, sizeof(year), "%d", app->year);
	struct sam_assign preset[] = {{"municipality", table_model_id(&v->model, row)},
	                              {"year", year}};
	app_edit_record(app, e, NULL, preset, 2, NULL);
}

static bool action(void *p, struct app *app, enum action a)
{
	struct municipalities *v = p;
	int row = list_selected(&v->list);
	const struct sam_entity *muni = sam_entity_find("municipality");
	switch (a) {
	case ACT_OPEN:
	case ACT_EDIT:
		edit_figures(v, app);
		return true;
	case ACT_EDIT_MUNICIPALITY:
		if (row >= 0)
			app_edit_record(app, muni, table_model_id(&v->model, row), NULL, 0, NULL);
		return true;
	case ACT_ADD:
		app_edit_record(app, muni, NULL, NULL, 0, NULL);
		return true;
	case ACT_DELETE: {
		int s = row < 0 ? -1 : settlement_row(v, selected_name(v), app->year);
		if (s < 0)
			app_error(app, _("no figures for %d to delete (E edits the municipality)"),
			          app->year);
		else
			app_delete_record(app, sam_entity_find("settlement"),
			                  sam_table_get(&v->settlements, s, S_ID));
		return true;
	}
	case ACT_PREV_YEAR:
	case ACT_NEXT_YEAR:
		app->year += a == ACT_NEXT_YEAR ? 1 : -1;
		app_data_changed(app);
		return true;
	default:
		return false;
	}
}

static struct list *list_of(void *p)
{
	return &((struct municipalities *)p)->list;
}

static bool selected(void *p, const struct sam_entity **e, char id[SAM_ID_BUF])
{
	struct municipalities *v = p;
	int row = list_selected(&v->list);
	if (row < 0)
		return false;
	int s = settlement_row(v, selected_name(v), atoi(sam_table_get(&v->model.t, row, M_YEAR)));
	if (s >= 0 && *sam_table_get(&v->model.t, row, M_YEAR)) {
		*e = sam_entity_find("settlement");
		snprintf(id, SAM_ID_BUF, "%s", sam_table_get(&v->settlements, s, S_ID));
	} else {
		*e = sam_entity_find("municipality");
		snprintf(id, SAM_ID_BUF, "%s", table_model_id(&v->model, row));
	}
	return true;
}

static bool go(void *p, const char *text)
{
	struct municipalities *v = p;
	int row = table_model_find(&v->model, M_NAME, text);
	if (row < 0)
		row = table_model_find(&v->model, M_NUMBER, text);
	if (row >= 0)
		list_select_row(&v->list, row);
	return row >= 0;
}

const struct view_ops view_municipalities_ops = {
	N_("Municipalities"), "municipalities", create, destroy, load, draw, action, list_of,
	selected, go,
};
