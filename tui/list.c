/* The list widget. Drawing asks the model only for the rows on screen, so
 * a list of 20,000 contacts scrolls as fast as one of 20; measuring,
 * sorting and folding for search touch every row, but only on a reload or
 * when the person asks for them. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/collate.h"
#include "core/common.h"
#include "tui/list.h"

#define COLUMN_GAP 2

void list_init(struct list *l, const struct list_column *cols, int ncols,
               const struct list_model *model)
{
	memset(l, 0, sizeof(*l));
	l->cols = cols;
	l->ncols = ncols;
	l->model = *model;
	l->sort_col = -1;
	l->natural = xcalloc((size_t)ncols, sizeof(int));
}

static void free_folded(struct list *l)
{
	if (l->folded)
		for (int i = 0; i < l->nrows; i++)
			free(l->folded[i]);
	free(l->folded);
	l->folded = NULL;
}

static const char *cell(const struct list *l, int row, int col)
{
	const char *s = l->model.cell(l->model.ctx, row, col);
	return s ? s : "";
}

void list_reset(struct list *l, int nrows)
{
	free_folded(l);
	l->nrows = nrows;
	l->order = xrealloc(l->order, (size_t)(nrows ? nrows : 1) * sizeof(int));
	for (int i = 0; i < nrows; i++)
		l->order[i] = i;
	/* No character is wider than its bytes, so a cell no longer than the
	 * width so far cannot widen the column, and a column at its cap
	 * cannot grow: most of 100,000 cells are passed by their length. */
	for (int c = 0; c < l->ncols; c++) {
		int w = tw_width(_(l->cols[c].head)), max = l->cols[c].max_width;
		for (int r = 0; r < nrows && !(max && w >= max); r++) {
			const char *text = cell(l, r, c);
			if (strlen(text) <= (size_t)w)
				continue;
			int cw = tw_width(text);
			if (cw > w)
				w = cw;
		}
		if (max && w > max)
			w = max;
		l->natural[c] = w;
	}
	l->sel = 0;
	l->top = 0;
	if (l->cur_col >= l->ncols)
		l->cur_col = 0;
	if (l->sort_col >= 0) {
		bool desc = l->sort_desc;
		int col = l->sort_col;
		l->sort_col = -1;
		list_sort(l, col);
		if (desc)
			list_sort(l, col);
	}
}

void list_free(struct list *l)
{
	free_folded(l);
	free(l->order);
	free(l->natural);
	free(l->search);
	memset(l, 0, sizeof(*l));
}

/* ------------------------------------------------------------ drawing */

/* Column widths for the available width: natural widths; while they do
 * not fit, the column with the most room above its minimum is cut; then
 * columns from the right that still do not fit are left out (width 0). */
static void layout(const struct list *l, int width, int *w)
{
	int total = 0;
	for (int c = 0; c < l->ncols; c++) {
		w[c] = l->natural[c];
		total += w[c] + (c ? COLUMN_GAP : 0);
	}
	while (total > width) {
		int best = -1, best_room = 0;
		for (int c = 0; c < l->ncols; c++) {
			int min = l->cols[c].min_width ? l->cols[c].min_width : 6;
			if (w[c] - min > best_room) {
				best_room = w[c] - min;
				best = c;
			}
		}
		if (best < 0)
			break;
		w[best]--;
		total--;
	}
	for (int c = l->ncols - 1; c > 0 && total > width; c--) {
		total -= w[c] + COLUMN_GAP;
		w[c] = 0;
	}
}

static void draw_row(const struct list *l, WINDOW *w, int y, int x, int width,
                     const int *cw, int row, bool header)
{
	int col_x = x;
	mvwhline(w, y, x, ' ', width);
	for (int c = 0; c < l->ncols && cw[c] > 0; c++) {
		const char *text = header ? _(l->cols[c].head) : cell(l, row, c);
		int room = x + width - col_x;
		int cwidth = cw[c] < room ? cw[c] : room;
		if (cwidth <= 0)
			break;
		if (header && c == l->cur_col)
			wattron(w, A_UNDERLINE);
		tw_put(w, y, col_x, text, cwidth, l->cols[c].align);
		if (header && c == l->cur_col)
			wattroff(w, A_UNDERLINE);
		col_x += cw[c] + COLUMN_GAP;
	}
}

/* Keeps the selection inside the window of `height` rows. */
static void scroll_to_selection(struct list *l, int height)
{
	if (height < 1)
		height = 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + height)
		l->top = l->sel - height + 1;
	if (l->top > l->nrows - height)
		l->top = l->nrows - height;
	if (l->top < 0)
		l->top = 0;
}

void list_draw(struct list *l, WINDOW *w, int y, int x, int height, int width)
{
	if (height < 1 || width < 1)
		return;
	int *cw = xcalloc((size_t)l->ncols, sizeof(int));
	layout(l, width, cw);
	wattrset(w, ui_attr(UI_HEADER));
	draw_row(l, w, y, x, width, cw, -1, true);
	int rows = height - 1;
	l->height = rows;
	scroll_to_selection(l, rows);
	for (int i = 0; i < rows; i++) {
		int pos = l->top + i;
		if (pos >= l->nrows) {
			wattrset(w, ui_attr(UI_NORMAL));
			mvwhline(w, y + 1 + i, x, ' ', width);
			continue;
		}
		int row = l->order[pos];
		enum ui_element e = pos == l->sel ? UI_SELECTED
		                    : l->model.style ? l->model.style(l->model.ctx, row)
		                                     : UI_NORMAL;
		wattrset(w, ui_attr(e));
		draw_row(l, w, y + 1 + i, x, width, cw, row, false);
	}
	wattrset(w, ui_attr(UI_NORMAL));
	free(cw);
}

/* ------------------------------------------------------------ motion */

int list_selected(const struct list *l)
{
	return l->nrows > 0 ? l->order[l->sel] : -1;
}

void list_select_row(struct list *l, int row)
{
	for (int pos = 0; pos < l->nrows; pos++)
		if (l->order[pos] == row) {
			l->sel = pos;
			scroll_to_selection(l, l->height);
			return;
		}
}

bool list_move_to(struct list *l, int pos)
{
	if (l->nrows == 0)
		return false;
	if (pos < 0 || pos >= l->nrows)
		pos = pos < 0 && pos != -1 ? 0 : l->nrows - 1;
	bool moved = pos != l->sel;
	l->sel = pos;
	return moved;
}

bool list_move(struct list *l, int delta)
{
	int pos = l->sel + delta;
	if (pos < 0)
		pos = 0;
	if (pos >= l->nrows)
		pos = l->nrows - 1;
	return list_move_to(l, pos);
}

void list_move_column(struct list *l, int delta)
{
	int c = l->cur_col + delta;
	if (c >= 0 && c < l->ncols)
		l->cur_col = c;
}

/* ------------------------------------------------------------ sorting */

static const struct list *sorting; /* qsort has no context argument */

/* A number as shown ("1 200", "0.5", "47 %"), or false for text. */
static bool cell_number(const char *s, double *out)
{
	char buf[64];
	size_t n = 0;
	for (; *s && n + 1 < sizeof(buf); s++) {
		if (*s == ' ' || *s == '%')
			continue;
		if ((unsigned char)*s == 0xc2 && (unsigned char)s[1] == 0xa0) { /* no-break space */
			s++;
			continue;
		}
		buf[n++] = *s == ',' ? '.' : *s;
	}
	buf[n] = '\0';
	if (n == 0)
		return false;
	char *end;
	*out = strtod(buf, &end);
	return *end == '\0';
}

static int compare_rows(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;
	int col = sorting->sort_col;
	const char *ta = cell(sorting, a, col), *tb = cell(sorting, b, col);
	int r;
	double na, nb;
	bool ha = false, hb = false;
	if (sorting->cols[col].numeric) {
		ha = cell_number(ta, &na);
		hb = cell_number(tb, &nb);
	}
	if (ha && hb)
		r = na < nb ? -1 : na > nb;
	else if (ha != hb)
		r = ha ? -1 : 1; /* empty cells last */
	else if (!*ta != !*tb)
		r = *ta ? -1 : 1;
	else
		r = sam_collate_nb(ta, (int)strlen(ta), tb, (int)strlen(tb));
	if (sorting->sort_desc)
		r = -r;
	return r ? r : (a > b) - (a < b); /* stable: the model's order */
}

void list_sort(struct list *l, int col)
{
	if (col < 0 || col >= l->ncols || l->nrows == 0) {
		l->sort_col = col >= 0 && col < l->ncols ? col : l->sort_col;
		return;
	}
	int selected = list_selected(l);
	l->sort_desc = l->sort_col == col ? !l->sort_desc : false;
	l->sort_col = col;
	sorting = l;
	qsort(l->order, (size_t)l->nrows, sizeof(int), compare_rows);
	sorting = NULL;
	list_select_row(l, selected);
}

/* ------------------------------------------------------------ search */

static const char *folded_row(struct list *l, int row)
{
	if (!l->folded)
		l->folded = xcalloc((size_t)l->nrows, sizeof(char *));
	if (!l->folded[row]) {
		struct strbuf sb = {0};
		for (int c = 0; c < l->ncols; c++) {
			sb_add(&sb, cell(l, row, c));
			sb_addc(&sb, '\x1f'); /* a match never spans two cells */
		}
		l->folded[row] = sam_fold_nb(sb.buf);
		sb_free(&sb);
	}
	return l->folded[row];
}

bool list_search(struct list *l, const char *text, int dir, bool from_next)
{
	if (text) {
		free(l->search);
		l->search = *text ? sam_fold_nb(text) : NULL;
	}
	if (!l->search || l->nrows == 0)
		return false;
	int start = from_next ? l->sel + dir : l->sel;
	for (int i = 0; i < l->nrows; i++) {
		int pos = ((start + dir * i) % l->nrows + l->nrows) % l->nrows;
		if (strstr(folded_row(l, l->order[pos]), l->search)) {
			l->sel = pos;
			return true;
		}
	}
	return false;
}
