/* The full-screen program's state and what views share: the view
 * operations (tig-style), the screen areas, messages and the edit
 * helpers. One loop turn reads a key (or times out), runs its action,
 * redraws what is dirty and calls doupdate() once. */
#ifndef SAMORDNE_TUI_APP_H
#define SAMORDNE_TUI_APP_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/config.h"
#include "core/db.h"
#include "core/entity.h"
#include "core/record.h"
#include "tui/keymap.h"
#include "tui/list.h"

struct app;
struct app_sync;

struct view_ops {
	const char *name; /* N_(): in the tab bar */
	const char *key;  /* in `:view NAME` */
	void *(*create)(struct app *app);
	void (*destroy)(void *v);
	/* (Re)reads what the view shows from the database; keeps the
	 * selected record by its id. Never called per key. */
	void (*load)(void *v, struct app *app);
	/* Draws the view into w (its whole size), from memory. */
	void (*draw)(void *v, struct app *app, WINDOW *w);
	/* A view's own handling of an action; false passes it on. */
	bool (*action)(void *v, struct app *app, enum action a);
	/* The list the motions, search and sort act on, or NULL. */
	struct list *(*list)(void *v);
	/* The record under the cursor (for history); false if none. */
	bool (*selected)(void *v, const struct sam_entity **e, char id[SAM_ID_BUF]);
	/* `:go TEXT`: select the first row that matches; false if none. */
	bool (*go)(void *v, const char *text);
};

/* The operations of view v. */
const struct view_ops *app_view_ops(enum view_id v);

extern const struct view_ops view_municipalities_ops, view_contacts_ops, view_grants_ops,
	view_calendar_ops, view_overview_ops, view_history_ops, view_sync_ops, view_help_ops;

#define TUI_MIN_ROWS 24
#define TUI_MIN_COLS 80

struct app {
	struct sam_db *db;
	struct sam_config *cfg;
	const char *db_label; /* "demo" or the file's path */
	const char *device_label;
	struct keymap km;

	enum view_id cur;
	enum view_id before_help; /* where ? returns to */
	void *views[VIEW_COUNT];
	bool stale[VIEW_COUNT]; /* to be reloaded before it is drawn next */

	int year; /* the year the figures are shown for */
	/* The record the history view shows: the last one selected. */
	const struct sam_entity *history_entity;
	char history_id[SAM_ID_BUF];

	/* Status bar. */
	int64_t unsynced;
	char *sync_state; /* "synced 13:05", "syncing: pushing 2/5" … */
	enum ui_element sync_state_ui;
	char *message; /* replaces the hint line until the next key */
	bool message_is_error;

	WINDOW *tabw, *bodyw, *hintw, *statusw;
	bool too_small;
	bool dirty_all, dirty_body, dirty_bars;
	bool quit;
	int64_t data_version;
	int64_t last_poll_ms;

	struct app_sync *sync; /* the sync child and the interval (tui/app_sync.c) */
	bool sync_left_running; /* quit while a sync ran: it finishes alone */
};

/* Messages in the hint line (printf-style, already translated). */
void app_message(struct app *app, const char *fmt, ...) SAM_PRINTF(2, 3);
void app_error(struct app *app, const char *fmt, ...) SAM_PRINTF(2, 3);

/* Marks every view for a reload (after a change) and redraws. */
void app_data_changed(struct app *app);
/* Switches to view v (loading it if stale). */
void app_switch(struct app *app, enum view_id v);
/* Draws everything into the windows without doupdate(): the forms ask
 * for it when they need the screen behind them repainted. */
void app_redraw_behind(void *app);

/* Edits through the forms and core's write path (tui/edit.c). */
bool app_edit_record(struct app *app, const struct sam_entity *e, const char *id,
                     const struct sam_assign *preset, int npreset, char id_out[SAM_ID_BUF]);
bool app_delete_record(struct app *app, const struct sam_entity *e, const char *id);
void app_undo(struct app *app);
/* Runs change in one transaction together with recording who makes it,
 * so a change that fails leaves the file as it was. */
int app_write_as_author(struct app *app, int (*change)(struct sam_db *, void *, struct sam_err *),
                        void *ctx, struct sam_err *err);
/* A yes/no question in a box; true for yes. */
bool app_confirm(struct app *app, const char *question);
/* A line of text from the bottom line (`:`, `/`, filters); NULL if
 * cancelled. on_change runs after each edit (incremental search). */
char *app_prompt(struct app *app, const char *prompt, const char *initial,
                 void (*on_change)(void *ctx, const char *text), void *ctx);

/* The sync (tui/app_sync.c): the sync key and :sync start one unless one
 * runs (automatic: by the interval, quietly); the loop calls
 * app_sync_tick every turn to read its progress and start interval syncs. */
void app_sync_init(struct app *app);
void app_sync_free(struct app *app);
void app_sync_start(struct app *app, bool automatic);
void app_sync_tick(struct app *app);
bool app_sync_running(const struct app *app);

/* `:` commands (tui/command.c). */
void app_command(struct app *app, const char *line);

/* The newest year that has settlement figures (for the first screen). */
int app_default_year(struct app *app);

#endif
