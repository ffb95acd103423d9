/* The lines around the view: the tab bar, the hint (or message) line and
 * the status bar. The hints are made from the keymap, so a rebound key
 * shows as the user bound it. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/common.h"
#include "tui/app.h"
#include "tui/bars.h"
#include "tui/colors.h"
#include "tui/width.h"

/* " 3 Grants ", or "3 Grants" when the padded tabs do not fit. */
static char *tab_label(enum view_id v, bool padded)
{
	return xasprintf(padded ? " %d %s " : "%d %s", (int)v + 1, _(app_view_ops(v)->name));
}

static bool padded_tabs_fit(int width)
{
	int need = 0;
	for (int v = 0; v < VIEW_TABS; v++) {
		char *label = tab_label((enum view_id)v, true);
		need += tw_width(label) + 1;
		free(label);
	}
	return need <= width;
}

void bars_draw_tabs(const struct app *app, WINDOW *w)
{
	int width = getmaxx(w);
	wattrset(w, ui_attr(UI_TAB));
	mvwhline(w, 0, 0, ' ', width);
	int x = 0;
	bool padded = padded_tabs_fit(width);
	for (int v = 0; v < VIEW_TABS && x < width; v++) {
		char *label = tab_label((enum view_id)v, padded);
		int lw = tw_width(label);
		wattrset(w, ui_attr(v == (int)app->cur ? UI_TAB_ACTIVE : UI_TAB));
		tw_put(w, 0, x, label, lw < width - x ? lw : width - x, TW_LEFT);
		x += lw + 1;
		free(label);
	}
	if (app->cur == VIEW_HELP && x < width) {
		wattrset(w, ui_attr(UI_TAB_ACTIVE));
		char *label = xasprintf(" %s ", _(view_help_ops.name));
		tw_put(w, 0, x, label, width - x, TW_LEFT);
		free(label);
	}
	wattrset(w, ui_attr(UI_NORMAL));
}

/* "e edit  a add  / search …": the view's hinted actions, first key each. */
static char *hint_text(const struct app *app)
{
	struct strbuf sb = {0};
	sb_add(&sb, "");
	for (int a = 1; a < ACT_COUNT; a++) {
		const struct action_def *d = km_action((enum action)a);
		if (!d->hint || !(d->views & VIEW_BIT(app->cur)))
			continue;
		char *keys = km_keys_text(&app->km, (enum action)a);
		if (*keys) {
			keys[strcspn(keys, ",")] = '\0';
			sb_addf(&sb, "%s%s %s", sb.len ? "  " : "", keys, d->name);
		}
		free(keys);
	}
	return sb_steal(&sb);
}

void bars_draw_hint(const struct app *app, WINDOW *w)
{
	int width = getmaxx(w);
	if (app->message) {
		wattrset(w, ui_attr(app->message_is_error ? UI_ERROR : UI_OK));
		tw_put(w, 0, 0, app->message, width, TW_LEFT);
	} else if (app->km.pending) {
		char name[32];
		km_key_name(app->km.pending, name);
		wattrset(w, ui_attr(UI_HINT));
		tw_put(w, 0, 0, name, width, TW_LEFT);
	} else {
		char *hint = hint_text(app);
		wattrset(w, ui_attr(UI_HINT));
		tw_put(w, 0, 0, hint, width, TW_LEFT);
		free(hint);
	}
	wattrset(w, ui_attr(UI_NORMAL));
}

/* " samordne │ FILE │ DEVICE │ SYNC │ N changes not synced ": the sync
 * part in its own colour (an outcome in UI_OK or UI_ERROR); when room is
 * short the file's path gives way first, the sync part next. */
void bars_draw_status(const struct app *app, WINDOW *w)
{
	int width = getmaxx(w);
	char *unsynced =
		xasprintf(ngettext("%lld change not synced", "%lld changes not synced",
		                   (unsigned long)app->unsynced),
		          (long long)app->unsynced);
	char *tail = xasprintf(" │ %s ", unsynced);
	char *left = xasprintf(" samordne │ %s │ %s │ ", app->db_label, app->device_label);
	const char *sync = app->sync_state ? app->sync_state : "";
	int tw = tw_width(tail) < width ? tw_width(tail) : width;
	int sw = tw_width(sync);
	int sync_room = width - tw - tw_width(" samordne │ ");
	if (sw > sync_room)
		sw = sync_room > 0 ? sync_room : 0;
	int lw = width - tw - sw;
	wattrset(w, ui_attr(UI_STATUS));
	if (tw_width(left) > lw && lw > 3) {
		/* Cut inside the left part, but keep its closing separator. */
		tw_put(w, 0, 0, left, lw - 3, TW_LEFT);
		tw_put(w, 0, lw - 3, " │ ", 3, TW_LEFT);
	} else {
		tw_put(w, 0, 0, left, lw, TW_LEFT);
	}
	wattrset(w, ui_attr(app->sync_state_ui));
	tw_put(w, 0, lw, sync, sw, TW_LEFT);
	wattrset(w, ui_attr(UI_STATUS));
	tw_put(w, 0, lw + sw, tail, tw, TW_LEFT);
	wattrset(w, ui_attr(UI_NORMAL));
	free(unsynced);
	free(tail);
	free(left);
}

void bars_draw_too_small(WINDOW *w)
{
	int rows, cols;
	getmaxyx(w, rows, cols);
	werase(w);
	char *need = xasprintf(_("at least %d×%d"), TUI_MIN_COLS, TUI_MIN_ROWS);
	char *have = xasprintf(_("now %d×%d"), cols, rows);
	const char *lines[] = {_("terminal too small"), need, have, _("q quits")};
	int top = (rows - (int)SAM_ARRAY_LEN(lines)) / 2;
	for (int i = 0; i < (int)SAM_ARRAY_LEN(lines); i++)
		if (top + i >= 0 && top + i < rows)
			tw_put(w, top + i, 0, lines[i], cols, TW_CENTER);
	free(need);
	free(have);
}
