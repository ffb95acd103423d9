/* The municipalities: a table of one year's settlement figures, and a
 * detail pane for the selected municipality (figures by year, status
 * history, contact persons, grants of both schemes, the next visit or
 * meeting). The pane reads the selected municipality's rows alone, when
 * the selection or the data changes, and keeps them while neither does;
 * a part below the pane's last line is not read until there is room for
 * it. At the scale of the whole country, reading every municipality's
 * rows up front made the first frame take more than a second. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/common.h"
#include "core/enums.h"
#include "core/history.h"
#include "core/listing.h"
#include "core/muni_detail.h"
#include "core/oslo_time.h"
#include "tui/app.h"
#include "tui/view_common.h"

/* Columns of `list municipalities`. */
enum { M_NUMBER, M_NAME, M_YEAR, M_REQUESTED, M_DECIDED, M_SETTLED, M_EMA, M_STATUS, M_MET,
       M_ID };

static const struct list_column columns[] = {
	{N_("number"), 0, TW_LEFT, false},   {N_("name"), 24, TW_LEFT, false, 12},
	{N_("requested"), 0, TW_RIGHT, true}, {N_("decided"), 0, TW_RIGHT, true},
	{N_("settled"), 0, TW_RIGHT, true},   {N_("EMA"), 0, TW_RIGHT, true},
	{N_("status"), 22, TW_LEFT, false},   {N_("met"), 0, TW_RIGHT, true},
};
static const int table_cols[] = {M_NUMBER, M_NAME,  M_REQUESTED, M_DECIDED,
                                 M_SETTLED, M_EMA, M_STATUS,    M_MET};

struct municipalities {
	struct app *app;
	struct table_model model;
	struct list list;
	/* The selected municipality's detail, whose id is detail_id ("" when
	 * none is read): the parts read so far, and its status history in the
	 * view's year. */
	char detail_id[SAM_ID_BUF];
	struct sam_table part[SAM_MD_NPARTS];
	bool have_part[SAM_MD_NPARTS], have_history;
	struct sam_history status_history;
	struct upcoming next_visit; /* the selected municipality's next meeting */
	struct upcoming next_any;   /* the next meeting of all, not a deadline */
	char *error;
};

static void *create(struct app *app)
{
	struct municipalities *v = xcalloc(1, sizeof(*v));
	v->app = app;
	table_model_init(&v->model, &v->list, columns, (int)SAM_ARRAY_LEN(columns), table_cols, M_ID);
	return v;
}

static void free_detail(struct municipalities *v)
{
	for (int i = 0; i < SAM_MD_NPARTS; i++) {
		sam_table_free(&v->part[i]);
		v->have_part[i] = false;
	}
	sam_history_free(&v->status_history);
	v->have_history = false;
	upcoming_forget(&v->next_visit);
	v->detail_id[0] = '\0';
}

static void destroy(void *p)
{
	struct municipalities *v = p;
	free_detail(v);
	upcoming_forget(&v->next_any);
	sam_table_free(&v->model.t);
	list_free(&v->list);
	free(v->error);
	free(v);
}

static void load(void *p, struct app *app)
{
	struct municipalities *v = p;
	free_detail(v);
	upcoming_forget(&v->next_any);
	free(v->error);
	v->error = NULL;
	struct sam_list_filter year = {.year = app->year};
	struct sam_table t;
	struct sam_err err;
	if (sam_list(app->db, "municipalities", &year, &t, &err) < 0) {
		v->error = xstrdup(err.msg);
		sam_table_init(&t, M_ID + 1);
	}
	table_model_reload(&v->model, &v->list, &t);
}

/* A part of the selected municipality's detail, read on first use;
 * free_detail() forgets it when the selection or the data changes. */
static const struct sam_table *part(struct municipalities *v, enum sam_muni_part which)
{
	int row = list_selected(&v->list);
	const char *id = row < 0 ? "" : table_model_id(&v->model, row);
	if (strcmp(id, v->detail_id) != 0) {
		free_detail(v);
		snprintf(v->detail_id, sizeof(v->detail_id), "%s", id);
	}
	if (!v->have_part[which] && *id) {
		struct sam_err err;
		if (sam_muni_detail_load(v->app->db, which, id, &v->part[which], &err) < 0) {
			free(v->error);
			v->error = xstrdup(err.msg);
		}
		v->have_part[which] = true;
	}
	return &v->part[which];
}

/* The settlement row of the selected municipality in `year`, or −1. */
static int settlement_row(struct municipalities *v, int year)
{
	const struct sam_table *f = part(v, SAM_MD_FIGURES);
	char y[16];
	snprintf(y, sizeof(y), "%d", year);
	for (int r = 0; r < f->nrows; r++)
		if (strcmp(sam_table_get(f, r, SAM_MD_YEAR), y) == 0)
			return r;
	return -1;
}

/* The id of the selected municipality's settlement in `year`, or NULL. */
static const char *settlement_id(struct municipalities *v, int year)
{
	int s = settlement_row(v, year);
	return s < 0 ? NULL : sam_table_get(part(v, SAM_MD_FIGURES), s, SAM_MD_SETTLEMENT_ID);
}

/* How the selected municipality's status changed in the view's year. */
static const struct sam_history *status_history(struct municipalities *v)
{
	const char *id = settlement_id(v, v->app->year);
	if (!v->have_history && id) {
		struct sam_err err;
		sam_history_load(v->app->db, "settlement", id, &v->status_history, &err);
	}
	v->have_history = true;
	return &v->status_history;
}

/* ------------------------------------------------------------ detail */

static char *figures_line(const struct sam_table *s, int r)
{
	struct strbuf sb = {0};
	sb_addf(&sb, "%s  ", sam_table_get(s, r, SAM_MD_YEAR));
	const struct {
		int col;
		const char *label;
	} parts[] = {{SAM_MD_REQUESTED, N_("requested")}, {SAM_MD_EXTRA, N_("additional")},
	             {SAM_MD_DECIDED, N_("decided")},     {SAM_MD_EMA, N_("EMA")},
	             {SAM_MD_SETTLED, N_("settled")}};
	for (size_t i = 0; i < SAM_ARRAY_LEN(parts); i++) {
		const char *val = sam_table_get(s, r, parts[i].col);
		if (*val)
			sb_addf(&sb, "%s %s  ", _(parts[i].label), val);
	}
	sb_add(&sb, sam_table_get(s, r, SAM_MD_STATUS));
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

/* The next visit to the selected municipality, else the next meeting of
 * all that is not a deadline. */
static const struct sam_meeting *next_meeting(struct municipalities *v)
{
	int row = list_selected(&v->list);
	const char *id = row < 0 ? "" : table_model_id(&v->model, row);
	part(v, SAM_MD_FIGURES); /* forgets the last selection's visit */
	const struct sam_upcoming visit = {.municipality = id, .limit = 1};
	const struct sam_calendar *c = upcoming_get(&v->next_visit, v->app->db, &visit, &v->error);
	if (c->n == 0) {
		const struct sam_upcoming any = {.no_deadlines = true, .limit = 1};
		c = upcoming_get(&v->next_any, v->app->db, &any, &v->error);
	}
	return c->n > 0 ? &c->m[0] : NULL;
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
	int bottom = getmaxy(w);
	const char *name = sam_table_get(&v->model.t, row, M_NAME);
	char *title = xasprintf("%s %s", name, sam_table_get(&v->model.t, row, M_NUMBER));
	y = pane_line(w, y, x, width, UI_TITLE, title);
	free(title);
	y = pane_line(w, y, x, width, UI_HEADER, _("Figures by year"));
	const struct sam_table *f = part(v, SAM_MD_FIGURES);
	for (int r = 0; r < f->nrows; r++) {
		char *line = figures_line(f, r);
		y = pane_line(w, y, x + 2, width - 2, UI_NORMAL, line);
		free(line);
	}
	/* Below the last line nothing shows: the rest is not read. */
	if (y >= bottom)
		return;
	const struct sam_history *h = status_history(v);
	if (h->n > 0) {
		char *head = xasprintf(_("Status history %d"), app->year);
		y = pane_line(w, y, x, width, UI_HEADER, head);
		free(head);
		y = draw_history(h, w, y, x, width);
	}
	y = pane_line(w, y, x, width, UI_HEADER, _("Contact persons"));
	if (y >= bottom)
		return;
	const struct sam_table *c = part(v, SAM_MD_CONTACTS);
	for (int r = 0; r < c->nrows; r++) {
		const char *parts[] = {sam_table_get(c, r, SAM_MD_NAME), sam_table_get(c, r, SAM_MD_POSITION),
		                       sam_table_get(c, r, SAM_MD_EMAIL), sam_table_get(c, r, SAM_MD_PHONE)};
		char *line = join_parts(parts, SAM_ARRAY_LEN(parts));
		y = pane_line(w, y, x + 2, width - 2, UI_NORMAL, line);
		free(line);
	}
	y = pane_line(w, y, x, width, UI_HEADER, _("Grants"));
	if (y >= bottom)
		return;
	const struct sam_table *g = part(v, SAM_MD_GRANTS);
	for (int r = 0; r < g->nrows; r++) {
		const char *pos = sam_table_get(g, r, SAM_MD_POSITIONS);
		const char *nok = sam_table_get(g, r, SAM_MD_AMOUNT);
		char *positions = *pos ? xasprintf("%s %s", pos, _("positions")) : xstrdup("");
		char *amount = *nok ? xasprintf("%s %s", nok, _("NOK")) : xstrdup("");
		char *what = xasprintf("%s %s:", sam_table_get(g, r, SAM_MD_GRANT_YEAR),
		                       sam_table_get(g, r, SAM_MD_SCHEME));
		const char *parts[] = {what, positions, amount, sam_table_get(g, r, SAM_MD_GRANT_STATUS)};
		char *line = join_parts(parts, SAM_ARRAY_LEN(parts));
		y = pane_line(w, y, x + 2, width - 2, UI_NORMAL, line);
		free(line);
		free(what);
		free(positions);
		free(amount);
	}
	const struct sam_meeting *m = next_meeting(v);
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

static void edit_figures(struct municipalities *v, struct app *app)
{
	int row = list_selected(&v->list);
	if (row < 0)
		return;
	const struct sam_entity *e = sam_entity_find("settlement");
	const char *id = settlement_id(v, app->year);
	if (id) {
		app_edit_record(app, e, id, NULL, 0, NULL);
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
		const char *id = row < 0 ? NULL : settlement_id(v, app->year);
		if (!id)
			app_error(app, _("no figures for %d to delete (E edits the municipality)"),
			          app->year);
		else
			app_delete_record(app, sam_entity_find("settlement"), id);
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
	const char *s = settlement_id(v, atoi(sam_table_get(&v->model.t, row, M_YEAR)));
	if (s && *sam_table_get(&v->model.t, row, M_YEAR)) {
		*e = sam_entity_find("settlement");
		snprintf(id, SAM_ID_BUF, "%s", s);
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
