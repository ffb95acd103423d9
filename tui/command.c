/* The `:` command line: :year 2016, :go Moss, :view contacts, :sync, :help, :q. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/common.h"
#include "tui/app.h"

static void cmd_year(struct app *app, const char *arg)
{
	char *end;
	long y = strtol(arg, &end, 10);
	if (!*arg || *end || y < 2000 || y > 2100) {
		app_error(app, _("'%s' is not a year (2000–2100)"), arg);
		return;
	}
	app->year = (int)y;
	app_data_changed(app);
	app_message(app, _("showing %ld"), y);
}

/* :go NAME selects it in this view, or else in the municipalities. */
static void cmd_go(struct app *app, const char *arg)
{
	if (!*arg) {
		app_error(app, _("usage: :go NAME"));
		return;
	}
	enum view_id order[] = {app->cur, VIEW_MUNICIPALITIES, VIEW_CONTACTS};
	for (size_t i = 0; i < SAM_ARRAY_LEN(order); i++) {
		enum view_id v = order[i];
		const struct view_ops *ops = app_view_ops(v);
		if (!ops->go)
			continue;
		if (app->stale[v]) {
			ops->load(app->views[v], app);
			app->stale[v] = false;
		}
		if (ops->go(app->views[v], arg)) {
			app_switch(app, v);
			return;
		}
	}
	app_error(app, _("nothing called '%s' here"), arg);
}

static void cmd_view(struct app *app, const char *arg)
{
	for (int v = 0; v < VIEW_COUNT; v++)
		if (strcmp(app_view_ops(v)->key, arg) == 0 ||
		    (*arg && strcmp(_(app_view_ops(v)->name), arg) == 0)) {
			app_switch(app, (enum view_id)v);
			return;
		}
	app_error(app, _("no view called '%s'"), arg);
}

void app_command(struct app *app, const char *line)
{
	while (*line == ' ')
		line++;
	size_t n = strcspn(line, " ");
	const char *arg = line + n;
	while (*arg == ' ')
		arg++;
	char *cmd = xstrndup(line, n);
	char *argument = xstrdup(arg);
	size_t len = strlen(argument);
	while (len > 0 && argument[len - 1] == ' ')
		argument[--len] = '\0';
	if (strcmp(cmd, "q") == 0 || strcmp(cmd, "quit") == 0)
		app->quit = true;
	else if (strcmp(cmd, "year") == 0)
		cmd_year(app, argument);
	else if (strcmp(cmd, "go") == 0)
		cmd_go(app, argument);
	else if (strcmp(cmd, "view") == 0)
		cmd_view(app, argument);
	else if (strcmp(cmd, "sync") == 0)
		app_sync_start(app, false);
	else if (strcmp(cmd, "help") == 0)
		app_switch(app, VIEW_HELP);
	else if (*cmd)
		app_error(app, _("unknown command ':%s' (try :year, :go, :view, :sync, :help, :q)"), cmd);
	free(cmd);
	free(argument);
}
