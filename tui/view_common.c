/* Helpers the table-backed views share. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/collate.h"
#include "core/common.h"
#include "core/oslo_time.h"
#include "tui/view_common.h"
#include "tui/width.h"

void table_model_init(struct table_model *m, struct list *l, const struct list_column *cols,
                      int ncols, const int *table_cols, int id_col)
{
	m->cols = table_cols;
	m->id_col = id_col;
	sam_table_init(&m->t, id_col + 1);
	struct list_model lm = {table_model_cell, NULL, m};
	list_init(l, cols, ncols, &lm);
}

const char *table_model_cell(void *ctx, int row, int col)
{
	const struct table_model *m = ctx;
	return sam_table_get(&m->t, row, m->cols[col]);
}

const char *table_model_id(const struct table_model *m, int row)
{
	return row >= 0 && row < m->t.nrows ? sam_table_get(&m->t, row, m->id_col) : "";
}

void table_model_reload(struct table_model *m, struct list *l, struct sam_table *fresh)
{
	char *keep = xstrdup(table_model_id(m, list_selected(l)));
	int old_sel = l->sel;
	sam_table_free(&m->t);
	m->t = *fresh;
	list_reset(l, m->t.nrows);
	bool found = false;
	for (int r = 0; r < m->t.nrows && *keep && !found; r++)
		if (strcmp(table_model_id(m, r), keep) == 0) {
			list_select_row(l, r);
			found = true;
		}
	if (!found && *keep)
		list_move_to(l, old_sel < m->t.nrows ? old_sel : -1);
	free(keep);
}

int table_model_find(const struct table_model *m, int col, const char *text)
{
	char *want = sam_fold_nb(text);
	size_t n = strlen(want);
	int found = -1;
	for (int r = 0; r < m->t.nrows && found < 0; r++) {
		char *have = sam_fold_nb(sam_table_get(&m->t, r, col));
		if (strncmp(have, want, n) == 0)
			found = r;
		free(have);
	}
	free(want);
	return found;
}

int pane_line(WINDOW *w, int y, int x, int width, enum ui_element e, const char *text)
{
	if (y >= getmaxy(w))
		return y + 1;
	wattrset(w, ui_attr(e));
	tw_put(w, y, x, text, width, TW_LEFT);
	wattrset(w, ui_attr(UI_NORMAL));
	return y + 1;
}

static bool one_is_over(const struct sam_calendar *c, int64_t now)
{
	for (int i = 0; i < c->n; i++)
		if (c->m[i].ends < now)
			return true;
	return false;
}

const struct sam_calendar *upcoming_get(struct upcoming *u, struct sam_db *db,
                                        const struct sam_upcoming *which, char **error)
{
	int64_t now = sam_clock_now_ms() / 1000;
	if (u->read && !one_is_over(&u->cal, now))
		return &u->cal;
	upcoming_forget(u);
	struct sam_err err;
	if (sam_calendar_load_upcoming(db, now, which, &u->cal, &err) < 0) {
		free(*error);
		*error = xstrdup(err.msg);
	}
	u->read = true;
	return &u->cal;
}

void upcoming_forget(struct upcoming *u)
{
	sam_calendar_free(&u->cal);
	u->read = false;
}

void oslo_date(int64_t t, char out[11])
{
	struct sam_civil c;
	sam_utc_to_oslo(t, &c);
	sam_date_format(c.year, c.month, c.day, out);
}
