/* The one list widget every list-shaped view uses: column definitions,
 * virtual scrolling (only the visible rows are asked for and drawn),
 * a selection, a column cursor, incremental search and sorting by a
 * column in Norwegian order. The rows live in the view (a model behind
 * two callbacks); the widget keeps only an order of row numbers. */
#ifndef SAMORDNE_TUI_LIST_H
#define SAMORDNE_TUI_LIST_H

#include <curses.h>
#include <stdbool.h>

#include "tui/colors.h"
#include "tui/width.h"

struct list_column {
	const char *head;  /* N_(): translated when drawn */
	int max_width;     /* 0: as wide as the widest cell */
	enum tw_align align;
	bool numeric;      /* sorts by value: "1 200" after "99" */
	int min_width;     /* not cut below this; 0: 6 columns */
};

struct list_model {
	/* The text of a cell of model row `row`; never NULL. */
	const char *(*cell)(void *ctx, int row, int col);
	/* How a row is drawn when not selected (UI_NORMAL, UI_DIM …); may be
	 * NULL. */
	enum ui_element (*style)(void *ctx, int row);
	void *ctx;
};

struct list {
	const struct list_column *cols;
	int ncols;
	struct list_model model;
	int nrows;
	int *order;      /* shown position → model row */
	int *natural;    /* widest cell of each column, measured on reset */
	char **folded;   /* per model row, its cells folded for search; lazily */
	int sel, top;    /* shown positions */
	int cur_col;     /* the column cursor: what s sorts by */
	int sort_col;    /* -1: the model's own order */
	bool sort_desc;
	char *search;    /* folded search text, or NULL */
	int height;      /* rows of the last draw, for paging */
};

void list_init(struct list *l, const struct list_column *cols, int ncols,
               const struct list_model *model);
/* After the model was (re)loaded with nrows rows: measures the columns,
 * keeps the sort column and the search, selects the first row. */
void list_reset(struct list *l, int nrows);
void list_free(struct list *l);

/* Draws the header line and the visible rows in the rectangle. */
void list_draw(struct list *l, WINDOW *w, int y, int x, int height, int width);

/* The selected model row, or -1 if the list is empty. */
int list_selected(const struct list *l);
/* Selects model row `row` (if shown), scrolling it into view. */
void list_select_row(struct list *l, int row);

/* Motions; return true if the selection moved. */
bool list_move(struct list *l, int delta);
bool list_move_to(struct list *l, int pos); /* -1: the last */
void list_move_column(struct list *l, int delta);

/* Sorts by column col (again on the same column: reverse). The selected
 * row stays selected. */
void list_sort(struct list *l, int col);

/* Searches for text (case-blind, Norwegian): from the selection (from_next
 * false: the selection itself may match, for typing incrementally), in
 * direction dir (+1/−1), wrapping. text NULL repeats the last search.
 * Returns false if nothing matches. */
bool list_search(struct list *l, const char *text, int dir, bool from_next);

#endif
