/* Field values (see value.h). Each type has one parser for what people
 * type and one checker for the stored form; a stored value that came from
 * another laptop passes the same rules a typed one does. */
#include <config.h>

#include <ctype.h>
#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/oslo_time.h"
#include "core/record.h"
#include "core/value.h"

#define TEXT_MAX 1000          /* a one-line field */
#define NOTE_MAX (64 * 1024)   /* a note */
#define COUNT_MAX 10000000     /* people */
#define NOK_MAX 1000000000000LL
#define POSITIONS_MAX 100000   /* hundredths: 1,000 positions */

/* ------------------------------------------------------------ basics */

void sam_value_clear(struct sam_value *v)
{
	free(v->s);
	*v = (struct sam_value){0};
}

void sam_value_copy(struct sam_value *dst, const struct sam_value *src)
{
	*dst = *src;
	dst->s = src->s ? xstrdup(src->s) : NULL;
}

void sam_value_set_int(struct sam_value *v, int64_t i)
{
	sam_value_clear(v);
	v->kind = SAM_V_INT;
	v->i = i;
}

void sam_value_set_text(struct sam_value *v, const char *s)
{
	sam_value_clear(v);
	v->kind = SAM_V_TEXT;
	v->s = xstrdup(s);
}

bool sam_value_equal(const struct sam_value *a, const struct sam_value *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case SAM_V_NULL:
		return true;
	case SAM_V_INT:
		return a->i == b->i;
	case SAM_V_REAL:
		return a->r == b->r;
	case SAM_V_TEXT:
		return strcmp(a->s, b->s) == 0;
	}
	return false;
}

void sam_value_from_sqlite(struct sam_value *v, sqlite3_value *sv)
{
	*v = (struct sam_value){0};
	switch (sqlite3_value_type(sv)) {
	case SQLITE_INTEGER:
		v->kind = SAM_V_INT;
		v->i = sqlite3_value_int64(sv);
		break;
	case SQLITE_FLOAT:
		v->kind = SAM_V_REAL;
		v->r = sqlite3_value_double(sv);
		break;
	case SQLITE_TEXT:
	case SQLITE_BLOB:
		v->kind = SAM_V_TEXT;
		v->s = xstrndup((const char *)sqlite3_value_text(sv), (size_t)sqlite3_value_bytes(sv));
		break;
	default:
		break;
	}
}

void sam_value_from_column(struct sam_value *v, sqlite3_stmt *st, int col)
{
	sam_value_from_sqlite(v, sqlite3_column_value(st, col));
}

int sam_value_bind(sqlite3_stmt *st, int idx, const struct sam_value *v)
{
	switch (v->kind) {
	case SAM_V_INT:
		return sqlite3_bind_int64(st, idx, v->i);
	case SAM_V_REAL:
		return sqlite3_bind_double(st, idx, v->r);
	case SAM_V_TEXT:
		return sqlite3_bind_text(st, idx, v->s, -1, SQLITE_TRANSIENT);
	case SAM_V_NULL:
		break;
	}
	return sqlite3_bind_null(st, idx);
}

bool sam_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		unsigned c = *p;
		int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
		if (len == 0 || end - p < len)
			return false;
		uint32_t cp = len == 1 ? c : len == 2 ? c & 0x1f : len == 3 ? c & 0x0f : c & 0x07;
		for (int i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
		if (cp < min[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		p += len;
	}
	return true;
}

/* ------------------------------------------------------------ text checks */

static int fail_field(struct sam_err *err, const struct sam_field *f, const char *text,
                      const char *what)
{
	/* TRANSLATORS: "'fourty' is not a whole number (field 'decided')" */
	return sam_fail(err, _("'%s' is %s (field '%s')"), text, what, f->name);
}

static int check_plain_text(const struct sam_field *f, const char *s, bool multiline,
                            struct sam_err *err)
{
	size_t n = strlen(s);
	if (!sam_utf8_valid(s, n))
		return sam_fail(err, _("the text for field '%s' is not valid UTF-8"), f->name);
	if (n > (multiline ? NOTE_MAX : TEXT_MAX))
		return sam_fail(err, _("the text for field '%s' is too long (%zu bytes; at most %d)"),
		                f->name, n, multiline ? NOTE_MAX : TEXT_MAX);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n' && multiline)
			continue;
		if (*p < 0x20 || *p == 0x7f)
			return sam_fail(err, multiline ? _("field '%s' holds a control character")
			                               : _("field '%s' must be one line"),
			                f->name);
	}
	return 0;
}

static bool email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@'))
		return false;
	const char *dot = strrchr(at + 1, '.');
	if (!dot || dot == at + 1 || dot[1] == '\0')
		return false;
	for (const char *p = s; *p; p++)
		if (isspace((unsigned char)*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>')
			return false;
	return true;
}

static bool phone_ok(const char *s)
{
	int digits = 0;
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!strchr(" +-()./", *p))
			return false;
	}
	return digits >= 3 && digits <= 20;
}

static bool muni_no_ok(const char *s)
{
	return strlen(s) == 4 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	       isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]);
}

/* Exactly yyyy-mm-dd: sscanf alone would take blanks and signs. */
static bool stored_date_ok(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return false;
	return sam_date_valid(atoi(s), atoi(s + 5), atoi(s + 8));
}

/* ------------------------------------------------------------ numbers */

static int64_t int_max(enum sam_ftype t)
{
	switch (t) {
	case SAM_F_YEAR:
		return 2100;
	case SAM_F_NOK:
		return NOK_MAX;
	case SAM_F_POSITIONS:
		return POSITIONS_MAX;
	case SAM_F_BOOL:
		return 1;
	default:
		return COUNT_MAX;
	}
}

static int64_t int_min(enum sam_ftype t)
{
	return t == SAM_F_YEAR ? 2000 : 0;
}

/* A whole number, with spaces or dots between thousands ("1 100 000"):
 * a separator comes after one to three digits, and then only after
 * groups of exactly three, so "4.5" is not 45. */
static bool parse_whole(const char *s, int64_t *out)
{
	int64_t v = 0;
	int digits = 0, group = 0;
	bool grouped = false;
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (v > (INT64_MAX - 9) / 10)
				return false;
			v = v * 10 + (*p - '0');
			digits++;
			group++;
		} else if ((*p == ' ' || *p == '.') && isdigit((unsigned char)p[1]) &&
		           (grouped ? group == 3 : group >= 1 && group <= 3)) {
			grouped = true;
			group = 0;
		} else {
			return false;
		}
	}
	if (grouped && group != 3)
		return false;
	*out = v;
	return digits > 0;
}

/* A decimal with . or , ("0.5", "1,25") in hundredths. */
static bool parse_hundredths(const char *s, int64_t *out)
{
	int64_t whole = 0, frac = 0;
	int fdigits = 0, wdigits = 0;
	const char *p = s;
	for (; isdigit((unsigned char)*p); p++, wdigits++) {
		if (whole > 1000000000)
			return false;
		whole = whole * 10 + (*p - '0');
	}
	if (*p == '.' || *p == ',') {
		for (p++; isdigit((unsigned char)*p); p++, fdigits++)
			if (fdigits < 2)
				frac = frac * 10 + (*p - '0');
			else if (fdigits > 6)
				return false;
		if (fdigits == 1)
			frac *= 10;
	}
	if (*p || (wdigits == 0 && fdigits == 0))
		return false;
	*out = whole * 100 + frac;
	return true;
}

static const struct {
	const char *glyph;
	int hundredths;
} fraction_glyphs[] = {{"½", 50}, {"¼", 25}, {"¾", 75}, {"⅓", 33}, {"⅔", 67}};

/* Positions: "2", "0.5", "0,5", "½", "1½", "1 1/2", "3/4". */
static bool parse_positions(const char *s, int64_t *out)
{
	for (size_t i = 0; i < SAM_ARRAY_LEN(fraction_glyphs); i++) {
		size_t gl = strlen(fraction_glyphs[i].glyph), n = strlen(s);
		if (n >= gl && strcmp(s + n - gl, fraction_glyphs[i].glyph) == 0) {
			char *head = xstrndup(s, n - gl);
			int64_t w = 0;
			bool ok = head[0] == '\0' || parse_whole(head, &w);
			free(head);
			if (w > POSITIONS_MAX) /* keeps w * 100 in int64; refused as out of range */
				w = POSITIONS_MAX;
			*out = w * 100 + fraction_glyphs[i].hundredths;
			return ok;
		}
	}
	int a, b, c, used = 0;
	if (sscanf(s, "%d %d/%d%n", &a, &b, &c, &used) == 3 && s[used] == '\0' && c > 0 && a >= 0 &&
	    b >= 0 && b < c) {
		*out = (int64_t)a * 100 + ((int64_t)b * 100 + c / 2) / c;
		return true;
	}
	if (sscanf(s, "%d/%d%n", &b, &c, &used) == 2 && s[used] == '\0' && c > 0 && b >= 0) {
		*out = ((int64_t)b * 100 + c / 2) / c;
		return true;
	}
	return parse_hundredths(s, out);
}

/* Kroner: "250000", "250 000", "kr 250.000", "1,1 mill", "1.1 mill.", "2 millioner". */
static bool parse_nok(const char *text, int64_t *out)
{
	char *s = xstrdup(text);
	char *p = s;
	if (strncasecmp(p, "kr", 2) == 0)
		for (p += 2; *p == ' ' || *p == '.'; p++)
			;
	size_t n = strlen(p);
	while (n > 0 && p[n - 1] == ' ')
		p[--n] = '\0';
	if (n > 2 && strcasecmp(p + n - 2, "kr") == 0) {
		p[n -= 2] = '\0';
		while (n > 0 && p[n - 1] == ' ')
			p[--n] = '\0';
	}
	static const char *const millions[] = {" millioner", " million", " mill.", " mill", "mill"};
	bool ok = false;
	for (size_t i = 0; i < SAM_ARRAY_LEN(millions) && !ok; i++) {
		size_t ml = strlen(millions[i]);
		if (n > ml && strcasecmp(p + n - ml, millions[i]) == 0) {
			p[n - ml] = '\0';
			int64_t h;
			if (parse_hundredths(p, &h) && h <= NOK_MAX / 10000) {
				*out = h * 10000;
				ok = true;
			} else {
				free(s);
				return false;
			}
		}
	}
	if (!ok)
		ok = parse_whole(p, out);
	free(s);
	return ok;
}

static bool parse_bool(const char *s, int64_t *out)
{
	static const char *const yes[] = {"yes", "y", "true", "1", "ja", "j"};
	static const char *const no[] = {"no", "n", "false", "0", "nei"};
	for (size_t i = 0; i < SAM_ARRAY_LEN(yes); i++)
		if (strcasecmp(s, yes[i]) == 0 || strcasecmp(s, _(yes[i])) == 0)
			return *out = 1, true;
	for (size_t i = 0; i < SAM_ARRAY_LEN(no); i++)
		if (strcasecmp(s, no[i]) == 0 || strcasecmp(s, _(no[i])) == 0)
			return *out = 0, true;
	return false;
}

/* ------------------------------------------------------------ dates */

static bool parse_datetime(const char *s, char out[21])
{
	int64_t t;
	if (sam_iso_utc_parse(s, &t)) {
		sam_iso_utc_format(t, out);
		return true;
	}
	char *copy = xstrdup(s);
	char *sp = strpbrk(copy, " T");
	struct sam_civil c = {0};
	bool ok;
	if (sp) {
		*sp = '\0';
		char *tm = sp + 1;
		while (*tm == ' ')
			tm++;
		ok = sam_date_parse(copy, &c.year, &c.month, &c.day) &&
		     sam_hhmm_parse(tm, &c.hour, &c.minute);
	} else {
		ok = sam_date_parse(copy, &c.year, &c.month, &c.day);
	}
	free(copy);
	if (ok)
		sam_iso_utc_format(sam_oslo_to_utc(&c), out);
	return ok;
}

/* ------------------------------------------------------------ parse */

static char *trimmed(const char *s, bool multiline)
{
	while (*s == ' ' || *s == '\t' || (multiline && *s == '\n'))
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || (multiline && s[n - 1] == '\n')))
		n--;
	return xstrndup(s, n);
}

static int parse_number(const struct sam_field *f, const char *text, struct sam_value *out,
                        struct sam_err *err)
{
	int64_t v = 0;
	bool ok;
	const char *what;
	switch (f->type) {
	case SAM_F_NOK:
		ok = parse_nok(text, &v);
		what = _("not an amount in kroner");
		break;
	case SAM_F_POSITIONS:
		ok = parse_positions(text, &v);
		what = _("not a number of positions (like 2, 0.5 or ½)");
		break;
	case SAM_F_BOOL:
		ok = parse_bool(text, &v);
		what = _("not yes or no");
		break;
	case SAM_F_YEAR:
		ok = parse_whole(text, &v);
		what = _("not a year");
		break;
	default:
		ok = parse_whole(text, &v);
		what = _("not a whole number");
		break;
	}
	if (!ok)
		return fail_field(err, f, text, what);
	if (v < int_min(f->type) || v > int_max(f->type))
		return fail_field(err, f, text, f->type == SAM_F_YEAR ? _("not a year from 2000 to 2100")
		                                                      : _("out of range"));
	sam_value_set_int(out, v);
	return 0;
}

static int parse_enum(const struct sam_field *f, const char *text, struct sam_value *out,
                      struct sam_err *err)
{
	int i = sam_enum_parse(f->en, text);
	if (i < 0) {
		char *choices = sam_enum_choices(f->en);
		/* TRANSLATORS: "'maybe' is not a status (field 'status'; choose: …)" */
		sam_fail(err, _("'%s' is not a %s (field '%s'; choose: %s)"), text, _(f->label),
		         f->name, choices);
		free(choices);
		return -1;
	}
	sam_value_set_text(out, f->en->items[i].key);
	return 0;
}

static int parse_ref(struct sam_db *db, const struct sam_field *f, const char *text,
                     struct sam_value *out, struct sam_err *err)
{
	const struct sam_entity *to = sam_entity_find(f->ref);
	char id[SAM_ID_BUF];
	struct sam_err why;
	if (sam_record_find(db, to, text, NULL, id, &why) < 0)
		return sam_fail(err, "%s (field '%s')", why.msg, f->name);
	sam_value_set_text(out, id);
	return 0;
}

static int parse_text_kind(const struct sam_field *f, const char *text, struct sam_value *out,
                           struct sam_err *err)
{
	if (check_plain_text(f, text, f->type == SAM_F_NOTE, err) < 0)
		return -1;
	char date[21];
	switch (f->type) {
	case SAM_F_EMAIL:
		if (!email_ok(text))
			return fail_field(err, f, text, _("not an e-mail address"));
		break;
	case SAM_F_PHONE:
		if (!phone_ok(text))
			return fail_field(err, f, text, _("not a phone number"));
		break;
	case SAM_F_MUNI_NO:
		if (!muni_no_ok(text))
			return fail_field(err, f, text, _("not a municipality number (four digits)"));
		break;
	case SAM_F_DATE: {
		int y, m, d;
		if (!sam_date_parse(text, &y, &m, &d))
			return fail_field(err, f, text, _("not a date (dd.mm.yyyy)"));
		snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
		sam_value_set_text(out, date);
		return 0;
	}
	case SAM_F_DATETIME:
		if (!parse_datetime(text, date))
			return fail_field(err, f, text, _("not a date and time (dd.mm.yyyy hh:mm)"));
		sam_value_set_text(out, date);
		return 0;
	default:
		break;
	}
	sam_value_set_text(out, text);
	return 0;
}

int sam_value_parse(struct sam_db *db, const struct sam_entity *e, const struct sam_field *f,
                    const char *text, struct sam_value *out, struct sam_err *err)
{
	(void)e;
	*out = (struct sam_value){0};
	char *t = trimmed(text, f->type == SAM_F_NOTE);
	int rc = 0;
	if (t[0] == '\0') {
		/* empty: the field is cleared */
	} else if (f->type == SAM_F_COUNT || f->type == SAM_F_YEAR || f->type == SAM_F_NOK ||
	           f->type == SAM_F_POSITIONS || f->type == SAM_F_BOOL) {
		rc = parse_number(f, t, out, err);
	} else if (f->type == SAM_F_ENUM) {
		rc = parse_enum(f, t, out, err);
	} else if (f->type == SAM_F_REF) {
		rc = parse_ref(db, f, t, out, err);
	} else {
		rc = parse_text_kind(f, t, out, err);
	}
	free(t);
	return rc;
}

/* ------------------------------------------------------------ check */

int sam_value_check(const struct sam_field *f, const struct sam_value *v, struct sam_err *err)
{
	if (v->kind == SAM_V_NULL)
		return 0;
	bool numeric = f->type == SAM_F_COUNT || f->type == SAM_F_YEAR || f->type == SAM_F_NOK ||
	               f->type == SAM_F_POSITIONS || f->type == SAM_F_BOOL;
	if (numeric) {
		if (v->kind != SAM_V_INT || v->i < int_min(f->type) || v->i > int_max(f->type))
			return sam_fail(err, _("field '%s' holds a value out of its range"), f->name);
		return 0;
	}
	if (v->kind != SAM_V_TEXT)
		return sam_fail(err, _("field '%s' must hold text"), f->name);
	if (check_plain_text(f, v->s, f->type == SAM_F_NOTE, err) < 0)
		return -1;
	bool ok = true;
	int64_t t;
	switch (f->type) {
	case SAM_F_EMAIL:
		ok = email_ok(v->s);
		break;
	case SAM_F_PHONE:
		ok = phone_ok(v->s);
		break;
	case SAM_F_MUNI_NO:
		ok = muni_no_ok(v->s);
		break;
	case SAM_F_DATE:
		ok = stored_date_ok(v->s);
		break;
	case SAM_F_DATETIME:
		ok = sam_iso_utc_parse(v->s, &t);
		break;
	case SAM_F_REF:
		ok = sam_id_valid(v->s);
		break;
	case SAM_F_ENUM:
		/* A key a newer version added is kept, shown as it is. */
		ok = sam_name_valid(v->s);
		break;
	default:
		break;
	}
	return ok ? 0 : sam_fail(err, _("field '%s' holds a malformed value"), f->name);
}

/* ------------------------------------------------------------ format */

static char *format_hundredths(int64_t h)
{
	const char *dp = localeconv()->decimal_point;
	if (h % 100 == 0)
		return xasprintf("%" PRId64, h / 100);
	if (h % 10 == 0)
		return xasprintf("%" PRId64 "%s%" PRId64, h / 100, dp, (h % 100) / 10);
	return xasprintf("%" PRId64 "%s%02" PRId64, h / 100, dp, h % 100);
}

/* 1100000 → "1 100 000", as Norwegians write kroner. */
static char *format_grouped(int64_t v)
{
	char digits[32];
	snprintf(digits, sizeof digits, "%" PRId64, v);
	struct strbuf sb = {0};
	size_t n = strlen(digits);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0 && digits[i - 1] != '-')
			sb_addc(&sb, ' ');
		sb_addc(&sb, digits[i]);
	}
	return sb_steal(&sb);
}

bool sam_value_text_as_is(const struct sam_field *f)
{
	return f->type != SAM_F_ENUM && f->type != SAM_F_DATE && f->type != SAM_F_DATETIME;
}

char *sam_value_format(const struct sam_field *f, const struct sam_value *v)
{
	switch (v->kind) {
	case SAM_V_NULL:
		return xstrdup("");
	case SAM_V_REAL:
		return xasprintf("%g", v->r);
	case SAM_V_INT:
		switch (f->type) {
		case SAM_F_POSITIONS:
			return format_hundredths(v->i);
		case SAM_F_NOK:
			return format_grouped(v->i);
		case SAM_F_BOOL:
			return xstrdup(v->i ? _("yes") : _("no"));
		default:
			return xasprintf("%" PRId64, v->i);
		}
	case SAM_V_TEXT:
		break;
	}
	if (sam_value_text_as_is(f))
		return xstrdup(v->s);
	int y, m, d;
	char buf[32];
	int64_t t;
	switch (f->type) {
	case SAM_F_ENUM:
		return xstrdup(sam_enum_label(f->en, v->s));
	case SAM_F_DATE:
		if (sscanf(v->s, "%4d-%2d-%2d", &y, &m, &d) == 3) {
			sam_date_format(y, m, d, buf);
			return xstrdup(buf);
		}
		break;
	case SAM_F_DATETIME:
		if (sam_iso_utc_parse(v->s, &t)) {
			struct sam_civil c;
			sam_utc_to_oslo(t, &c);
			sam_date_format(c.year, c.month, c.day, buf);
			return xasprintf("%s %02d:%02d", buf, c.hour, c.minute);
		}
		break;
	default:
		break;
	}
	return xstrdup(v->s);
}
