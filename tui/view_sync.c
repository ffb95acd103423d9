/* The Sync view: the network this database belongs to, this laptop, the
 * laptops it knows (how far their changes are applied here, and why a log
 * is held back), and the conflicts: concurrent edits of one field where a
 * typed value lost. One key makes the losing value current again (a new
 * change, so it wins everywhere after the next sync); one key stops
 * listing a conflict. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/common.h"
#include "core/conflict.h"
#include "core/record.h"
#include "sync/sync.h"
#include "tui/app.h"
#include "tui/sync_report.h"
#include "tui/view_common.h"

enum { S_RECORD, S_FIELD, S_KEPT, S_KEPT_BY, S_LOST, S_LOST_BY, S_ID };

static const struct list_column columns[] = {
	{N_("record"), 24, TW_LEFT, false, 10}, {N_("field"), 18, TW_LEFT, false, 8},
	{N_("kept"), 16, TW_LEFT, false, 6},    {N_("kept: who, when"), 30, TW_LEFT, false, 10},
	{N_("lost"), 16, TW_LEFT, false, 6},    {N_("lost: who, when"), 30, TW_LEFT, false, 10},
};
static const int table_cols[] = {S_RECORD, S_FIELD, S_KEPT, S_KEPT_BY, S_LOST, S_LOST_BY};

struct sync_view {
	struct table_model model;
	struct list list;
	struct sam_conflicts conflicts; /* row r of the table is conflicts.c[r] */
	struct sam_sync_status status;
	bool have_status;
	char *error;
};

static void *create(struct app *app)
{
	(void)app;
	struct sync_view *v = xcalloc(1, sizeof(*v));
	table_model_init(&v->model, &v->list, columns, (int)SAM_ARRAY_LEN(columns), table_cols, S_ID);
	return v;
}

static void forget(struct sync_view *v)
{
	sam_conflicts_free(&v->conflicts);
	if (v->have_status)
		sam_sync_status_free(&v->status);
	v->have_status = false;
	free(v->error);
	v->error = NULL;
}

static void destroy(void *p)
{
	struct sync_view *v = p;
	forget(v);
	sam_table_free(&v->model.t);
	list_free(&v->list);
	free(v);
}

/* "13:05" today, the date before, "never" for 0. */
static void when_or_never(int64_t ms, char out[32])
{
	if (ms > 0)
		sync_when_text(ms, sam_clock_now_ms(), out);
	else
		snprintf(out, 32, "%s", _("never"));
}

/* A value as people read it; a field this version does not know (from a
 * newer laptop) shows its stored text. */
static char *value_text(struct sam_db *db, const struct sam_conflict *c,
                        const struct sam_value *value)
{
	const struct sam_entity *e = sam_entity_find(c->entity);
	const struct sam_field *f = e ? sam_entity_field(e, c->field) : NULL;
	if (f)
		return sam_record_value_text(db, f, value);
	if (value->kind == SAM_V_TEXT)
		return xstrdup(value->s);
	if (value->kind == SAM_V_INT)
		return xasprintf("%lld", (long long)value->i);
	return xstrdup("");
}

static const char *field_label(const struct sam_conflict *c)
{
	const struct sam_entity *e = sam_entity_find(c->entity);
	const struct sam_field *f = e ? sam_entity_field(e, c->field) : NULL;
	return f ? _(f->label) : c->field;
}

static char *record_title(struct sam_db *db, const struct sam_conflict *c)
{
	const struct sam_entity *e = sam_entity_find(c->entity);
	return e ? sam_record_title(db, e, c->rid) : xstrdup(c->rid);
}

static void set_side(struct sam_table *t, int row, int value_col, struct sam_db *db,
                     const struct sam_conflict *c, const struct sam_conflict_side *s)
{
	char *value = value_text(db, c, &s->value);
	char when[32];
	when_or_never(s->ms, when);
	char *by = xasprintf("%s, %s", s->who, when);
	sam_table_set(t, row, value_col, value);
	sam_table_set(t, row, value_col + 1, by);
	free(value);
	free(by);
}

static void load(void *p, struct app *app)
{
	struct sync_view *v = p;
	forget(v);
	struct sam_err err;
	if (sam_sync_status_load(app->db, &v->status, &err) < 0)
		v->error = xstrdup(err.msg);
	else
		v->have_status = true;
	struct sam_table t;
	sam_table_init(&t, S_ID + 1);
	if (!v->error && sam_conflicts_load(app->db, &v->conflicts, &err) < 0)
		v->error = xstrdup(err.msg);
	for (int i = 0; i < v->conflicts.n; i++) {
		const struct sam_conflict *c = &v->conflicts.c[i];
		int row = sam_table_add_row(&t);
		char *title = record_title(app->db, c);
		char *id = xasprintf("%s:%lld", c->loser.dev, (long long)c->loser.seq);
		sam_table_set(&t, row, S_RECORD, title);
		sam_table_set(&t, row, S_FIELD, field_label(c));
		set_side(&t, row, S_KEPT, app->db, c, &c->winner);
		set_side(&t, row, S_LOST, app->db, c, &c->loser);
		sam_table_set(&t, row, S_ID, id);
		free(title);
		free(id);
	}
	table_model_reload(&v->model, &v->list, &t);
}

/* ------------------------------------------------------------ drawing */

static int draw_device(WINDOW *w, int y, int width, const struct sam_sync_device_status *d)
{
	char seen[32];
	when_or_never(d->last_seen_ms, seen);
	char *line = d->head_seg >= 0
	                     ? xasprintf(_("  %s (%.8s)  last seen %s  applied %lld of %lld"), d->label,
	                                 d->dev, seen, (long long)d->applied_seg, (long long)d->head_seg)
	                     : xasprintf(_("  %s (%.8s)  last seen %s  applied %lld"), d->label, d->dev,
	                                 seen, (long long)d->applied_seg);
	y = pane_line(w, y, 0, width, UI_NORMAL, line);
	free(line);
	if (d->parked) {
		line = xasprintf(_("      held back: %s"), d->parked);
		y = pane_line(w, y, 0, width, UI_ERROR, line);
		free(line);
	}
	if (d->flag) {
		line = xasprintf(_("      note: %s"), d->flag);
		y = pane_line(w, y, 0, width, UI_DIM, line);
		free(line);
	}
	return y;
}

/* The network, this laptop and the others; returns the next row. At most
 * max_rows rows, so the conflicts keep room. */
static int draw_network(struct sync_view *v, struct app *app, WINDOW *w, int width, int max_rows)
{
	const struct sam_sync_status *st = &v->status;
	if (!st->url)
		return pane_line(w, 0, 0, width, UI_TITLE,
		                 _("No network yet: run samordne network join URL (or network create URL)"));
	/* The sync key as bound: the hint line has no room for it. */
	char *keys = km_keys_text(&app->km, ACT_SYNC);
	keys[strcspn(keys, ",")] = '\0';
	char *line = *keys ? xasprintf(_("Network: %s  (%s syncs now)"), st->url, keys)
	                   : xasprintf(_("Network: %s"), st->url);
	int y = pane_line(w, 0, 0, width, UI_TITLE, line);
	free(line);
	free(keys);
	char *me = sam_device_who(app->db, app->db->dev);
	bool is_error;
	char *last = sync_last_text(&st->last, sam_clock_now_ms(), &is_error);
	line = xasprintf(_("This laptop: %s (%.8s), %s"), me, app->db->dev, last);
	y = pane_line(w, y, 0, width, is_error ? UI_ERROR : UI_NORMAL, line);
	free(line);
	free(last);
	free(me);
	y = pane_line(w, y, 0, width, UI_HEADER, _("Laptops in the network"));
	int shown = 0;
	for (int i = 0; i < st->ndev && y < max_rows; i++) {
		if (strcmp(st->dev[i].dev, app->db->dev) == 0)
			continue;
		y = draw_device(w, y, width, &st->dev[i]);
		shown++;
	}
	if (shown == 0)
		y = pane_line(w, y, 0, width, UI_DIM, _("  none yet: they appear after a sync"));
	return y;
}

/* Both sides of the selected conflict in full, under the list. */
static void draw_details(struct sync_view *v, struct app *app, WINDOW *w, int y, int width)
{
	int row = list_selected(&v->list);
	if (row < 0 || row >= v->conflicts.n)
		return;
	const struct sam_conflict *c = &v->conflicts.c[row];
	const struct sam_conflict_side *sides[] = {&c->winner, &c->loser};
	for (int i = 0; i < 2; i++) {
		char *value = value_text(app->db, c, &sides[i]->value);
		char when[32];
		when_or_never(sides[i]->ms, when);
		char *line = i == 0 ? xasprintf(_("kept: %s — %s, %s"), value, sides[i]->who, when)
		                    : xasprintf(_("lost: %s — %s, %s"), value, sides[i]->who, when);
		y = pane_line(w, y, 0, width, i == 0 ? UI_NORMAL : UI_ERROR, line);
		free(line);
		free(value);
	}
}

static void draw(void *p, struct app *app, WINDOW *w)
{
	struct sync_view *v = p;
	int h, width;
	getmaxyx(w, h, width);
	if (v->error) {
		pane_line(w, 0, 0, width, UI_ERROR, v->error);
		return;
	}
	int y = draw_network(v, app, w, width, h / 2) + 1;
	char *head = v->conflicts.n
	                     ? xasprintf(ngettext("%d conflict: r restores the value that lost, x "
	                                          "keeps the one that won",
	                                          "%d conflicts: r restores the value that lost, x "
	                                          "keeps the one that won",
	                                          (unsigned long)v->conflicts.n),
	                                 v->conflicts.n)
	                     : xstrdup(_("No conflicts"));
	y = pane_line(w, y, 0, width, UI_TITLE, head);
	free(head);
	if (v->conflicts.n == 0 || y >= h)
		return;
	int list_h = h - y - 2;
	if (list_h < 2)
		list_h = h - y;
	list_draw(&v->list, w, y, 0, list_h, width);
	if (y + list_h + 2 <= h)
		draw_details(v, app, w, y + list_h, width);
}

/* ------------------------------------------------------------ actions */

static int restore_change(struct sam_db *db, void *ctx, struct sam_err *err)
{
	return sam_conflict_restore(db, ctx, err);
}

static int dismiss_change(struct sam_db *db, void *ctx, struct sam_err *err)
{
	return sam_conflict_dismiss(db, ctx, err);
}

/* Asks, then restores or dismisses the selected conflict. */
static void settle(struct sync_view *v, struct app *app, bool restore)
{
	int row = list_selected(&v->list);
	if (row < 0 || row >= v->conflicts.n) {
		app_error(app, _("no conflict selected"));
		return;
	}
	struct sam_conflict *c = &v->conflicts.c[row];
	char *title = record_title(app->db, c);
	char *lost = value_text(app->db, c, &c->loser.value);
	char *kept = value_text(app->db, c, &c->winner.value);
	char *field = xstrdup(field_label(c));
	char *question = restore ? xasprintf(_("Make %s the %s of %s again?"), lost, field, title)
	                         : xasprintf(_("Keep %s as the %s of %s and forget %s?"), kept, field,
	                                     title, lost);
	struct sam_err err;
	if (!app_confirm(app, question))
		app_message(app, _("nothing changed"));
	else if (app_write_as_author(app, restore ? restore_change : dismiss_change,
	                             c, &err) < 0)
		app_error(app, "%s", err.msg);
	else {
		/* c is gone after the reload: the message is made from copies. */
		app_data_changed(app);
		if (restore)
			app_message(app, _("%s of %s is %s again (sent with the next sync)"), field, title,
			            lost);
		else
			app_message(app, _("kept %s as the %s of %s"), kept, field, title);
	}
	free(question);
	free(field);
	free(kept);
	free(lost);
	free(title);
}

static bool action(void *p, struct app *app, enum action a)
{
	struct sync_view *v = p;
	if (a != ACT_RESTORE_CONFLICT && a != ACT_DISMISS_CONFLICT)
		return false;
	settle(v, app, a == ACT_RESTORE_CONFLICT);
	return true;
}

static struct list *list_of(void *p)
{
	return &((struct sync_view *)p)->list;
}

static bool selected(void *p, const struct sam_entity **e, char id[SAM_ID_BUF])
{
	struct sync_view *v = p;
	int row = list_selected(&v->list);
	if (row < 0 || row >= v->conflicts.n)
		return false;
	const struct sam_conflict *c = &v->conflicts.c[row];
	*e = sam_entity_find(c->entity);
	if (!*e)
		return false;
	snprintf(id, SAM_ID_BUF, "%s", c->rid);
	return true;
}

const struct view_ops view_sync_ops = {
	N_("Sync"), "sync", create, destroy, load, draw, action, list_of, selected, NULL,
};
