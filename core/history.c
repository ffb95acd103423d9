/* A record's history (see history.h): its ops in stamp order, each with
 * the value it replaced. Ops that lost to a newer one are listed too, as
 * they were typed; `won` marks the current value of each field. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/history.h"
#include "core/write.h"

/* Who made a change is the device's author as it was then: the newest
 * value of the device record's field with a stamp not after the change's
 * (the CLI and the TUI record the author in the same transaction, before
 * the change). */
#define AUTHOR_AT(field)                                                          \
	"COALESCE((SELECT a.value FROM op a WHERE a.rid = d.id AND a.entity = 'device'" \
	"            AND a.field = '" field "' AND a.hlc <= o.hlc"                     \
	"          ORDER BY a.hlc DESC LIMIT 1), d." field ")"

static const char sql_history[] =
	"SELECT o.hlc, o.dev, o.field, o.value, " AUTHOR_AT("user_name") ", " AUTHOR_AT("label") ","
	"       (SELECT c.dev = o.dev AND c.seq = o.seq FROM field_clock c"
	"         WHERE c.entity = o.entity AND c.rid = o.rid AND c.field = o.field)"
	"  FROM op o LEFT JOIN device d ON d.dev = o.dev AND d.deleted = 0"
	" WHERE o.rid = ? AND o.entity = ?"
	" ORDER BY o.hlc, o.dev";

static char *who(const char *dev, const char *name, const char *label)
{
	bool has_name = name && *name, has_label = label && *label;
	if (has_name && has_label)
		return xasprintf("%s, %s", name, label);
	if (has_name || has_label)
		return xstrdup(has_name ? name : label);
	return xstrdup(dev);
}

/* The value the field had before entry i: the latest earlier entry of the
 * same field. */
static void previous_value(struct sam_history *h, int i)
{
	for (int j = i - 1; j >= 0; j--) {
		if (strcmp(h->e[j].field, h->e[i].field) == 0) {
			sam_value_copy(&h->e[i].old_value, &h->e[j].new_value);
			return;
		}
	}
}

int sam_history_load(struct sam_db *db, const char *entity, const char *id,
                     struct sam_history *out, struct sam_err *err)
{
	*out = (struct sam_history){0};
	sqlite3_stmt *st = sam_db_stmt(db, sql_history);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, entity, -1, SQLITE_STATIC);
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? 2 * cap : 16;
			out->e = xrealloc(out->e, (size_t)cap * sizeof *out->e);
		}
		struct sam_history_entry *e = &out->e[out->n];
		*e = (struct sam_history_entry){0};
		e->ms = SAM_HLC_MS(sqlite3_column_int64(st, 0));
		e->dev = xstrdup((const char *)sqlite3_column_text(st, 1));
		e->field = xstrdup((const char *)sqlite3_column_text(st, 2));
		sam_value_from_column(&e->new_value, st, 3);
		e->who = who(e->dev, (const char *)sqlite3_column_text(st, 4),
		             (const char *)sqlite3_column_text(st, 5));
		e->won = sqlite3_column_int(st, 6);
		previous_value(out, out->n);
		out->n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		sam_history_free(out);
		return sam_db_fail(db, err);
	}
	return 0;
}

void sam_history_free(struct sam_history *h)
{
	for (int i = 0; i < h->n; i++) {
		free(h->e[i].dev);
		free(h->e[i].who);
		free(h->e[i].field);
		sam_value_clear(&h->e[i].old_value);
		sam_value_clear(&h->e[i].new_value);
	}
	free(h->e);
	*h = (struct sam_history){0};
}
