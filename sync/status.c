/* What `sync --status` and the status bar show, from the database alone. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/conflict.h"
#include "core/write.h"
#include "sync/session.h"

/* Here rather than in session.c: samordne reads the status without
 * linking the network code (see tui/webdav_helper.h). */
bool sync_network_get(struct sam_db *db, char ws[SYNC_WS_MAX + 1], char **url)
{
	sqlite3_stmt *st = sam_db_stmt(db, "SELECT ws, url FROM sync_network WHERE id = 1");
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		snprintf(ws, SYNC_WS_MAX + 1, "%s", (const char *)sqlite3_column_text(st, 0));
		if (url)
			*url = xstrdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	return found;
}

int sam_sync_last(struct sam_db *db, struct sam_sync_last *out)
{
	*out = (struct sam_sync_last){0};
	char ws[SYNC_WS_MAX + 1];
	out->joined = sync_network_get(db, ws, NULL);
	out->unpushed = sam_unsynced_count(db);
	sqlite3_stmt *st = sam_db_stmt(db, "SELECT finished, coalesce(last_ok, 0), outcome, message "
	                                   "FROM sync_run WHERE id = 1");
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->finished_ms = sqlite3_column_int64(st, 0);
		out->last_ok_ms = sqlite3_column_int64(st, 1);
		snprintf(out->outcome, sizeof out->outcome, "%s", (const char *)sqlite3_column_text(st, 2));
		snprintf(out->message, sizeof out->message, "%s", (const char *)sqlite3_column_text(st, 3));
	}
	sqlite3_reset(st);
	return 0;
}

static char *text_or_null(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return s ? xstrdup(s) : NULL;
}

int sam_sync_status_load(struct sam_db *db, struct sam_sync_status *out, struct sam_err *err)
{
	*out = (struct sam_sync_status){0};
	sam_sync_last(db, &out->last);
	char ws[SYNC_WS_MAX + 1];
	sync_network_get(db, ws, &out->url);
	sqlite3_stmt *st = sam_db_stmt(db, "SELECT dev, coalesce(last_seen, 0), seg, "
	                                   "coalesce(head_seg, -1), parked, flag FROM sync_device "
	                                   "ORDER BY dev");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->dev = xrealloc(out->dev, (size_t)(out->ndev + 1) * sizeof *out->dev);
		struct sam_sync_device_status *d = &out->dev[out->ndev++];
		*d = (struct sam_sync_device_status){0};
		snprintf(d->dev, sizeof d->dev, "%s", (const char *)sqlite3_column_text(st, 0));
		d->last_seen_ms = sqlite3_column_int64(st, 1);
		d->applied_seg = sqlite3_column_int64(st, 2);
		d->head_seg = sqlite3_column_int64(st, 3);
		d->parked = text_or_null(st, 4);
		d->flag = text_or_null(st, 5);
	}
	sqlite3_reset(st);
	for (int i = 0; i < out->ndev; i++)
		out->dev[i].label = sam_device_who(db, out->dev[i].dev);
	if (rc != SQLITE_DONE) {
		sam_sync_status_free(out);
		return sam_db_fail(db, err);
	}
	return 0;
}

void sam_sync_status_free(struct sam_sync_status *s)
{
	for (int i = 0; i < s->ndev; i++) {
		free(s->dev[i].label);
		free(s->dev[i].parked);
		free(s->dev[i].flag);
	}
	free(s->dev);
	free(s->url);
	*s = (struct sam_sync_status){0};
}
