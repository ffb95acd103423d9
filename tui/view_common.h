/* What the views built on core's tables share: a list model over a
 * sam_table, finding a row again by its id after a reload, and lines of
 * text in a pane. */
#ifndef SAMORDNE_TUI_VIEW_COMMON_H
#define SAMORDNE_TUI_VIEW_COMMON_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/table.h"
#include "tui/colors.h"
#include "tui/list.h"

/* A list over a table: list column i shows table column cols[i]. */
struct table_model {
	struct sam_table t;
	const int *cols;
	int id_col; /* the table column with the record's id */
};

/* An empty model whose table has the id in its last column, id_col, and
 * the list l over it with columns cols (list column i shows table column
 * table_cols[i]). */
void table_model_init(struct table_model *m, struct list *l, const struct list_column *cols,
                      int ncols, const int *table_cols, int id_col);

const char *table_model_cell(void *ctx, int row, int col);
/* The id of model row `row`, or "" (row −1: none). */
const char *table_model_id(const struct table_model *m, int row);
/* Replaces the table and resets the list, keeping the selected record
 * (by id) selected if it is still there. */
void table_model_reload(struct table_model *m, struct list *l, struct sam_table *fresh);
/* The first row whose column col starts with text (Norwegian case-blind),
 * or −1. */
int table_model_find(const struct table_model *m, int col, const char *text);

/* The first meetings not over now that a view shows ("next meeting"),
 * kept between frames: read on first use, and again once one of them is
 * over or upcoming_forget() was called (the data changed). */
struct upcoming {
	struct sam_calendar cal;
	bool read;
};

/* The meetings `which` selects; on an error, none, and *error (freed
 * first) says why. */
const struct sam_calendar *upcoming_get(struct upcoming *u, struct sam_db *db,
                                        const struct sam_upcoming *which, char **error);
void upcoming_forget(struct upcoming *u);

/* "02.10.2015": the Oslo date of a UTC instant (seconds). */
void oslo_date(int64_t t, char out[11]);

/* Draws text as a line of a pane and returns the next row. */
int pane_line(WINDOW *w, int y, int x, int width, enum ui_element e, const char *text);

#endif
