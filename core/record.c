/* Records as people change them (see record.h). Everything a line of input
 * says is parsed and checked before the first write, so a bad value
 * changes nothing. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/record.h"
#include "core/value.h"
#include "core/write.h"

struct parsed {
	const struct sam_field *f;
	struct sam_value v;
};

static void parsed_free(struct parsed *p, int n)
{
	for (int i = 0; i < n; i++)
		sam_value_clear(&p[i].v);
	free(p);
}

static int unknown_field(const struct sam_entity *e, const char *name, struct sam_err *err)
{
	struct strbuf sb = {0};
	for (int i = 0; i < e->nfields; i++)
		sb_addf(&sb, "%s%s", i ? ", " : "", e->fields[i].name);
	/* TRANSLATORS: "unknown field 'colour' for a contact (fields: name, …)" */
	sam_fail(err, _("unknown field '%s' for a %s (fields: %s)"), name, _(e->label), sb.buf);
	sb_free(&sb);
	return -1;
}

/* Parses every assignment; fails on the first bad one. */
static struct parsed *parse_all(struct sam_db *db, const struct sam_entity *e,
                                const struct sam_assign *a, int n, struct sam_err *err)
{
	struct parsed *p = xcalloc((size_t)n + 1, sizeof *p);
	for (int i = 0; i < n; i++) {
		p[i].f = sam_entity_field(e, a[i].field);
		if (!p[i].f) {
			unknown_field(e, a[i].field, err);
			parsed_free(p, i);
			return NULL;
		}
		for (int j = 0; j < i; j++) {
			if (p[j].f == p[i].f) {
				sam_fail(err, _("field '%s' is given twice"), a[i].field);
				parsed_free(p, i);
				return NULL;
			}
		}
		if (sam_value_parse(db, e, p[i].f, a[i].text, &p[i].v, err) < 0) {
			parsed_free(p, i + 1);
			return NULL;
		}
	}
	return p;
}

static const struct sam_value *given(const struct parsed *p, int n, const char *field)
{
	for (int i = 0; i < n; i++)
		if (strcmp(p[i].f->name, field) == 0)
			return &p[i].v;
	return NULL;
}

static bool present(const struct sam_value *v)
{
	return v && v->kind != SAM_V_NULL;
}

void sam_record_value(struct sam_db *db, const struct sam_entity *e, const char *id,
                      const char *field, struct sam_value *out)
{
	char *sql = xasprintf("SELECT \"%s\" FROM \"%s\" WHERE id = ?", field, e->table);
	sqlite3_stmt *st;
	*out = (struct sam_value){0};
	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK)
		fatal("cannot prepare \"%s\": %s", sql, sqlite3_errmsg(db->sql));
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		sam_value_from_column(out, st, 0);
	sqlite3_finalize(st);
	free(sql);
}

/* Checks that the record, with the new values over its current ones, has
 * every required field. */
static int check_complete(struct sam_db *db, const struct sam_entity *e, const char *id,
                          const struct parsed *p, int n, struct sam_err *err)
{
	for (int i = 0; i < e->nfields; i++) {
		const struct sam_field *f = &e->fields[i];
		if (!(f->flags & SAM_FIELD_REQUIRED))
			continue;
		const struct sam_value *v = given(p, n, f->name);
		struct sam_value cur = {0};
		if (!v && id)
			sam_record_value(db, e, id, f->name, &cur);
		bool ok = v ? present(v) : cur.kind != SAM_V_NULL;
		sam_value_clear(&cur);
		if (!ok)
			/* TRANSLATORS: "a municipality needs field 'name'" */
			return sam_fail(err, _("a %s needs field '%s'"), _(e->label), f->name);
	}
	if (e->need_one_of[0]) {
		bool ok = false;
		for (int k = 0; k < 2; k++) {
			const struct sam_value *v = given(p, n, e->need_one_of[k]);
			struct sam_value cur = {0};
			if (!v && id)
				sam_record_value(db, e, id, e->need_one_of[k], &cur);
			ok = ok || (v ? present(v) : cur.kind != SAM_V_NULL);
			sam_value_clear(&cur);
		}
		if (!ok)
			return sam_fail(err, _("a %s needs field '%s' or '%s'"), _(e->label),
			                e->need_one_of[0], e->need_one_of[1]);
	}
	return 0;
}

static char *key_text(const struct sam_value *v)
{
	if (!v)
		fatal("a key field is missing after the completeness check");
	return v->kind == SAM_V_INT ? xasprintf("%" PRId64, v->i) : xstrdup(v->s ? v->s : "");
}

static void derive_id(const struct sam_entity *e, const struct parsed *p, int n,
                      char id[SAM_ID_BUF])
{
	const char *parts[8];
	char *owned[8];
	parts[0] = e->name;
	for (int k = 0; k < e->nderive; k++)
		parts[k + 1] = owned[k] = key_text(given(p, n, e->derive_from[k]));
	sam_id_derive(id, parts, e->nderive + 1);
	for (int k = 0; k < e->nderive; k++)
		free(owned[k]);
}

static bool row_exists(struct sam_db *db, const struct sam_entity *e, const char *id,
                       bool live_only)
{
	char *sql = xasprintf("SELECT deleted FROM \"%s\" WHERE id = ?", e->table);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK)
		fatal("cannot prepare \"%s\": %s", sql, sqlite3_errmsg(db->sql));
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	bool found = sqlite3_step(st) == SQLITE_ROW && (!live_only || sqlite3_column_int(st, 0) == 0);
	sqlite3_finalize(st);
	free(sql);
	return found;
}

bool sam_record_exists(struct sam_db *db, const struct sam_entity *e, const char *id)
{
	return row_exists(db, e, id, true);
}

/* Writes the values that differ from the record's current ones. */
static int write_changes(struct sam_db *db, const struct sam_entity *e, const char *id,
                         const struct parsed *p, int n, struct sam_err *err)
{
	for (int i = 0; i < n; i++) {
		struct sam_value cur;
		sam_record_value(db, e, id, p[i].f->name, &cur);
		bool same = sam_value_equal(&cur, &p[i].v);
		sam_value_clear(&cur);
		if (!same && sam_write_field(db, e->name, id, p[i].f->name, &p[i].v, err) < 0)
			return -1;
	}
	return 0;
}

static int write_deleted(struct sam_db *db, const struct sam_entity *e, const char *id,
                         int deleted, struct sam_err *err)
{
	struct sam_value v = {.kind = SAM_V_INT, .i = deleted};
	return sam_write_field(db, e->name, id, SAM_FIELD_DELETED, &v, err);
}

/* Writes the changed values (after bringing a deleted record back, if
 * asked) in one transaction. */
static int write_in_tx(struct sam_db *db, const struct sam_entity *e, const char *id,
                       const struct parsed *p, int n, bool revive, struct sam_err *err)
{
	if (sam_tx_begin(db, err) < 0)
		return -1;
	if ((revive && write_deleted(db, e, id, 0, err) < 0) ||
	    write_changes(db, e, id, p, n, err) < 0) {
		sam_tx_rollback(db);
		return -1;
	}
	return sam_tx_commit(db, err);
}

int sam_record_add(struct sam_db *db, const struct sam_entity *e, const struct sam_assign *a,
                   int n, char id_out[SAM_ID_BUF], struct sam_err *err)
{
	return sam_record_add_as(db, e, NULL, a, n, id_out, err);
}

int sam_record_add_as(struct sam_db *db, const struct sam_entity *e, const char *id,
                      const struct sam_assign *a, int n, char id_out[SAM_ID_BUF],
                      struct sam_err *err)
{
	if (id && e->nderive == 0 && !sam_id_valid(id))
		return sam_fail(err, _("'%s' is not a record id"), id);
	struct parsed *p = parse_all(db, e, a, n, err);
	if (!p)
		return -1;
	int rc = -1;
	if (check_complete(db, e, NULL, p, n, err) < 0)
		goto out;
	if (e->nderive > 0)
		derive_id(e, p, n, id_out);
	else if (id)
		memcpy(id_out, id, SAM_ID_BUF);
	else
		sam_id_new(id_out);
	/* An existing derived record (Moss 2016 again) is updated; a deleted
	 * one comes back. */
	bool revive = row_exists(db, e, id_out, false) && !row_exists(db, e, id_out, true);
	rc = write_in_tx(db, e, id_out, p, n, revive, err);
out:
	parsed_free(p, n);
	return rc;
}

int sam_record_set(struct sam_db *db, const struct sam_entity *e, const char *id,
                   const struct sam_assign *a, int n, struct sam_err *err)
{
	if (!sam_record_exists(db, e, id))
		return sam_fail(err, _("there is no %s with id %s"), _(e->label), id);
	struct parsed *p = parse_all(db, e, a, n, err);
	if (!p)
		return -1;
	int rc = -1;
	for (int i = 0; i < n; i++) {
		if (p[i].f->flags & SAM_FIELD_KEY) {
			struct sam_value cur;
			sam_record_value(db, e, id, p[i].f->name, &cur);
			bool same = sam_value_equal(&cur, &p[i].v);
			sam_value_clear(&cur);
			if (!same) {
				sam_fail(err, _("field '%s' of a %s cannot be changed; add a new one instead"),
				         p[i].f->name, _(e->label));
				goto out;
			}
		}
	}
	if (check_complete(db, e, id, p, n, err) == 0)
		rc = write_in_tx(db, e, id, p, n, false, err);
out:
	parsed_free(p, n);
	return rc;
}

int sam_record_delete(struct sam_db *db, const struct sam_entity *e, const char *id,
                      struct sam_err *err)
{
	if (!sam_record_exists(db, e, id))
		return sam_fail(err, _("there is no %s with id %s"), _(e->label), id);
	if (sam_tx_begin(db, err) < 0)
		return -1;
	if (write_deleted(db, e, id, 1, err) < 0) {
		sam_tx_rollback(db);
		return -1;
	}
	return sam_tx_commit(db, err);
}

int sam_assign_split(char *arg, struct sam_assign *out, struct sam_err *err)
{
	char *eq = strchr(arg, '=');
	if (!eq || eq == arg)
		return sam_fail(err, _("'%s' is not of the form field=value"), arg);
	*eq = '\0';
	out->field = arg;
	out->text = eq + 1;
	return 0;
}

/* ------------------------------------------------------------ finding */

struct matches {
	const struct sam_entity *e;
	char id[SAM_ID_BUF];
	int n;
};

/* Adds the live records that sql (taking the text as its one parameter)
 * finds; sql is freed. */
static void match_query(struct sam_db *db, const struct sam_entity *e, char *sql,
                        const char *text, struct matches *m)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK)
		fatal("cannot prepare \"%s\": %s", sql, sqlite3_errmsg(db->sql));
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		if (m->n > 0 && strcmp(m->id, id) == 0)
			continue;
		m->n++;
		m->e = e;
		snprintf(m->id, sizeof m->id, "%s", id);
	}
	sqlite3_finalize(st);
	free(sql);
}

static bool is_hex(const char *s, size_t min)
{
	size_t n = strlen(s);
	if (n < min || n > SAM_ID_LEN)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static void find_in(struct sam_db *db, const struct sam_entity *e, const char *text,
                    struct matches *m)
{
	/* An id or its start: ids are lowercase hex, so every id that starts
	 * with the text sorts between the text and the text followed by 'g',
	 * a range the primary key's index answers (LIKE would scan the table). */
	if (is_hex(text, 6)) {
		match_query(db, e,
		            xasprintf("SELECT id FROM \"%s\" WHERE deleted = 0 AND "
		                      "id >= ?1 AND id < ?1 || 'g'",
		                      e->table),
		            text, m);
		if (m->n > 0)
			return;
	}
	for (int k = 0; k < e->nname_fields; k++)
		match_query(db, e,
		            xasprintf("SELECT id FROM \"%s\" WHERE deleted = 0 AND "
		                      "nb_fold(\"%s\") = nb_fold(?)",
		                      e->table, e->name_fields[k]),
		            text, m);
}

int sam_record_find(struct sam_db *db, const struct sam_entity *e, const char *text,
                    const struct sam_entity **found_e, char id_out[SAM_ID_BUF],
                    struct sam_err *err)
{
	struct matches m = {0};
	if (e) {
		find_in(db, e, text, &m);
	} else {
		for (int i = 0; i < sam_nentities; i++) {
			struct matches one = {0};
			find_in(db, sam_entities[i], text, &one);
			if (one.n > 0) {
				m.n += one.n;
				m.e = one.e;
				memcpy(m.id, one.id, sizeof m.id);
			}
		}
	}
	if (m.n == 0)
		return e ? sam_fail(err, _("no %s is called '%s'"), _(e->label), text)
		         : sam_fail(err, _("nothing is called '%s'"), text);
	if (m.n > 1)
		return sam_fail(err, _("'%s' fits %d records; give the id instead"), text, m.n);
	if (found_e)
		*found_e = m.e;
	memcpy(id_out, m.id, SAM_ID_BUF);
	return 0;
}

/* ------------------------------------------------------------ titles */

static char *field_title(struct sam_db *db, const struct sam_entity *e, const char *id,
                         const struct sam_field *f)
{
	struct sam_value v;
	sam_record_value(db, e, id, f->name, &v);
	char *s;
	if (f->type == SAM_F_REF && v.kind == SAM_V_TEXT) {
		const struct sam_entity *to = sam_entity_find(f->ref);
		s = sam_record_title(db, to, v.s);
	} else {
		s = sam_value_format(f, &v);
	}
	sam_value_clear(&v);
	return s;
}

char *sam_record_title(struct sam_db *db, const struct sam_entity *e, const char *id)
{
	const char *first[2] = {e->title_field, e->need_one_of[1]};
	for (int k = 0; k < 2; k++) {
		const struct sam_field *f = first[k] ? sam_entity_field(e, first[k]) : NULL;
		if (f) {
			char *s = field_title(db, e, id, f);
			if (*s)
				return s;
			free(s);
		}
	}
	/* Records without a name of their own: their key fields, or their
	 * first two fields ("Moss 2016", "social housing work 2015"). */
	struct strbuf sb = {0};
	int n = e->nderive > 0 ? e->nderive : (e->nfields < 2 ? e->nfields : 2);
	for (int k = 0; k < n; k++) {
		const struct sam_field *f =
			e->nderive > 0 ? sam_entity_field(e, e->derive_from[k]) : &e->fields[k];
		char *s = field_title(db, e, id, f);
		if (*s)
			sb_addf(&sb, "%s%s", sb.len ? " " : "", s);
		free(s);
	}
	return sb.len ? sb_steal(&sb) : (sb_free(&sb), xstrdup(id));
}

char *sam_record_value_text(struct sam_db *db, const struct sam_field *f,
                            const struct sam_value *v)
{
	if (f->type == SAM_F_REF && v->kind == SAM_V_TEXT && v->s) {
		const struct sam_entity *to = sam_entity_find(f->ref);
		if (to && sam_record_exists(db, to, v->s))
			return sam_record_title(db, to, v->s);
	}
	return sam_value_format(f, v);
}
