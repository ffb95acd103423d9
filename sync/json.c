/* JSON for the sync files (see json.h). */
#include <config.h>

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/json.h"

void sync_json_str(struct strbuf *sb, const char *s)
{
	sb_addc(sb, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			sb_add(sb, "\\\"");
			break;
		case '\\':
			sb_add(sb, "\\\\");
			break;
		case '\n':
			sb_add(sb, "\\n");
			break;
		case '\r':
			sb_add(sb, "\\r");
			break;
		case '\t':
			sb_add(sb, "\\t");
			break;
		default:
			if (*p < 0x20)
				sb_addf(sb, "\\u%04x", *p);
			else
				sb_addc(sb, (char)*p);
		}
	}
	sb_addc(sb, '"');
}

void sync_json_value(struct strbuf *sb, const struct sam_value *v, bool tombstone)
{
	switch (v->kind) {
	case SAM_V_INT:
		if (tombstone)
			sb_add(sb, v->i ? "true" : "false");
		else
			sb_addf(sb, "%" PRId64, v->i);
		break;
	case SAM_V_REAL: {
		/* %.17g round-trips; a point or exponent keeps it a real. */
		char buf[40];
		snprintf(buf, sizeof buf, "%.17g", v->r);
		sb_add(sb, buf);
		if (!strpbrk(buf, ".eE"))
			sb_add(sb, ".0");
		break;
	}
	case SAM_V_TEXT:
		sync_json_str(sb, v->s ? v->s : "");
		break;
	default:
		sb_add(sb, "null");
	}
}

static sqlite3_stmt *prepare(sqlite3 *sql, const char *text)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(sql, text, -1, &st, NULL) != SQLITE_OK)
		fatal("cannot prepare \"%s\": %s", text, sqlite3_errmsg(sql));
	return st;
}

void sync_jparser_open(struct sync_jparser *p, sqlite3 *sql)
{
	/* json_valid is strict RFC 8259; json_each then lists the members. */
	p->valid = prepare(sql, "SELECT json_valid(?1) AND json_type(?1) = 'object'");
	p->each = prepare(sql, "SELECT key, type, atom, value FROM json_each(?1)");
}

void sync_jparser_close(struct sync_jparser *p)
{
	sqlite3_finalize(p->valid);
	sqlite3_finalize(p->each);
	*p = (struct sync_jparser){0};
}

void sync_jobject_free(struct sync_jobject *o)
{
	for (int i = 0; i < o->n; i++) {
		free(o->m[i].key);
		free(o->m[i].s);
	}
	free(o->m);
	*o = (struct sync_jobject){0};
}

static int member_type(const char *t, enum sync_jtype *out)
{
	static const struct {
		const char *name;
		enum sync_jtype type;
	} types[] = {{"null", SYNC_J_NULL},   {"true", SYNC_J_BOOL}, {"false", SYNC_J_BOOL},
	             {"integer", SYNC_J_INT}, {"real", SYNC_J_REAL}, {"text", SYNC_J_TEXT},
	             {"object", SYNC_J_OBJECT}, {"array", SYNC_J_ARRAY}};
	for (size_t i = 0; i < SAM_ARRAY_LEN(types); i++) {
		if (strcmp(t, types[i].name) == 0) {
			*out = types[i].type;
			return 0;
		}
	}
	return -1;
}

static int read_member(sqlite3_stmt *st, struct sync_jmember *m, struct sam_err *err)
{
	const char *key = (const char *)sqlite3_column_text(st, 0);
	const char *type = (const char *)sqlite3_column_text(st, 1);
	if (!key || !type || member_type(type, &m->type) < 0)
		return sam_fail(err, _("a member of unknown type"));
	if ((size_t)sqlite3_column_bytes(st, 0) != strlen(key))
		return sam_fail(err, _("a name holds a NUL character"));
	m->key = xstrdup(key);
	switch (m->type) {
	case SYNC_J_BOOL:
		m->i = strcmp(type, "true") == 0;
		break;
	case SYNC_J_INT:
		m->i = sqlite3_column_int64(st, 2);
		break;
	case SYNC_J_REAL:
		m->r = sqlite3_column_double(st, 2);
		if (!isfinite(m->r))
			return sam_fail(err, _("'%s' is not a finite number"), key);
		break;
	case SYNC_J_TEXT: {
		const char *s = (const char *)sqlite3_column_text(st, 2);
		if (!s || (size_t)sqlite3_column_bytes(st, 2) != strlen(s))
			return sam_fail(err, _("'%s' holds a NUL character"), key);
		m->s = xstrdup(s);
		break;
	}
	case SYNC_J_OBJECT:
	case SYNC_J_ARRAY:
		m->s = xstrdup((const char *)sqlite3_column_text(st, 3));
		break;
	default:
		break;
	}
	return 0;
}

/* JSON1 hands text with an escaped NUL back cut short: such text is
 * refused before it is parsed. */
static bool escapes_nul(const char *text, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		if (text[i] != '\\')
			continue;
		if (text[i + 1] == 'u' && i + 5 < len && memcmp(text + i + 2, "0000", 4) == 0)
			return true;
		i++; /* the escaped character */
	}
	return false;
}

int sync_json_object(struct sync_jparser *p, const char *text, size_t len,
                     struct sync_jobject *out, struct sam_err *err)
{
	*out = (struct sync_jobject){0};
	if (escapes_nul(text, len))
		return sam_fail(err, _("text holds a NUL character"));
	sqlite3_reset(p->valid);
	sqlite3_bind_text(p->valid, 1, text, (int)len, SQLITE_STATIC);
	int ok = sqlite3_step(p->valid) == SQLITE_ROW && sqlite3_column_int(p->valid, 0);
	sqlite3_reset(p->valid);
	if (!ok)
		return sam_fail(err, _("not a JSON object"));
	sqlite3_reset(p->each);
	sqlite3_bind_text(p->each, 1, text, (int)len, SQLITE_STATIC);
	int rc, cap = 0;
	while ((rc = sqlite3_step(p->each)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? 2 * cap : 8;
			out->m = xrealloc(out->m, (size_t)cap * sizeof *out->m);
		}
		struct sync_jmember *m = &out->m[out->n++];
		*m = (struct sync_jmember){0};
		if (read_member(p->each, m, err) < 0)
			goto fail;
		for (int i = 0; i < out->n - 1; i++) {
			if (strcmp(out->m[i].key, m->key) == 0) {
				sam_fail(err, _("the name '%s' appears twice"), m->key);
				goto fail;
			}
		}
	}
	sqlite3_reset(p->each);
	if (rc == SQLITE_DONE)
		return 0;
	sam_fail(err, _("not a JSON object"));
fail:
	sqlite3_reset(p->each);
	sync_jobject_free(out);
	return -1;
}

const struct sync_jmember *sync_jobject_get(const struct sync_jobject *o, const char *key)
{
	for (int i = 0; i < o->n; i++)
		if (strcmp(o->m[i].key, key) == 0)
			return &o->m[i];
	return NULL;
}

const struct sync_jmember *sync_jobject_int(const struct sync_jobject *o, const char *key)
{
	const struct sync_jmember *m = sync_jobject_get(o, key);
	return m && m->type == SYNC_J_INT ? m : NULL;
}

const char *sync_jobject_text(const struct sync_jobject *o, const char *key)
{
	const struct sync_jmember *m = sync_jobject_get(o, key);
	return m && m->type == SYNC_J_TEXT ? m->s : NULL;
}

int sync_jmember_value(const struct sync_jmember *m, struct sam_value *v)
{
	*v = (struct sam_value){0};
	switch (m->type) {
	case SYNC_J_NULL:
		return 0;
	case SYNC_J_BOOL:
	case SYNC_J_INT:
		sam_value_set_int(v, m->i);
		return 0;
	case SYNC_J_REAL:
		v->kind = SAM_V_REAL;
		v->r = m->r;
		return 0;
	case SYNC_J_TEXT:
		sam_value_set_text(v, m->s);
		return 0;
	default:
		return -1;
	}
}
