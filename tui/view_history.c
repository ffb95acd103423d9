/* The history of the record selected in the view before: who changed it,
 * when, which field, old → new. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/common.h"
#include "core/history.h"
#include "tui/app.h"
#include "tui/cli.h"
#include "tui/view_common.h"

enum { H_WHEN, H_WHO, H_FIELD, H_OLD, H_NEW, H_ID };

static const struct list_column columns[] = {
	{N_("when"), 0, TW_LEFT, false},  {N_("who"), 30, TW_LEFT, false},
	{N_("field"), 20, TW_LEFT, false}, {N_("old"), 30, TW_LEFT, false},
	{N_("new"), 30, TW_LEFT, false},
};
static const int table_cols[] = {H_WHEN, H_WHO, H_FIELD, H_OLD, H_NEW};

struct history {
	struct table_model model;
	struct list list;
	char *title;
};

static void *create(struct app *app)
{
	(void)app;
	struct history *v = xcalloc(1, sizeof(*v));
	table_model_init(&v->model, &v->list, columns, (int)SAM_ARRAY_LEN(columns), table_cols, H_ID);
	return v;
}

static void destroy(void *p)
{
	struct history *v = p;
	sam_table_free(&v->model.t);
	list_free(&v->list);
	free(v->title);
	free(v);
}

static void load(void *p, struct app *app)
{
	struct history *v = p;
	free(v->title);
	struct sam_table t;
	if (!app->history_entity) {
		v->title = xstrdup(_("No record chosen: select one in another view, then press 6"));
		sam_table_init(&t, H_ID + 1);
		table_model_reload(&v->model, &v->list, &t);
		return;
	}
	struct sam_history h;
	struct sam_err err;
	if (sam_history_load(app->db, app->history_entity->name, app->history_id, &h, &err) < 0) {
		v->title = xstrdup(err.msg);
		sam_table_init(&t, H_ID + 1);
	} else {
		char *name = sam_record_title(app->db, app->history_entity, app->history_id);
		v->title = xasprintf(_("History of %s (%s)"), name, _(app->history_entity->label));
		free(name);
		cli_history_table(app->db, app->history_entity, &h, &t);
		sam_history_free(&h);
	}
	/* The table has no id column: an empty one keeps the model simple. */
	struct sam_table full;
	sam_table_init(&full, H_ID + 1);
	for (int r = 0; r < t.nrows; r++) {
		int row = sam_table_add_row(&full);
		for (int c = 0; c < H_ID && c < t.ncols; c++)
			sam_table_set(&full, row, c, sam_table_get(&t, r, c));
	}
	sam_table_free(&t);
	table_model_reload(&v->model, &v->list, &full);
	list_move_to(&v->list, -1); /* the newest change */
}

static void draw(void *p, struct app *app, WINDOW *w)
{
	(void)app;
	struct history *v = p;
	int h, width;
	getmaxyx(w, h, width);
	pane_line(w, 0, 0, width, UI_TITLE, v->title);
	list_draw(&v->list, w, 1, 0, h - 1, width);
}

static struct list *list_of(void *p)
{
	return &((struct history *)p)->list;
}

const struct view_ops view_history_ops = {
	N_("History"), "history", create, destroy, load, draw, NULL, list_of, NULL, NULL,
};
