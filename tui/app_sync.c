/* The sync in the full-screen program: the sync key, :sync and the
 * interval start a child (tui/sync_child.c) while the program stays
 * usable; each loop turn reads its progress into the status bar, and when
 * it ends the outcome shows there. What it changed reaches the views as
 * any outside change does: through PRAGMA data_version. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/common.h"
#include "sync/sync.h"
#include "tui/app.h"
#include "tui/sync_child.h"
#include "tui/sync_report.h"
#include "tui/webdav_helper.h"

struct app_sync {
	struct sync_child child;  /* pid 0: no sync running */
	struct sync_report report;
	bool automatic;           /* started by the interval, not a key */
	int64_t interval_ms;      /* 0: no interval sync */
	int64_t next_ms;          /* when the interval starts the next one */
};

static void set_state(struct app *app, char *text, enum ui_element e)
{
	free(app->sync_state);
	app->sync_state = text;
	app->sync_state_ui = e;
	app->dirty_bars = true;
}

/* The status bar's sync part from what the database remembers. */
static void state_from_last(struct app *app)
{
	struct sam_sync_last last;
	sam_sync_last(app->db, &last);
	bool is_error;
	char *text = sync_last_text(&last, sam_clock_now_ms(), &is_error);
	set_state(app, text, is_error ? UI_ERROR : UI_STATUS);
}

void app_sync_init(struct app *app)
{
	struct app_sync *s = xcalloc(1, sizeof(*s));
	s->child.fd = -1;
	long seconds = sam_config_get_long(app->cfg, "sync_interval", 0);
	s->interval_ms = seconds > 0 ? (int64_t)seconds * 1000 : 0;
	s->next_ms = sam_clock_now_ms() + s->interval_ms;
	app->sync = s;
	state_from_last(app);
}

/* Quitting while a sync runs lets it finish on its own rather than
 * waiting for it: the protocol is crash-safe, but a finished push is
 * kinder than a cut one, and an unreachable server must not hold the
 * person's terminal until its timeouts run out. The child has its own
 * process group and ignores SIGPIPE, so neither the closed pipe nor the
 * terminal going away stops it. */
void app_sync_free(struct app *app)
{
	struct app_sync *s = app->sync;
	if (!s)
		return;
	if (s->child.pid > 0) {
		sync_child_release(&s->child);
		app->sync_left_running = true;
	}
	free(s);
	app->sync = NULL;
	free(app->sync_state);
	app->sync_state = NULL;
}

bool app_sync_running(const struct app *app)
{
	return app->sync && app->sync->child.pid > 0;
}

void app_sync_start(struct app *app, bool automatic)
{
	struct app_sync *s = app->sync;
	if (s->child.pid > 0) {
		if (!automatic)
			app_error(app, _("a sync is already running"));
		return;
	}
	struct sam_sync_last last;
	sam_sync_last(app->db, &last);
	if (!last.joined) {
		if (!automatic)
			app_error(app, _("no network: run samordne network join URL"));
		return;
	}
	struct sam_err err;
	char *exe = webdav_helper_find(&err);
	if (!exe || sync_child_start(&s->child, exe, app->db->path, &err) < 0) {
		free(exe);
		set_state(app, xstrdup(err.msg), UI_ERROR);
		return;
	}
	free(exe);
	s->automatic = automatic;
	sync_report_init(&s->report);
	set_state(app, xstrdup(s->report.step), UI_STATUS);
}

static void on_line(void *ctx, const char *line)
{
	struct app *app = ctx;
	struct sync_report *r = &app->sync->report;
	char before[sizeof r->step];
	memcpy(before, r->step, sizeof before);
	sync_report_feed(r, line);
	if (strcmp(before, r->step) != 0)
		set_state(app, xstrdup(r->step), UI_STATUS);
}

void app_sync_tick(struct app *app)
{
	struct app_sync *s = app->sync;
	int64_t now = sam_clock_now_ms();
	if (s->child.pid == 0) {
		if (s->interval_ms > 0 && now >= s->next_ms) {
			s->next_ms = now + s->interval_ms;
			app_sync_start(app, true);
		}
		return;
	}
	int status;
	if (!sync_child_poll(&s->child, on_line, app, &status))
		return;
	bool is_error;
	char *outcome = sync_report_outcome(&s->report, status, now, &is_error);
	set_state(app, outcome, is_error ? UI_ERROR : UI_OK);
	/* The interval counts from the end of a sync, so a slow server is
	 * never asked twice at once. */
	s->next_ms = now + s->interval_ms;
	/* Look for the changes it made now, not in half a second. */
	app->last_poll_ms = 0;
}
