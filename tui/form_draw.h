/* Drawing a form (tui/form_model.h) into a window: where its box goes on
 * the screen, one line per field (label, the text being typed, and beside
 * it the reason it is refused or a mark that it is taken), the pick list
 * of a choice field, the message and the key hints. Draws only; the
 * input loops are in form.c and prompt.c. */
#ifndef SAMORDNE_TUI_FORM_DRAW_H
#define SAMORDNE_TUI_FORM_DRAW_H

#include <curses.h>

#include "tui/form_model.h"
#include "tui/line_edit.h"

struct form_geom {
	int y, x, h, w;                  /* the box, on the screen */
	int label_w, field_w, beside_w;  /* the columns of a field's line */
	int rows;                        /* field lines that fit */
};

/* The box for a screen of rows × cols: centred, as wide as the screen
 * allows up to a comfortable width, its field list scrolled (m->top) so
 * the focused field is shown. */
void form_layout(struct form_model *m, int rows, int cols, struct form_geom *g);

/* Draws the form into w, a window of the box's size. *cy, *cx: where the
 * cursor goes (-1 when the pick list is open). */
void form_draw(WINDOW *w, const struct form_model *m, const struct form_geom *g, int *cy,
               int *cx);

/* Draws the text of le in `width` columns at (y, x), scrolled so that the
 * cursor shows; returns the cursor's column. */
int form_draw_edit(WINDOW *w, int y, int x, int width, const struct line_edit *le);

/* A window at this place and size with the keypad on; *w is made again
 * only when they change (after a resize). */
WINDOW *form_window_at(WINDOW **w, int rows, int cols, int y, int x);

#endif
