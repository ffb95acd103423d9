/* The ? screen: every action of the keymap with its keys as bound now,
 * where it applies and what it does — made from the one action table, so
 * nothing can be missing from it. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/common.h"
#include "tui/app.h"
#include "tui/view_common.h"

enum { HELP_KEYS, HELP_ACTION, HELP_WHERE, HELP_TEXT, NCOLS };

static const struct list_column columns[NCOLS] = {
	{N_("keys"), 16, TW_LEFT, false, 8},
	{N_("action"), 0, TW_LEFT, false, 19},
	{N_("views"), 13, TW_LEFT, false, 5},
	{N_("what it does"), 0, TW_LEFT, false, 30},
};

struct help {
	char *cells[ACT_COUNT][NCOLS];
	int n;
	struct list list;
};

static const char *cell(void *ctx, int row, int col)
{
	struct help *v = ctx;
	return v->cells[row][col];
}

static void *create(struct app *app)
{
	(void)app;
	struct help *v = xcalloc(1, sizeof(*v));
	struct list_model lm = {cell, NULL, v};
	list_init(&v->list, columns, NCOLS, &lm);
	return v;
}

static void free_cells(struct help *v)
{
	for (int r = 0; r < v->n; r++)
		for (int c = 0; c < NCOLS; c++)
			free(v->cells[r][c]);
	v->n = 0;
}

static void destroy(void *p)
{
	struct help *v = p;
	free_cells(v);
	list_free(&v->list);
	free(v);
}

/* "all", or the numbers of the views ("1 2 3 4"; "?" for help), short so
 * the help lines get the room. */
static char *where_text(unsigned views)
{
	if ((views & VIEWS_ALL) == VIEWS_ALL)
		return xstrdup(_("all"));
	struct strbuf sb = {0};
	sb_add(&sb, "");
	for (int v = 0; v < VIEW_COUNT; v++)
		if (views & VIEW_BIT(v)) {
			if (v == VIEW_HELP)
				sb_addf(&sb, "%s?", sb.len ? " " : "");
			else
				sb_addf(&sb, "%s%d", sb.len ? " " : "", v + 1);
		}
	return sb_steal(&sb);
}

static void load(void *p, struct app *app)
{
	struct help *v = p;
	free_cells(v);
	for (int a = 1; a < ACT_COUNT; a++) {
		const struct action_def *d = km_action((enum action)a);
		char **row = v->cells[v->n++];
		row[HELP_KEYS] = km_keys_text(&app->km, (enum action)a);
		row[HELP_ACTION] = xstrdup(d->name);
		row[HELP_WHERE] = where_text(d->views);
		row[HELP_TEXT] = xstrdup(_(d->help));
	}
	list_reset(&v->list, v->n);
}

static void draw(void *p, struct app *app, WINDOW *w)
{
	(void)app;
	struct help *v = p;
	int h, width;
	getmaxyx(w, h, width);
	pane_line(w, 0, 0, width, UI_TITLE,
	          _("Help — every action and its keys; / searches, q goes back. Views: "
	            "1 municipalities 2 contacts 3 grants 4 calendar 5 overview 6 history 7 sync. "
	            "The config rebinds keys: bind KEY ACTION"));
	list_draw(&v->list, w, 1, 0, h - 1, width);
}

static struct list *list_of(void *p)
{
	return &((struct help *)p)->list;
}

const struct view_ops view_help_ops = {
	N_("Help"), "help", create, destroy, load, draw, NULL, list_of, NULL, NULL,
};
