/* Editing from the full-screen program: the forms (tui/form.c) for adding
 * and editing, a question before deleting, undo, and the one-line prompt.
 * Every change goes through core's one write path in one transaction
 * together with who makes it. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/common.h"
#include "core/undo.h"
#include "core/write.h"
#include "tui/app.h"
#include "tui/colors.h"
#include "tui/form.h"
#include "tui/width.h"


static struct form_host host_of(struct app *app)
{
	struct form_host h = {app->db, app->cfg, app_redraw_behind, app};
	return h;
}

bool app_edit_record(struct app *app, const struct sam_entity *e, const char *id,
                     const struct sam_assign *preset, int npreset, char id_out[SAM_ID_BUF])
{
	struct form_host h = host_of(app);
	char dummy[SAM_ID_BUF];
	enum form_result r = form_edit(&h, e, id, preset, npreset, id_out ? id_out : dummy);
	app->dirty_all = true;
	if (r != FORM_SAVED) {
		app_message(app, _("nothing saved"));
		return false;
	}
	app_data_changed(app);
	app_message(app, _("saved"));
	return true;
}

int app_write_as_author(struct app *app, int (*change)(struct sam_db *, void *, struct sam_err *),
                        void *ctx, struct sam_err *err)
{
	struct sam_author who;
	sam_config_author(app->cfg, &who);
	if (sam_tx_begin(app->db, err) < 0)
		return -1;
	if (sam_db_set_author(app->db, &who, err) < 0 || change(app->db, ctx, err) < 0) {
		sam_tx_rollback(app->db);
		return -1;
	}
	return sam_tx_commit(app->db, err);
}

struct delete_ctx {
	const struct sam_entity *e;
	const char *id;
};

static int delete_change(struct sam_db *db, void *p, struct sam_err *err)
{
	struct delete_ctx *c = p;
	return sam_record_delete(db, c->e, c->id, err);
}

static int undo_change(struct sam_db *db, void *p, struct sam_err *err)
{
	return sam_undo_last(db, p, err);
}

bool app_delete_record(struct app *app, const struct sam_entity *e, const char *id)
{
	char *title = sam_record_title(app->db, e, id);
	char *question = xasprintf(_("Delete %s?"), title);
	bool yes = app_confirm(app, question);
	free(question);
	if (!yes) {
		free(title);
		app_message(app, _("nothing deleted"));
		return false;
	}
	struct delete_ctx ctx = {e, id};
	struct sam_err err;
	int rc = app_write_as_author(app, delete_change, &ctx, &err);
	if (rc < 0) {
		free(title);
		app_error(app, "%s", err.msg);
		return false;
	}
	app_data_changed(app);
	app_message(app, _("deleted %s (u undoes)"), title);
	free(title);
	return true;
}

void app_undo(struct app *app)
{
	struct sam_err err;
	char *what = NULL;
	if (app_write_as_author(app, undo_change, &what, &err) < 0) {
		free(what);
		app_error(app, "%s", err.msg);
		return;
	}
	app_data_changed(app);
	app_message(app, "%s", what ? what : _("undone"));
	free(what);
}

/* ------------------------------------------------------------ questions */

bool app_confirm(struct app *app, const char *question)
{
	struct form_host h = host_of(app);
	bool yes = form_confirm(&h, question);
	app->dirty_all = true;
	return yes;
}

char *app_prompt(struct app *app, const char *prompt, const char *initial,
                 void (*on_change)(void *ctx, const char *text), void *ctx)
{
	struct form_host h = host_of(app);
	char *text = form_prompt(&h, prompt, initial, on_change, ctx);
	app->dirty_all = true;
	return text;
}
