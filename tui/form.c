/* The form's input loop (see form.h): keys go to the model
 * (tui/form_model.c), the screen is drawn by tui/form_draw.c, once per
 * key with one doupdate(). A resize repaints the screen behind and the
 * form at the new size with what was typed; below the smallest size the
 * form waits, keeping it, until the terminal is large enough again. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/common.h"
#include "core/config.h"
#include "tui/app.h"
#include "tui/colors.h"
#include "tui/form.h"
#include "tui/form_draw.h"
#include "tui/form_model.h"
#include "tui/width.h"

#define KEY_ESC 27

struct form_screen {
	const struct form_host *h;
	struct form_model *m;
	WINDOW *win; /* the form's box, or the "too small" line */
};

static bool too_small(void)
{
	return LINES < TUI_MIN_ROWS || COLS < TUI_MIN_COLS;
}

static void paint_too_small(struct form_screen *s)
{
	form_window_at(&s->win, 1, COLS, LINES - 1, 0);
	char *msg = xasprintf(_("The form needs at least %d×%d (what you typed is kept; Esc "
	                        "cancels)"),
	                      TUI_MIN_COLS, TUI_MIN_ROWS);
	wattrset(s->win, ui_attr(UI_ERROR));
	tw_put(s->win, 0, 0, msg, COLS, TW_LEFT);
	free(msg);
	curs_set(0);
	wnoutrefresh(s->win);
}

/* Paints the form (and first the screen behind it, if asked) without
 * doupdate(). */
static void paint(struct form_screen *s, bool behind)
{
	if (behind && s->h->redraw_behind)
		s->h->redraw_behind(s->h->ctx);
	if (too_small()) {
		paint_too_small(s);
		return;
	}
	struct form_geom g;
	form_layout(s->m, LINES, COLS, &g);
	form_window_at(&s->win, g.h, g.w, g.y, g.x);
	int cy, cx;
	form_draw(s->win, s->m, &g, &cy, &cx);
	if (cy >= 0) {
		wmove(s->win, cy, cx);
		curs_set(1);
	} else {
		curs_set(0);
	}
	wnoutrefresh(s->win);
}

/* For a question asked over the form: the host's screen, then the form. */
static void paint_behind_question(void *ctx)
{
	paint(ctx, true);
}

static bool discard_ok(struct form_screen *s)
{
	if (!fm_changed(s->m))
		return true;
	struct form_host over = *s->h;
	over.redraw_behind = paint_behind_question;
	over.ctx = s;
	return form_confirm(&over, _("Discard changes?"));
}

enum form_result form_edit(const struct form_host *h, const struct sam_entity *e, const char *id,
                           const struct sam_assign *preset, int npreset, char id_out[SAM_ID_BUF])
{
	struct form_model m;
	fm_init(&m, h->db, e, id, preset, npreset);
	struct form_screen s = {.h = h, .m = &m};
	enum form_result result = FORM_CANCELLED;
	bool behind = true, done = false;
	int cursor_was = curs_set(1);
	while (!done) {
		paint(&s, behind);
		doupdate();
		behind = false;
		wint_t ch;
		int kind = wget_wch(s.win, &ch);
		if (kind == ERR) /* the terminal is gone, or a signal asks us to end */
			break;
		bool is_key = kind == KEY_CODE_YES;
		if (is_key && ch == KEY_RESIZE) {
			behind = true;
			continue;
		}
		if (too_small()) {
			/* nothing of the form shows: only Esc means something */
			if (!is_key && ch == KEY_ESC && discard_ok(&s))
				done = true;
			behind = true;
			continue;
		}
		switch (fm_key(&m, is_key, ch)) {
		case FM_SAVE:
			if (m.editing && !fm_changed(&m)) {
				done = true; /* nothing to save */
				break;
			}
			struct sam_author who;
			sam_config_author(h->cfg, &who);
			if (fm_save(&m, &who) == 0) {
				memcpy(id_out, m.id, SAM_ID_BUF);
				result = FORM_SAVED;
				done = true;
			}
			break;
		case FM_CANCEL:
			done = discard_ok(&s);
			behind = !done;
			break;
		case FM_HANDLED:
		case FM_UNHANDLED:
			break;
		}
	}
	if (s.win)
		delwin(s.win);
	if (cursor_was != ERR)
		curs_set(cursor_was);
	fm_free(&m);
	return result;
}
