/* The full-screen program's loop. Each turn: notice outside changes
 * (PRAGMA data_version, every half second), draw what is dirty into the
 * windows with wnoutrefresh, one doupdate(), then wait up to a quarter of
 * a second for a key. Nothing is cleared per key: curses sends only the
 * cells that changed. */
#include <config.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/common.h"
#include "core/overview.h"
#include "core/write.h"
#include "tui/app.h"
#include "tui/bars.h"
#include "tui/colors.h"
#include "tui/terminal.h"
#include "tui/tui.h"

#define POLL_MS 500
#define KEY_WAIT_MS 250
/* While a sync runs its progress is read between keys: more often. */
#define SYNC_WAIT_MS 100

static const struct view_ops *const all_views[VIEW_COUNT] = {
	[VIEW_MUNICIPALITIES] = &view_municipalities_ops,
	[VIEW_CONTACTS] = &view_contacts_ops,
	[VIEW_GRANTS] = &view_grants_ops,
	[VIEW_CALENDAR] = &view_calendar_ops,
	[VIEW_OVERVIEW] = &view_overview_ops,
	[VIEW_HISTORY] = &view_history_ops,
	[VIEW_SYNC] = &view_sync_ops,
	[VIEW_HELP] = &view_help_ops,
};

const struct view_ops *app_view_ops(enum view_id v)
{
	return all_views[v];
}

/* ------------------------------------------------------------ messages */

static void set_message(struct app *app, bool error, const char *fmt, va_list ap)
{
	free(app->message);
	struct strbuf sb = {0};
	sb_vaddf(&sb, fmt, ap);
	app->message = sb_steal(&sb);
	app->message_is_error = error;
	app->dirty_bars = true;
}

void app_message(struct app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(app, false, fmt, ap);
	va_end(ap);
}

void app_error(struct app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(app, true, fmt, ap);
	va_end(ap);
}

static void clear_message(struct app *app)
{
	if (!app->message)
		return;
	free(app->message);
	app->message = NULL;
	app->dirty_bars = true;
}

/* ------------------------------------------------------------ data */

static int64_t data_version(struct sam_db *db)
{
	sqlite3_stmt *st = sam_db_stmt(db, "PRAGMA data_version");
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return v;
}

static void load_view(struct app *app, enum view_id v)
{
	all_views[v]->load(app->views[v], app);
	app->stale[v] = false;
}

void app_data_changed(struct app *app)
{
	for (int v = 0; v < VIEW_COUNT; v++)
		app->stale[v] = true;
	load_view(app, app->cur);
	app->unsynced = sam_unsynced_count(app->db);
	app->data_version = data_version(app->db);
	app->dirty_all = true;
}

/* Another process (a cron sync, a second window) changed the file. */
static void poll_outside_changes(struct app *app)
{
	int64_t now = sam_clock_now_ms();
	if (now - app->last_poll_ms < POLL_MS)
		return;
	app->last_poll_ms = now;
	if (data_version(app->db) != app->data_version)
		app_data_changed(app);
}

int app_default_year(struct app *app)
{
	return sam_default_year(app->db, "settlement");
}

/* ------------------------------------------------------------ screen */

static void free_windows(struct app *app)
{
	WINDOW **ws[] = {&app->tabw, &app->bodyw, &app->hintw, &app->statusw};
	for (size_t i = 0; i < SAM_ARRAY_LEN(ws); i++) {
		if (*ws[i])
			delwin(*ws[i]);
		*ws[i] = NULL;
	}
}

/* The windows for the terminal's size now. */
static void layout(struct app *app)
{
	free_windows(app);
	app->too_small = LINES < TUI_MIN_ROWS || COLS < TUI_MIN_COLS;
	if (!app->too_small) {
		app->tabw = newwin(1, COLS, 0, 0);
		app->bodyw = newwin(LINES - 3, COLS, 1, 0);
		app->hintw = newwin(1, COLS, LINES - 2, 0);
		app->statusw = newwin(1, COLS, LINES - 1, 0);
		if (!app->tabw || !app->bodyw || !app->hintw || !app->statusw)
			fatal("cannot make the windows");
	}
	app->dirty_all = true;
}

static void draw_body(struct app *app)
{
	if (app->stale[app->cur])
		load_view(app, app->cur);
	wattrset(app->bodyw, ui_attr(UI_NORMAL));
	werase(app->bodyw);
	all_views[app->cur]->draw(app->views[app->cur], app, app->bodyw);
	wnoutrefresh(app->bodyw);
}

/* Draws what is dirty into the virtual screen; no doupdate(). */
static void draw(struct app *app)
{
	if (app->dirty_all) {
		/* The blank stdscr first: it lies under everything, and an
		 * untouched stdscr keeps wget_wch from painting it later. */
		wnoutrefresh(stdscr);
		if (app->too_small) {
			bars_draw_too_small(stdscr);
			wnoutrefresh(stdscr);
			app->dirty_all = app->dirty_body = app->dirty_bars = false;
			return;
		}
	}
	if (app->too_small)
		return;
	if (app->dirty_all || app->dirty_body)
		draw_body(app);
	if (app->dirty_all || app->dirty_bars || app->dirty_body) {
		werase(app->tabw);
		bars_draw_tabs(app, app->tabw);
		wnoutrefresh(app->tabw);
		werase(app->hintw);
		bars_draw_hint(app, app->hintw);
		wnoutrefresh(app->hintw);
		werase(app->statusw);
		bars_draw_status(app, app->statusw);
		wnoutrefresh(app->statusw);
	}
	app->dirty_all = app->dirty_body = app->dirty_bars = false;
}

void app_redraw_behind(void *ctx)
{
	struct app *app = ctx;
	if (LINES != getmaxy(stdscr) || !app->bodyw || COLS != getmaxx(app->bodyw) ||
	    LINES - 3 != getmaxy(app->bodyw))
		layout(app);
	app->dirty_all = true;
	draw(app);
}

/* ------------------------------------------------------------ actions */

void app_switch(struct app *app, enum view_id v)
{
	if (v == app->cur)
		return;
	if (v == VIEW_HISTORY || v == VIEW_HELP) {
		const struct view_ops *ops = all_views[app->cur];
		if (v == VIEW_HISTORY && ops->selected &&
		    ops->selected(app->views[app->cur], &app->history_entity, app->history_id))
			app->stale[VIEW_HISTORY] = true;
		if (v == VIEW_HELP)
			app->before_help = app->cur;
	}
	app->cur = v;
	app->km.pending = 0;
	app->dirty_all = true;
}

static void search_changed(void *ctx, const char *text)
{
	struct app *app = ctx;
	struct list *l = all_views[app->cur]->list(app->views[app->cur]);
	if (!list_search(l, text, +1, false) && *text)
		app_error(app, _("no match for '%s'"), text);
	else
		clear_message(app);
	app->dirty_body = true;
	draw(app);
}

static void search(struct app *app, struct list *l)
{
	int before = l->sel;
	char *text = app_prompt(app, "/", "", search_changed, app);
	if (!text) {
		l->sel = before;
		clear_message(app);
	}
	free(text);
	app->dirty_all = true;
}

/* The motions, search and sort every list-shaped view shares. */
static bool list_action(struct app *app, struct list *l, enum action a)
{
	int page = l->height > 1 ? l->height : 1;
	switch (a) {
	case ACT_DOWN: list_move(l, 1); break;
	case ACT_UP: list_move(l, -1); break;
	case ACT_HALF_PAGE_DOWN: list_move(l, (page + 1) / 2); break;
	case ACT_HALF_PAGE_UP: list_move(l, -(page + 1) / 2); break;
	case ACT_PAGE_DOWN: list_move(l, page); break;
	case ACT_PAGE_UP: list_move(l, -page); break;
	case ACT_TOP: list_move_to(l, 0); break;
	case ACT_BOTTOM: list_move_to(l, -1); break;
	case ACT_COLUMN_LEFT: list_move_column(l, -1); break;
	case ACT_COLUMN_RIGHT: list_move_column(l, 1); break;
	case ACT_SORT: list_sort(l, l->cur_col); break;
	case ACT_SEARCH: search(app, l); break;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (!l->search)
			app_error(app, _("no search yet: / searches"));
		else if (!list_search(l, NULL, a == ACT_SEARCH_NEXT ? 1 : -1, true))
			app_error(app, _("no match"));
		break;
	default: return false;
	}
	app->dirty_body = true;
	return true;
}

static void run_command_line(struct app *app)
{
	char *line = app_prompt(app, ":", "", NULL, NULL);
	app->dirty_all = true;
	if (line)
		app_command(app, line);
	free(line);
}

static void handle_action(struct app *app, enum action a)
{
	const struct view_ops *ops = all_views[app->cur];
	void *v = app->views[app->cur];
	if (ops->action && ops->action(v, app, a)) {
		app->dirty_body = true;
		return;
	}
	struct list *l = ops->list ? ops->list(v) : NULL;
	if (l && list_action(app, l, a))
		return;
	switch (a) {
	case ACT_QUIT:
		if (app->cur == VIEW_HELP)
			app_switch(app, app->before_help);
		else
			app->quit = true;
		break;
	case ACT_HELP: app_switch(app, VIEW_HELP); break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		app->dirty_all = true;
		break;
	case ACT_COMMAND: run_command_line(app); break;
	case ACT_NEXT_VIEW:
	case ACT_PREV_VIEW: {
		int cur = app->cur == VIEW_HELP ? (int)app->before_help : (int)app->cur;
		int step = a == ACT_NEXT_VIEW ? 1 : VIEW_TABS - 1;
		app_switch(app, (enum view_id)((cur + step) % VIEW_TABS));
		break;
	}
	case ACT_VIEW_MUNICIPALITIES: case ACT_VIEW_CONTACTS: case ACT_VIEW_GRANTS:
	case ACT_VIEW_CALENDAR: case ACT_VIEW_OVERVIEW: case ACT_VIEW_HISTORY: case ACT_VIEW_SYNC:
		app_switch(app, (enum view_id)(a - ACT_VIEW_MUNICIPALITIES));
		break;
	case ACT_UNDO: app_undo(app); break;
	case ACT_SYNC: app_sync_start(app, false); break;
	case ACT_NONE: break;
	default:
		app_error(app, _("%s: not in this view"), km_action(a)->name);
		break;
	}
}

static void handle_key(struct app *app, int key)
{
	if (app->too_small) {
		if (key == 'q')
			app->quit = true;
		return;
	}
	bool was_pending = app->km.pending != 0;
	enum action a = km_feed(&app->km, app->cur, key);
	clear_message(app);
	if (a == ACT_NONE) {
		if (app->km.pending || was_pending)
			app->dirty_bars = true;
		return;
	}
	handle_action(app, a);
}

/* ------------------------------------------------------------ the loop */

static void show_config_problems(struct app *app)
{
	if (app->cfg->nproblems == 1)
		app_error(app, "%s", app->cfg->problems[0]);
	else if (app->cfg->nproblems > 1)
		app_error(app, _("%s (and %d more problems in the config)"), app->cfg->problems[0],
		          app->cfg->nproblems - 1);
}

/* `color ELEMENT FG BG ATTR…` and `mono ELEMENT ATTR…` lines. */
static void apply_color_lines(struct app *app)
{
	for (int i = 0; i < app->cfg->nlines; i++) {
		const struct sam_config_line *line = &app->cfg->lines[i];
		bool mono = strcmp(line->words[0], "mono") == 0;
		if (!mono && strcmp(line->words[0], "color") != 0)
			continue;
		if (line->nwords < 3) {
			sam_config_problem(app->cfg, line->lineno,
			                   mono ? _("usage: mono ELEMENT ATTRIBUTE…")
			                        : _("usage: color ELEMENT FOREGROUND BACKGROUND [ATTRIBUTE…]"));
			continue;
		}
		struct strbuf spec = {0};
		for (int w = 2; w < line->nwords; w++)
			sb_addf(&spec, "%s%s", w > 2 ? " " : "", line->words[w]);
		const char *bad;
		if (ui_color_set(line->words[1], spec.buf, mono, &bad) < 0)
			sam_config_problem(app->cfg, line->lineno, _("unknown colour or element '%s'"),
			                   bad);
		sb_free(&spec);
	}
}

static void loop(struct app *app)
{
	while (!app->quit && !term_quit_requested()) {
		app_sync_tick(app);
		poll_outside_changes(app);
		draw(app);
		doupdate();
		wtimeout(stdscr, app_sync_running(app) ? SYNC_WAIT_MS : KEY_WAIT_MS);
		wint_t ch;
		int r = wget_wch(stdscr, &ch);
		if (r == ERR)
			continue; /* a timeout: look for outside changes */
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			layout(app);
			continue;
		}
		handle_key(app, km_key(r == KEY_CODE_YES, ch));
	}
}

static void app_init(struct app *app, struct cli *cli, struct sam_db *db, struct sam_config *cfg)
{
	memset(app, 0, sizeof(*app));
	app->db = db;
	app->cfg = cfg;
	app->db_label = cli->demo ? _("demo") : db->path;
	struct sam_author who;
	sam_config_author(cfg, &who);
	app->device_label = who.label ? who.label : "";
	km_init(&app->km, cfg);
	app->year = app_default_year(app);
	app->cur = VIEW_MUNICIPALITIES;
	for (int v = 0; v < VIEW_COUNT; v++) {
		app->views[v] = all_views[v]->create(app);
		app->stale[v] = true;
	}
	app->unsynced = sam_unsynced_count(db);
	app->data_version = data_version(db);
	app->last_poll_ms = sam_clock_now_ms();
	app_sync_init(app);
}

static void app_free(struct app *app)
{
	for (int v = 0; v < VIEW_COUNT; v++)
		all_views[v]->destroy(app->views[v]);
	free_windows(app);
	km_free(&app->km);
	free(app->message);
	app_sync_free(app);
}

/* The config without printing its problems: the screen shows them. */
static struct sam_config *quiet_config(struct cli *cli, struct sam_err *err, bool *failed)
{
	*failed = false;
	if (!cli->config_loaded) {
		*failed = sam_config_load(NULL, &cli->config, err) < 0;
		cli->config_loaded = true;
	}
	return &cli->config;
}

int tui_run(struct cli *cli)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		char list[] = "list", kind[] = "municipalities";
		char *argv[] = {list, kind, NULL};
		return cli_list(cli, 2, argv);
	}
	struct sam_err cfg_err;
	bool cfg_failed;
	struct sam_config *cfg = quiet_config(cli, &cfg_err, &cfg_failed);
	struct sam_db *db = cli_db(cli);
	if (!db)
		return CLI_FAILED;
	struct app app;
	app_init(&app, cli, db, cfg);
	if (!term_start()) {
		app_free(&app);
		cli_error(_("cannot start the full-screen program on this terminal (TERM=%s)"),
		          getenv("TERM") ? getenv("TERM") : "");
		return CLI_FAILED;
	}
	ui_colors_init(false);
	apply_color_lines(&app);
	wtimeout(stdscr, KEY_WAIT_MS);
	layout(&app);
	if (cfg_failed)
		app_error(&app, "%s", cfg_err.msg);
	else
		show_config_problems(&app);
	loop(&app);
	term_stop();
	app_free(&app);
	if (app.sync_left_running)
		cli_error(_("the sync goes on in the background and ends by itself"));
	/* Problems of the config stay worth reading after the screen is gone. */
	for (int i = 0; i < cfg->nproblems; i++)
		cli_error("%s", cfg->problems[i]);
	return CLI_OK;
}
