/* The overview, for a projector: the county's totals for the year, a bar
 * per municipality (requested, decided, settled), the next three meetings
 * and the sync state. It scales to the screen: one line per municipality
 * on a small terminal, three (one per figure) when there is room. The
 * bars differ by glyph as well as by colour, so they read in monochrome. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/common.h"
#include "core/oslo_time.h"
#include "core/overview.h"
#include "tui/app.h"
#include "tui/view_common.h"
#include "tui/width.h"

#define SIDE_WIDTH 30
#define NAME_WIDTH 14

struct overview {
	struct sam_overview o;
	struct upcoming next; /* the first meetings not over */
	char *error;
};

static void *create(struct app *app)
{
	(void)app;
	return xcalloc(1, sizeof(struct overview));
}

static void destroy(void *p)
{
	struct overview *v = p;
	sam_overview_free(&v->o);
	upcoming_forget(&v->next);
	free(v->error);
	free(v);
}

static void load(void *p, struct app *app)
{
	struct overview *v = p;
	sam_overview_free(&v->o);
	upcoming_forget(&v->next);
	free(v->error);
	v->error = NULL;
	struct sam_err err;
	if (sam_overview_load(app->db, app->year, &v->o, &err) < 0)
		v->error = xstrdup(err.msg);
}

static const struct bar_kind {
	enum ui_element element;
	const char *glyph;
	const char *label;
} bar_kinds[] = {
	{UI_BAR_REQUESTED, "░", N_("requested")},
	{UI_BAR_DECIDED, "▒", N_("decided")},
	{UI_BAR_SETTLED, "█", N_("settled")},
};

static int64_t figure_of(const struct sam_overview_row *r, int kind)
{
	return kind == 0 ? r->requested : kind == 1 ? r->decided : r->settled;
}

/* "47", or "–" when the figure is not known. */
static const char *figure_text(int64_t f, char buf[24])
{
	if (f == SAM_NO_FIGURE)
		return "–";
	snprintf(buf, 24, "%lld", (long long)f);
	return buf;
}

static void put_bar(WINDOW *w, int y, int x, int len, int kind)
{
	wattrset(w, ui_attr(bar_kinds[kind].element));
	for (int i = 0; i < len; i++)
		mvwaddstr(w, y, x + i, bar_kinds[kind].glyph);
	wattrset(w, ui_attr(UI_NORMAL));
}

static int scaled(int64_t value, int64_t max, int width)
{
	if (value <= 0 || max <= 0)
		return 0;
	int n = (int)(value * width / max);
	return n > 0 ? n : 1;
}

static void draw_totals(const struct overview *v, WINDOW *w, int width)
{
	char *title = xasprintf(_("The county in %d"), v->o.year);
	pane_line(w, 0, 0, width, UI_TITLE, v->error ? v->error : title);
	free(title);
	char met[32] = "–";
	if (v->o.requested > 0)
		snprintf(met, sizeof(met), "%lld %%",
		         (long long)((v->o.decided * 100 + v->o.requested / 2) / v->o.requested));
	char *line = xasprintf(_("requested %lld   decided %lld   settled %lld   share met %s"),
	                       (long long)v->o.requested, (long long)v->o.decided,
	                       (long long)v->o.settled, met);
	pane_line(w, 1, 0, width, UI_TITLE, line);
	free(line);
	int x = 0;
	for (int k = 0; k < 3; k++) {
		put_bar(w, 2, x, 2, k);
		char *label = xasprintf(" %s", _(bar_kinds[k].label));
		int lw = tw_width(label);
		tw_put(w, 2, x + 2, label, lw, TW_LEFT);
		x += lw + 4;
		free(label);
	}
}

static void draw_bars(const struct overview *v, WINDOW *w, int top, int height, int width)
{
	int64_t max = 1;
	for (int i = 0; i < v->o.n; i++)
		for (int k = 0; k < 3; k++)
			if (figure_of(&v->o.rows[i], k) > max)
				max = figure_of(&v->o.rows[i], k);
	int per = v->o.n > 0 && height >= 3 * v->o.n ? 3 : 1;
	int bar_x = NAME_WIDTH + 1, bar_w = width - bar_x - 12;
	for (int i = 0; i < v->o.n && (i + 1) * per <= height; i++) {
		const struct sam_overview_row *r = &v->o.rows[i];
		int y = top + i * per;
		tw_put(w, y, 0, r->name, NAME_WIDTH, TW_LEFT);
		for (int k = 0; k < 3; k++) {
			/* One line: the bars lie over each other, longest first. */
			int line = per == 3 ? y + k : y;
			put_bar(w, line, bar_x, scaled(figure_of(r, k), max, bar_w), k);
			int64_t f = figure_of(r, k);
			if (per == 3 || k == 2) {
				char a[24], b[24], c[24], num[80];
				if (per == 3)
					snprintf(num, sizeof(num), "%s", figure_text(f, a));
				else
					snprintf(num, sizeof(num), "%s/%s/%s", figure_text(r->requested, a),
					         figure_text(r->decided, b), figure_text(r->settled, c));
				tw_put(w, line, width - 11, num, 11, TW_RIGHT);
			}
		}
	}
}

static void draw_side(struct overview *v, struct app *app, WINDOW *w, int top, int x, int width)
{
	int y = pane_line(w, top, x, width, UI_HEADER, _("Next meetings"));
	const struct sam_upcoming first_three = {.limit = 3};
	const struct sam_calendar *next = upcoming_get(&v->next, app->db, &first_three, &v->error);
	for (int i = 0; i < next->n; i++) {
		const struct sam_meeting *m = &next->m[i];
		char date[11];
		oslo_date(m->starts, date);
		y = pane_line(w, y, x, width, UI_TITLE, date);
		y = pane_line(w, y, x + 1, width - 1, UI_NORMAL, m->title);
	}
	if (next->n == 0)
		y = pane_line(w, y, x, width, UI_DIM, _("none planned"));
	y = pane_line(w, y + 1, x, width, UI_HEADER, _("Sync"));
	y = pane_line(w, y, x, width, UI_NORMAL, app->sync_state);
	char *unsynced = xasprintf(ngettext("%lld change not synced", "%lld changes not synced",
	                                    (unsigned long)app->unsynced),
	                           (long long)app->unsynced);
	pane_line(w, y, x, width, UI_NORMAL, unsynced);
	free(unsynced);
}

static void draw(void *p, struct app *app, WINDOW *w)
{
	struct overview *v = p;
	int h, width;
	getmaxyx(w, h, width);
	int side = width >= 120 ? SIDE_WIDTH + 10 : SIDE_WIDTH;
	draw_totals(v, w, width);
	draw_bars(v, w, 3, h - 3, width - side - 2);
	wattrset(w, ui_attr(UI_DIM));
	mvwvline_set(w, 3, width - side - 1, WACS_VLINE, h - 3);
	draw_side(v, app, w, 3, width - side, side);
}

static bool action(void *p, struct app *app, enum action a)
{
	(void)p;
	if (a != ACT_PREV_YEAR && a != ACT_NEXT_YEAR)
		return false;
	app->year += a == ACT_NEXT_YEAR ? 1 : -1;
	app_data_changed(app);
	return true;
}

const struct view_ops view_overview_ops = {
	N_("Overview"), "overview", create, destroy, load, draw, action, NULL, NULL, NULL,
};
