/* Drawing a form (see form_draw.h). Everything is measured in display
 * columns (tui/width.h), so æøå and wide characters never push the
 * reason column or the border out of place. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/common.h"
#include "tui/colors.h"
#include "tui/form_draw.h"
#include "tui/width.h"

#define BOX_MAX_W 110   /* wider than this is hard to read across */
#define FIELD_MAX_W 48
#define CHROME_ROWS 6   /* border ×2, a blank, a blank, message, hints */

/* ------------------------------------------------------------ layout */

static int widest_label(const struct form_model *m)
{
	int w = 0;
	for (int i = 0; i < m->n; i++) {
		int lw = tw_width(_(m->fields[i].f->label));
		if (lw > w)
			w = lw;
	}
	return w;
}

void form_layout(struct form_model *m, int rows, int cols, struct form_geom *g)
{
	g->w = cols - 4 < BOX_MAX_W ? cols - 4 : BOX_MAX_W;
	g->h = m->n + CHROME_ROWS < rows - 2 ? m->n + CHROME_ROWS : rows - 2;
	if (g->w < 20)
		g->w = cols;
	if (g->h < CHROME_ROWS + 1)
		g->h = rows;
	g->y = (rows - g->h) / 2;
	g->x = (cols - g->w) / 2;
	g->rows = g->h - CHROME_ROWS;
	if (g->rows < 1)
		g->rows = 1;
	int inner = g->w - 4;
	g->label_w = widest_label(m) + 1;
	if (g->label_w > inner / 3)
		g->label_w = inner / 3;
	int rest = inner - g->label_w - 1;
	g->field_w = rest * 3 / 5 < FIELD_MAX_W ? rest * 3 / 5 : FIELD_MAX_W;
	g->beside_w = rest - g->field_w - 1;
	/* scroll the least that shows the focus */
	if (m->focus < m->top)
		m->top = m->focus;
	if (m->focus >= m->top + g->rows)
		m->top = m->focus - g->rows + 1;
	if (m->top > m->n - g->rows)
		m->top = m->n - g->rows > 0 ? m->n - g->rows : 0;
}

/* ------------------------------------------------------------ parts */

WINDOW *form_window_at(WINDOW **w, int rows, int cols, int y, int x)
{
	if (*w) {
		int cur_y, cur_x, cur_rows, cur_cols;
		getbegyx(*w, cur_y, cur_x);
		getmaxyx(*w, cur_rows, cur_cols);
		if (cur_y == y && cur_x == x && cur_rows == rows && cur_cols == cols)
			return *w;
		delwin(*w);
	}
	*w = newwin(rows, cols, y, x);
	if (!*w)
		fatal("cannot make a window of %d×%d", cols, rows);
	keypad(*w, TRUE);
	return *w;
}

int form_draw_edit(WINDOW *w, int y, int x, int width, const struct line_edit *le)
{
	size_t start = le_view_start(le, width);
	tw_put(w, y, x, le->text + start, width, TW_LEFT);
	char *before = xstrndup(le->text + start, le->cur - start);
	int cx = x + tw_width(before);
	free(before);
	return cx;
}

/* Beside a field: why core refuses it, or a mark that it is taken (with
 * what a reference or a choice stands for). */
static void draw_beside(WINDOW *w, int y, int x, int width, const struct fm_field *ff)
{
	char *text = NULL;
	enum ui_element el = UI_OK;
	if (ff->reason) {
		text = xasprintf("✗ %s", ff->reason);
		el = UI_ERROR;
	} else if (ff->resolved) {
		text = xasprintf("✓ %s", ff->resolved);
	} else if (strcmp(ff->edit.text, ff->shown) != 0) {
		text = xstrdup("✓");
	}
	wattrset(w, ui_attr(el));
	tw_put(w, y, x, text ? text : "", width, TW_LEFT);
	free(text);
}

static void draw_field(WINDOW *w, const struct form_model *m, const struct form_geom *g, int i,
                       int y, int *cy, int *cx)
{
	const struct fm_field *ff = &m->fields[i];
	bool focused = i == m->focus;
	int x = 2;
	wattrset(w, ui_attr(focused ? UI_SELECTED : UI_FORM_LABEL));
	tw_put(w, y, x, _(ff->f->label), g->label_w, TW_LEFT);
	x += g->label_w + 1;
	wattrset(w, ui_attr(ff->readonly ? UI_DIM : UI_FORM_FIELD));
	if (focused) {
		*cy = y;
		*cx = form_draw_edit(w, y, x, g->field_w, &ff->edit);
	} else {
		tw_put(w, y, x, ff->edit.text, g->field_w, TW_LEFT);
	}
	x += g->field_w + 1;
	draw_beside(w, y, x, g->beside_w, ff);
}

static void draw_scroll_marks(WINDOW *w, const struct form_model *m, const struct form_geom *g)
{
	wattrset(w, ui_attr(UI_DIM));
	if (m->top > 0)
		mvwaddstr(w, 2, g->w - 2, "↑");
	if (m->top + g->rows < m->n)
		mvwaddstr(w, 1 + g->rows, g->w - 2, "↓");
}

/* The choices of the focused field, in a box over the other fields:
 * below it, or above it when there is more room there; never over the
 * message and the hints. */
static void draw_pick(WINDOW *w, const struct form_model *m, const struct form_geom *g, int fy)
{
	int n = fm_pick_count(m), width = 0;
	for (int i = 0; i < n; i++)
		if (tw_width(fm_pick_label(m, i)) > width)
			width = tw_width(fm_pick_label(m, i));
	width += 2;
	int below = g->h - 3 - (fy + 1), above = fy - 1;
	bool down = n + 2 <= below || below >= above;
	int room = down ? below : above;
	int shown = n + 2 <= room ? n : room - 2;
	if (shown < 1)
		return;
	int y = down ? fy + 1 : fy - shown - 2;
	int x = 2 + g->label_w + 1;
	if (x + width + 2 > g->w)
		width = g->w - x - 2;
	int first = m->pick >= shown ? m->pick - shown + 1 : 0;
	WINDOW *list = derwin(w, shown + 2, width + 2, y, x);
	if (!list)
		return;
	wattrset(list, ui_attr(UI_NORMAL));
	werase(list);
	box_set(list, NULL, NULL);
	for (int r = 0; r < shown; r++) {
		int i = first + r;
		wattrset(list, ui_attr(i == m->pick ? UI_SELECTED : UI_NORMAL));
		mvwaddch(list, r + 1, 1, ' ');
		tw_put(list, r + 1, 2, fm_pick_label(m, i), width - 1, TW_LEFT);
	}
	delwin(list);
}

static const char *hints(const struct form_model *m)
{
	if (m->pick >= 0)
		return _("↑↓ choose · Enter takes it · Esc back");
	switch (m->fields[m->focus].f->type) {
	case SAM_F_ENUM:
		return _("Tab ↑↓ move · Space/F4 choices · Ctrl-S/F2 save · Esc cancel");
	case SAM_F_BOOL:
		return _("Tab ↑↓ move · Space yes/no · Ctrl-S/F2 save · Esc cancel");
	default:
		return _("Tab ↑↓ move · Ctrl-S/F2 save · Esc cancel");
	}
}

/* ------------------------------------------------------------ the form */

void form_draw(WINDOW *w, const struct form_model *m, const struct form_geom *g, int *cy,
               int *cx)
{
	wattrset(w, ui_attr(UI_NORMAL));
	werase(w);
	box_set(w, NULL, NULL);
	char *title = xasprintf(" %s ", m->title);
	wattrset(w, ui_attr(UI_TITLE));
	int tw = tw_width(title) < g->w - 4 ? tw_width(title) : g->w - 4;
	tw_put(w, 0, 2, title, tw, TW_LEFT);
	free(title);
	*cy = *cx = -1;
	int focus_y = 2;
	for (int r = 0; r < g->rows && m->top + r < m->n; r++) {
		int i = m->top + r;
		if (i == m->focus)
			focus_y = 2 + r;
		draw_field(w, m, g, i, 2 + r, cy, cx);
	}
	draw_scroll_marks(w, m, g);
	/* the whole reason of the focused field, which beside it may be cut */
	const char *msg = m->message ? m->message : m->fields[m->focus].reason;
	wattrset(w, ui_attr(UI_ERROR));
	tw_put(w, g->h - 3, 2, msg ? msg : "", g->w - 4, TW_LEFT);
	wattrset(w, ui_attr(UI_HINT));
	tw_put(w, g->h - 2, 2, hints(m), g->w - 4, TW_LEFT);
	wattrset(w, ui_attr(UI_NORMAL));
	if (m->pick >= 0) {
		draw_pick(w, m, g, focus_y);
		*cy = *cx = -1;
	}
}
