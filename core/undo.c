/* Undo of this device's own changes (see undo.h).
 *
 * The change boundaries live in the file's `local` table as
 *   undo_stack  "first-last first-last …"  (op seqs of this device, oldest first)
 *   undo_next   how many entries, from the oldest, are still to be undone
 * so a restart keeps them and no schema change is needed. The values to
 * write back come from the op log, which keeps every value ever written. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/record.h"
#include "core/undo.h"
#include "core/write.h"

/* How many records a status-bar sentence names before "and N more". */
#define WHAT_MAX_PARTS 3
/* Every undo notes itself too, so twice the depth is kept: a walk back
 * from a fresh change can go SAM_UNDO_DEPTH changes deep. */
#define STACK_MAX (2 * SAM_UNDO_DEPTH)

struct undo_stack {
	struct {
		int64_t first, last;
	} e[STACK_MAX + 1];
	int n;
	int next;
};

/* ------------------------------------------------------------ the stack */

static const char sql_stack_get[] = "SELECT value FROM local WHERE key = 'undo_stack'";
static const char sql_stack_put[] =
	"INSERT INTO local (key, value) VALUES ('undo_stack', ?) "
	"ON CONFLICT (key) DO UPDATE SET value = excluded.value";
static const char sql_own_dev[] = "SELECT value = ? FROM local WHERE key = 'dev'";

/* Only this file's own device: the demo loader writes as a device of its
 * own (core/demo.c), and its ops are no one's change to undo. */
static bool writing_as_own_device(struct sam_db *db)
{
	sqlite3_stmt *st = sam_db_stmt(db, sql_own_dev);
	sqlite3_bind_text(st, 1, db->dev, -1, SQLITE_STATIC);
	bool own = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return own;
}

/* The text is our own; anything unreadable in it ends the list there. */
static void stack_load(struct sam_db *db, struct undo_stack *s)
{
	s->n = 0;
	sqlite3_stmt *st = sam_db_stmt(db, sql_stack_get);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_TEXT) {
		const char *p = (const char *)sqlite3_column_text(st, 0);
		int64_t first, last;
		int used;
		while (s->n < STACK_MAX &&
		       sscanf(p, " %" SCNd64 "-%" SCNd64 "%n", &first, &last, &used) == 2 &&
		       first > 0 && first <= last) {
			s->e[s->n].first = first;
			s->e[s->n].last = last;
			s->n++;
			p += used;
		}
	}
	sqlite3_reset(st);
	int64_t next = sam_db_local_int(db, "undo_next", s->n);
	s->next = next < 0 ? 0 : next > s->n ? s->n : (int)next;
}

static int stack_save(struct sam_db *db, const struct undo_stack *s, struct sam_err *err)
{
	struct strbuf sb = {0};
	for (int i = 0; i < s->n; i++)
		sb_addf(&sb, "%s%" PRId64 "-%" PRId64, i ? " " : "", s->e[i].first, s->e[i].last);
	sqlite3_stmt *st = sam_db_stmt(db, sql_stack_put);
	sqlite3_bind_text(st, 1, sb.buf ? sb.buf : "", -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sb_free(&sb);
	if (rc != SQLITE_DONE || sam_db_local_set_int(db, "undo_next", s->next) < 0)
		return sam_db_fail(db, err);
	return 0;
}

/* Adds a change on top, forgetting the oldest beyond STACK_MAX. */
static void stack_push(struct undo_stack *s, int64_t first, int64_t last)
{
	s->e[s->n].first = first;
	s->e[s->n].last = last;
	if (++s->n > STACK_MAX) {
		memmove(&s->e[0], &s->e[1], (size_t)STACK_MAX * sizeof s->e[0]);
		s->n--;
		if (s->next > 0)
			s->next--;
	}
}

int sam_undo_note_change(struct sam_db *db, int64_t first_seq, int64_t last_seq,
                         struct sam_err *err)
{
	if (!writing_as_own_device(db))
		return 0;
	struct undo_stack s;
	stack_load(db, &s);
	stack_push(&s, first_seq, last_seq);
	s.next = s.n; /* a new change: undoing starts again from the top */
	return stack_save(db, &s, err);
}

int sam_undo_renumber(struct sam_db *db, int64_t from_seq, struct sam_err *err)
{
	struct undo_stack s;
	stack_load(db, &s);
	int kept = 0, next = 0;
	for (int i = 0; i < s.n; i++) {
		if (s.e[i].first < from_seq)
			continue;
		s.e[kept].first = s.e[i].first - from_seq + 1;
		s.e[kept].last = s.e[i].last - from_seq + 1;
		kept++;
		if (i < s.next)
			next = kept;
	}
	s.n = kept;
	s.next = next;
	return stack_save(db, &s, err);
}

/* ------------------------------------------------------------ one change */

/* The last op of the change for each (record, field) it wrote, in the
 * order the change wrote them (with max() alone, SQLite takes the other
 * columns from that op's row). The author (the device record) is
 * bookkeeping written alongside, not part of what the person changed. */
static const char sql_change_fields[] =
	"SELECT entity, rid, field, max(seq), hlc, value FROM op"
	" WHERE dev = ?1 AND seq BETWEEN ?2 AND ?3 AND entity <> 'device'"
	" GROUP BY entity, rid, field ORDER BY 4";
static const char sql_change_start[] = "SELECT min(hlc) FROM op WHERE dev = ?1 AND seq BETWEEN ?2 AND ?3";
/* The field still holds what the change wrote, by this device: the
 * change's own op, or (walking back) an undo of a later change. */
static const char sql_winner[] =
	"SELECT dev = ?4 AND value IS ?5 FROM field_clock"
	" WHERE entity = ?1 AND rid = ?2 AND field = ?3";
/* The value the field would have without the change: the newest other op
 * older than the change's (last-writer-wins order: stamp, device, seq). */
static const char sql_before[] =
	"SELECT value FROM op WHERE entity = ?1 AND rid = ?2 AND field = ?3"
	" AND NOT (dev = ?4 AND seq BETWEEN ?5 AND ?6) AND (hlc, dev, seq) < (?7, ?4, ?8)"
	" ORDER BY hlc DESC, dev DESC, seq DESC LIMIT 1";
static const char sql_existed[] =
	"SELECT 1 FROM op WHERE entity = ?1 AND rid = ?2"
	" AND NOT (dev = ?3 AND seq BETWEEN ?4 AND ?5) AND hlc < ?6 LIMIT 1";

struct field_op {
	const struct sam_entity *e;
	const struct sam_field *f; /* NULL for the tombstone */
	char *rid, *field;
	int64_t seq, hlc;
	struct sam_value v;
};

struct change {
	int64_t first, last, start_hlc;
	struct field_op *ops;
	int n;
};

static void change_free(struct change *c)
{
	for (int i = 0; i < c->n; i++) {
		free(c->ops[i].rid);
		free(c->ops[i].field);
		sam_value_clear(&c->ops[i].v);
	}
	free(c->ops);
	c->ops = NULL;
	c->n = 0;
}

/* Read whole before writing: the writes append to the table being read. */
static int change_load(struct sam_db *db, struct change *c, struct sam_err *err)
{
	sqlite3_stmt *st = sam_db_stmt(db, sql_change_start);
	sqlite3_bind_text(st, 1, db->dev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, c->first);
	sqlite3_bind_int64(st, 3, c->last);
	c->start_hlc = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	st = sam_db_stmt(db, sql_change_fields);
	sqlite3_bind_text(st, 1, db->dev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, c->first);
	sqlite3_bind_int64(st, 3, c->last);
	int rc, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *ename = (const char *)sqlite3_column_text(st, 0);
		const char *field = (const char *)sqlite3_column_text(st, 2);
		const struct sam_entity *e = sam_entity_find(ename);
		if (!e || strcmp(e->name, ename) != 0)
			continue;
		const struct sam_field *f = sam_entity_field(e, field);
		if (!f && strcmp(field, SAM_FIELD_DELETED) != 0)
			continue;
		if (c->n == cap) {
			cap = cap ? 2 * cap : 8;
			c->ops = xrealloc(c->ops, (size_t)cap * sizeof *c->ops);
		}
		struct field_op *o = &c->ops[c->n++];
		*o = (struct field_op){.e = e, .f = f, .field = xstrdup(field)};
		o->rid = xstrdup((const char *)sqlite3_column_text(st, 1));
		o->seq = sqlite3_column_int64(st, 3);
		o->hlc = sqlite3_column_int64(st, 4);
		sam_value_from_column(&o->v, st, 5);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sam_db_fail(db, err);
}

static bool still_ours(struct sam_db *db, const struct field_op *o)
{
	sqlite3_stmt *st = sam_db_stmt(db, sql_winner);
	sqlite3_bind_text(st, 1, o->e->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, o->rid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, o->field, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, db->dev, -1, SQLITE_STATIC);
	sam_value_bind(st, 5, &o->v);
	bool won = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return won;
}

static void value_before(struct sam_db *db, const struct change *c, const struct field_op *o,
                         struct sam_value *out)
{
	sqlite3_stmt *st = sam_db_stmt(db, sql_before);
	sqlite3_bind_text(st, 1, o->e->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, o->rid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, o->field, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, db->dev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, c->first);
	sqlite3_bind_int64(st, 6, c->last);
	sqlite3_bind_int64(st, 7, o->hlc);
	sqlite3_bind_int64(st, 8, o->seq);
	*out = (struct sam_value){0};
	if (sqlite3_step(st) == SQLITE_ROW)
		sam_value_from_column(out, st, 0);
	sqlite3_reset(st);
	if (!o->f && out->kind != SAM_V_INT) /* never deleted before: live */
		sam_value_set_int(out, 0);
}

/* False when the change made the record: nothing of it is older. */
static bool existed_before(struct sam_db *db, const struct change *c, const struct field_op *o)
{
	sqlite3_stmt *st = sam_db_stmt(db, sql_existed);
	sqlite3_bind_text(st, 1, o->e->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, o->rid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, db->dev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, c->first);
	sqlite3_bind_int64(st, 5, c->last);
	sqlite3_bind_int64(st, 6, c->start_hlc);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

/* ------------------------------------------------------------ the sentence */

struct what {
	struct strbuf sb;
	int parts;
};

static void what_add(struct what *w, char *part)
{
	if (++w->parts <= WHAT_MAX_PARTS)
		sb_addf(&w->sb, "%s%s", w->parts > 1 ? "; " : "", part);
	free(part);
}

static char *shown(struct sam_db *db, const struct sam_field *f, const struct sam_value *v)
{
	char *s = sam_record_value_text(db, f, v);
	if (*s)
		return s;
	free(s);
	return xstrdup(_("(empty)"));
}

static void what_field(struct sam_db *db, struct what *w, const char *title,
                       const struct field_op *o, const struct sam_value *to)
{
	char *from_s = shown(db, o->f, &o->v), *to_s = shown(db, o->f, to);
	/* TRANSLATORS: "Moss 2016, decided 50 → 47" */
	what_add(w, xasprintf(_("%s, %s %s → %s"), title, _(o->f->label), from_s, to_s));
	free(from_s);
	free(to_s);
}

/* ------------------------------------------------------------ undoing */

/* Undoes one field of the change. A record the change made is deleted
 * (once: then it is no longer live) rather than left with empty fields. */
static int undo_field(struct sam_db *db, const struct change *c, const struct field_op *o,
                      struct what *w, struct sam_err *err)
{
	bool made = !existed_before(db, c, o);
	if (made && !sam_record_exists(db, o->e, o->rid))
		return 0;
	char *title = sam_record_title(db, o->e, o->rid);
	struct sam_value before = {0};
	int rc = 0;
	if (made) {
		sam_value_set_int(&before, 1);
		what_add(w, xasprintf(_("adding %s"), title));
	} else if (!still_ours(db, o)) {
		/* TRANSLATORS: "Moss 2016, decided kept (changed on another device since)" */
		what_add(w, xasprintf(_("%s, %s kept (changed on another device since)"), title,
		                      o->f ? _(o->f->label) : _("deletion")));
		goto out;
	} else {
		value_before(db, c, o, &before);
		if (o->f)
			what_field(db, w, title, o, &before);
		else
			what_add(w, before.i ? xasprintf(_("restoring %s"), title)
			                     : xasprintf(_("deleting %s"), title));
	}
	/* a made record gets its tombstone, whatever field this was */
	rc = sam_write_field(db, o->e->name, o->rid, made ? SAM_FIELD_DELETED : o->field, &before,
	                     err);
out:
	sam_value_clear(&before);
	free(title);
	return rc;
}

static int undo_change(struct sam_db *db, struct change *c, struct what *w, struct sam_err *err)
{
	if (change_load(db, c, err) < 0)
		return -1;
	for (int i = 0; i < c->n; i++)
		if (undo_field(db, c, &c->ops[i], w, err) < 0)
			return -1;
	return 0;
}

static int undo_in_tx(struct sam_db *db, struct what *w, struct sam_err *err)
{
	struct undo_stack s;
	stack_load(db, &s);
	while (s.next > 0 && w->parts == 0) {
		struct change c = {.first = s.e[s.next - 1].first, .last = s.e[s.next - 1].last};
		s.next--;
		int rc = undo_change(db, &c, w, err);
		change_free(&c);
		if (rc < 0)
			return -1;
	}
	if (w->parts == 0)
		return sam_fail(err, _("nothing to undo"));
	if (db->tx_first_seq > 0) {
		/* Noted here as an undo, which leaves s.next where undoing goes
		 * on; the commit must not note it again as a new change (which
		 * would start undoing from the top). What the enclosing
		 * transaction wrote before (the author) belongs to it too. */
		stack_push(&s, db->tx_first_seq, db->tx_last_seq);
		db->tx_first_seq = 0;
	}
	return stack_save(db, &s, err);
}

int sam_undo_last(struct sam_db *db, char **what, struct sam_err *err)
{
	*what = NULL;
	if (sam_tx_begin(db, err) < 0)
		return -1;
	struct what w = {0};
	if (undo_in_tx(db, &w, err) < 0) {
		sam_tx_rollback(db);
		sb_free(&w.sb);
		return -1;
	}
	if (sam_tx_commit(db, err) < 0) {
		sb_free(&w.sb);
		return -1;
	}
	if (w.parts > WHAT_MAX_PARTS)
		/* TRANSLATORS: appended to the list of what was undone */
		sb_addf(&w.sb, _(" and %d more"), w.parts - WHAT_MAX_PARTS);
	/* TRANSLATORS: "Undid: Moss 2016, decided 50 → 47" */
	*what = xasprintf(_("Undid: %s"), w.sb.buf);
	sb_free(&w.sb);
	return 0;
}
