/* The grants of one year: both schemes side by side per municipality
 * (positions, amount, status), a joint application on a line of its own
 * under each of its municipalities, and totals per scheme and for the
 * county below — how the grants fit together, at a glance. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/collate.h"
#include "core/common.h"
#include "core/enums.h"
#include "core/listing.h"
#include "core/overview.h"
#include "core/value.h"
#include "tui/app.h"
#include "tui/view_common.h"

enum { G_SCHEME, G_YEAR, G_MUNIS, G_POSITIONS, G_AMOUNT, G_STATUS, G_NOTE, G_ID };
enum { NSCHEMES = 2 };
enum { COL_MUNI, COL_POS0, COL_AMOUNT0, COL_STATUS0, COL_POS1, COL_AMOUNT1, COL_STATUS1, NCOLS };

/* The scheme of each group of three columns is named in the title line,
 * so the headers stay short enough for 80 columns. */
static const struct list_column columns[NCOLS] = {
	{N_("municipality"), 30, TW_LEFT, false, 12},
	{N_("positions"), 0, TW_RIGHT, true, 9},
	{N_("amount"), 0, TW_RIGHT, true, 9},
	{N_("status"), 14, TW_LEFT, false, 10},
	{N_("positions"), 0, TW_RIGHT, true, 9},
	{N_("amount"), 0, TW_RIGHT, true, 9},
	{N_("status"), 14, TW_LEFT, false, 10},
};

/* A line of the view: a municipality (or a joint application under it)
 * and its grant row of each scheme (−1: none). */
struct grant_line {
	char *label;
	int grant[NSCHEMES];
};

struct grants {
	struct sam_table t; /* `list grants --year` */
	struct grant_line *lines;
	int nlines;
	struct list list;
	double positions[NSCHEMES], amount[NSCHEMES];
	int year; /* 0 until the view is first loaded */
	char *error;
};

static bool is_joint_line(const struct grant_line *g)
{
	return g->label[0] == ' ';
}

static int scheme_of(const struct sam_table *t, int row)
{
	const char *label = sam_table_get(t, row, G_SCHEME);
	for (int s = 0; s < NSCHEMES; s++)
		if (strcmp(label, sam_enum_label(&sam_enum_grant_scheme,
		                                 sam_enum_grant_scheme.items[s].key)) == 0)
			return s;
	return -1;
}

static const char *cell(void *ctx, int row, int col)
{
	struct grants *v = ctx;
	const struct grant_line *g = &v->lines[row];
	if (col == COL_MUNI)
		return g->label;
	int scheme = (col - COL_POS0) / 3;
	int r = g->grant[scheme];
	if (r < 0)
		return "";
	static const int fields[] = {G_POSITIONS, G_AMOUNT, G_STATUS};
	return sam_table_get(&v->t, r, fields[(col - COL_POS0) % 3]);
}

static enum ui_element style(void *ctx, int row)
{
	struct grants *v = ctx;
	return is_joint_line(&v->lines[row]) ? UI_DIM : UI_NORMAL;
}

static void *create(struct app *app)
{
	(void)app;
	struct grants *v = xcalloc(1, sizeof(*v));
	sam_table_init(&v->t, G_ID + 1);
	struct list_model lm = {cell, style, v};
	list_init(&v->list, columns, NCOLS, &lm);
	return v;
}

static void free_lines(struct grants *v)
{
	for (int i = 0; i < v->nlines; i++)
		free(v->lines[i].label);
	free(v->lines);
	v->lines = NULL;
	v->nlines = 0;
}

static void destroy(void *p)
{
	struct grants *v = p;
	free_lines(v);
	sam_table_free(&v->t);
	list_free(&v->list);
	free(v->error);
	free(v);
}

/* A new line at position at (0 … nlines). */
static struct grant_line *insert_line(struct grants *v, int at, char *label)
{
	v->lines = xrealloc(v->lines, (size_t)(v->nlines + 1) * sizeof(*v->lines));
	memmove(&v->lines[at + 1], &v->lines[at], (size_t)(v->nlines - at) * sizeof(*v->lines));
	v->nlines++;
	struct grant_line *g = &v->lines[at];
	g->label = label;
	g->grant[0] = g->grant[1] = -1;
	return g;
}

static struct grant_line *add_line(struct grants *v, char *label)
{
	return insert_line(v, v->nlines, label);
}

/* The position just after a municipality's own line and the joint lines
 * under it; a municipality without a grant of its own gets a line at its
 * place in Norwegian order. */
static int after_municipality(struct grants *v, const char *name)
{
	int at = 0;
	for (; at < v->nlines; at++) {
		if (is_joint_line(&v->lines[at]))
			continue;
		int c = sam_collate_nb(v->lines[at].label, -1, name, -1);
		if (c == 0)
			break;
		if (c > 0) {
			insert_line(v, at, xstrdup(name));
			break;
		}
	}
	if (at == v->nlines)
		add_line(v, xstrdup(name));
	for (at++; at < v->nlines && is_joint_line(&v->lines[at]); at++)
		;
	return at;
}

/* "1 100 000" and "0.5" as numbers, for the totals. */
static double number(const char *s)
{
	char buf[64];
	size_t n = 0;
	for (; *s && n + 1 < sizeof(buf); s++)
		if ((*s >= '0' && *s <= '9') || *s == '.' || *s == ',')
			buf[n++] = *s == ',' ? '.' : *s;
	buf[n] = '\0';
	return strtod(buf, NULL);
}

/* " ↳ with Spydeberg" under Hobøl (short, for 80 columns): the other municipalities of a
 * joint application (munis is "Hobøl / Spydeberg"). */
static char *joint_label(const char *munis, const char *self)
{
	struct strbuf others = {0};
	const char *p = munis;
	while (*p) {
		const char *end = strstr(p, " / ");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (strlen(self) != n || strncmp(p, self, n) != 0)
			sb_addf(&others, "%s%.*s", others.len ? " / " : "", (int)n, p);
		p += n + (end ? 3 : 0);
	}
	/* TRANSLATORS: a joint application, under one of its municipalities:
	 * " ↳ with Spydeberg" */
	char *label = xasprintf(" ↳ %s %s", _("with"), others.buf ? others.buf : "");
	sb_free(&others);
	return label;
}

/* The municipality lines, in the order of the list (Norwegian); joint
 * applications under each of their municipalities. */
static void build_lines(struct grants *v)
{
	free_lines(v);
	memset(v->positions, 0, sizeof(v->positions));
	memset(v->amount, 0, sizeof(v->amount));
	for (int r = 0; r < v->t.nrows; r++) {
		int s = scheme_of(&v->t, r);
		const char *munis = sam_table_get(&v->t, r, G_MUNIS);
		if (s < 0)
			continue;
		v->positions[s] += number(sam_table_get(&v->t, r, G_POSITIONS));
		v->amount[s] += number(sam_table_get(&v->t, r, G_AMOUNT));
		if (strstr(munis, " / "))
			continue;
		struct grant_line *g = NULL;
		for (int i = 0; i < v->nlines && !g; i++)
			if (strcmp(v->lines[i].label, munis) == 0 && v->lines[i].grant[s] < 0)
				g = &v->lines[i];
		if (!g)
			g = add_line(v, xstrdup(munis));
		g->grant[s] = r;
	}
	/* A joint application under each of its municipalities. */
	for (int r = 0; r < v->t.nrows; r++) {
		int s = scheme_of(&v->t, r);
		const char *munis = sam_table_get(&v->t, r, G_MUNIS);
		if (s < 0 || !strstr(munis, " / "))
			continue;
		char *names = xstrdup(munis);
		for (char *name = names, *next; name; name = next) {
			next = strstr(name, " / ");
			if (next) {
				*next = '\0';
				next += 3;
			}
			int at = after_municipality(v, name);
			insert_line(v, at, joint_label(munis, name))->grant[s] = r;
		}
		free(names);
	}
}

static void load(void *p, struct app *app)
{
	struct grants *v = p;
	/* The year is chosen when the view is first shown, not at start:
	 * finding it reads every grant. */
	if (!v->year)
		v->year = sam_default_year(app->db, "grant_application");
	struct sam_list_filter f = {.year = v->year};
	struct sam_table t;
	struct sam_err err;
	free(v->error);
	v->error = NULL;
	if (sam_list(app->db, "grants", &f, &t, &err) < 0) {
		v->error = xstrdup(err.msg);
		sam_table_init(&t, G_ID + 1);
	}
	int keep = v->list.sel;
	sam_table_free(&v->t);
	v->t = t;
	build_lines(v);
	list_reset(&v->list, v->nlines);
	list_move_to(&v->list, keep < v->nlines ? keep : -1);
}

/* A total as the field's own values are written ("5.5", "1 100 000"). */
static char *format_total(const char *field, double total)
{
	const struct sam_field *f = sam_entity_field(sam_entity_find("grant"), field);
	double scaled = f->type == SAM_F_POSITIONS ? total * 100 : total;
	struct sam_value v = {.kind = SAM_V_INT, .i = (int64_t)(scaled + 0.5)};
	return sam_value_format(f, &v);
}

static void draw(void *p, struct app *app, WINDOW *w)
{
	(void)app;
	struct grants *v = p;
	int h, width;
	getmaxyx(w, h, width);
	/* TRANSLATORS: "Grants 2015 — left: social housing work · right: child poverty" */
	char *head = xasprintf(_("Grants %d — left: %s · right: %s"), v->year,
	                       _(sam_enum_grant_scheme.items[0].label),
	                       _(sam_enum_grant_scheme.items[1].label));
	pane_line(w, 0, 0, width, v->error ? UI_ERROR : UI_TITLE, v->error ? v->error : head);
	free(head);
	list_draw(&v->list, w, 1, 0, h - 5, width);
	wattrset(w, ui_attr(UI_DIM));
	mvwhline_set(w, h - 4, 0, WACS_HLINE, width);
	for (int s = 0; s < NSCHEMES; s++) {
		char *pos = format_total("positions", v->positions[s]);
		char *nok = format_total("amount_nok", v->amount[s]);
		/* TRANSLATORS: "social housing work: 11 positions, 0 NOK" */
		char *line = xasprintf(_("%s: %s positions, %s NOK"),
		                       _(sam_enum_grant_scheme.items[s].label), pos, nok);
		pane_line(w, h - 3 + s, 0, width, UI_TITLE, line);
		free(line);
		free(pos);
		free(nok);
	}
	char *pos = format_total("positions", v->positions[0] + v->positions[1]);
	char *nok = format_total("amount_nok", v->amount[0] + v->amount[1]);
	char *county = xasprintf(_("County total: %s positions, %s NOK"), pos, nok);
	pane_line(w, h - 1, 0, width, UI_TITLE, county);
	free(county);
	free(pos);
	free(nok);
}

/* The grant under the cursor: the scheme of the column cursor, else the
 * line's only grant. */
static int selected_grant(struct grants *v)
{
	int row = list_selected(&v->list);
	if (row < 0)
		return -1;
	const struct grant_line *g = &v->lines[row];
	int s = v->list.cur_col >= COL_POS1 ? 1 : v->list.cur_col >= COL_POS0 ? 0 : -1;
	if (s >= 0 && g->grant[s] >= 0)
		return g->grant[s];
	return g->grant[0] >= 0 ? g->grant[0] : g->grant[1];
}

static bool action(void *p, struct app *app, enum action a)
{
	struct grants *v = p;
	int r = selected_grant(v);
	const struct sam_entity *e = sam_entity_find("grant");
	switch (a) {
	case ACT_OPEN:
	case ACT_EDIT:
		if (r >= 0)
			app_edit_record(app, e, sam_table_get(&v->t, r, G_ID), NULL, 0, NULL);
		return true;
	case ACT_ADD: {
		char year[16];
		snprintf(year, sizeof(year), "%d", v->year);
		struct sam_assign preset[] = {{"year", year}};
		app_edit_record(app, e, NULL, preset, 1, NULL);
		return true;
	}
	case ACT_DELETE:
		if (r >= 0)
			app_delete_record(app, e, sam_table_get(&v->t, r, G_ID));
		return true;
	case ACT_PREV_YEAR:
	case ACT_NEXT_YEAR:
		v->year += a == ACT_NEXT_YEAR ? 1 : -1;
		load(v, app);
		return true;
	default:
		return false;
	}
}

static struct list *list_of(void *p)
{
	return &((struct grants *)p)->list;
}

static bool selected(void *p, const struct sam_entity **e, char id[SAM_ID_BUF])
{
	struct grants *v = p;
	int r = selected_grant(v);
	if (r < 0)
		return false;
	*e = sam_entity_find("grant");
	snprintf(id, SAM_ID_BUF, "%s", sam_table_get(&v->t, r, G_ID));
	return true;
}

const struct view_ops view_grants_ops = {
	N_("Grants"), "grants", create, destroy, load, draw, action, list_of, selected, NULL,
};
