/* The small questions of form.h: a yes/no box and a line of text on the
 * bottom line. Each runs its own input loop with resize handled there. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/common.h"
#include "tui/colors.h"
#include "tui/form.h"
#include "tui/form_draw.h"
#include "tui/line_edit.h"
#include "tui/width.h"

#define KEY_ESC 27

static void redraw_behind(const struct form_host *h)
{
	if (h->redraw_behind)
		h->redraw_behind(h->ctx);
}

/* ------------------------------------------------------------ yes/no */

static void paint_question(WINDOW **w, const char *question, const char *hint)
{
	int inner = tw_width(question) + 1 + tw_width(hint);
	int width = inner + 4 < COLS ? inner + 4 : COLS;
	WINDOW *box_w = form_window_at(w, 3, width, (LINES - 3) / 2, (COLS - width) / 2);
	wattrset(box_w, ui_attr(UI_NORMAL));
	werase(box_w);
	box_set(box_w, NULL, NULL);
	int qw = tw_width(question) < width - 4 - tw_width(hint) - 1
	                 ? tw_width(question)
	                 : width - 4 - tw_width(hint) - 1;
	wattrset(box_w, ui_attr(UI_TITLE));
	tw_put(box_w, 1, 2, question, qw > 0 ? qw : 0, TW_LEFT);
	wattrset(box_w, ui_attr(UI_HINT));
	tw_put(box_w, 1, 2 + qw + 1, hint, width - 4 - qw - 1, TW_LEFT);
	curs_set(0);
	wnoutrefresh(box_w);
}

bool form_confirm(const struct form_host *h, const char *question)
{
	/* TRANSLATORS: the keys of a yes/no question; j and y both mean yes */
	const char *hint = _("y/n");
	WINDOW *w = NULL;
	bool behind = true;
	int answer = -1;
	while (answer < 0) {
		if (behind)
			redraw_behind(h);
		behind = false;
		paint_question(&w, question, hint);
		doupdate();
		wint_t ch;
		int kind = wget_wch(w, &ch);
		if (kind == ERR)
			answer = 0;
		else if (kind == KEY_CODE_YES)
			behind = ch == KEY_RESIZE;
		else if (ch == 'y' || ch == 'Y' || ch == 'j' || ch == 'J')
			answer = 1;
		else if (ch == 'n' || ch == 'N' || ch == KEY_ESC)
			answer = 0;
	}
	delwin(w);
	return answer == 1;
}

/* ------------------------------------------------------------ a line */

static void paint_line(WINDOW **w, const char *prompt, const struct line_edit *le)
{
	WINDOW *line = form_window_at(w, 1, COLS, LINES - 1, 0);
	wattrset(line, ui_attr(UI_NORMAL));
	werase(line);
	int pw = tw_width(prompt) < COLS / 2 ? tw_width(prompt) : COLS / 2;
	wattrset(line, ui_attr(UI_FORM_LABEL));
	tw_put(line, 0, 0, prompt, pw, TW_LEFT);
	wattrset(line, ui_attr(UI_NORMAL));
	int cx = form_draw_edit(line, 0, pw, COLS - pw, le);
	wmove(line, 0, cx);
	curs_set(1);
	wnoutrefresh(line);
}

static bool is_enter(int kind, wint_t ch)
{
	return kind == KEY_CODE_YES ? ch == KEY_ENTER : ch == '\n' || ch == '\r';
}

char *form_prompt(const struct form_host *h, const char *prompt, const char *initial,
                  void (*on_change)(void *ctx, const char *text), void *change_ctx)
{
	struct line_edit le;
	le_init(&le, initial);
	WINDOW *w = NULL;
	bool behind = true;
	char *result = NULL;
	int cursor_was = curs_set(1);
	for (;;) {
		if (behind)
			redraw_behind(h);
		behind = false;
		paint_line(&w, prompt, &le);
		doupdate();
		wint_t ch;
		int kind = wget_wch(w, &ch);
		if (kind == ERR || (kind == OK && ch == KEY_ESC))
			break;
		if (is_enter(kind, ch)) {
			result = xstrdup(le.text);
			break;
		}
		if (kind == KEY_CODE_YES && ch == KEY_RESIZE) {
			behind = true;
		} else if (le_key(&le, kind == KEY_CODE_YES, ch) == LE_CHANGED && on_change) {
			on_change(change_ctx, le.text);
			behind = true; /* what the change shows (a search) lies behind */
		}
	}
	delwin(w);
	if (cursor_was != ERR)
		curs_set(cursor_was);
	le_free(&le);
	return result;
}
