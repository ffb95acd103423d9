/* The lists (see listing.h). Each list is one SQL query and a table of
 * column definitions that say how a selected value becomes a cell, so the
 * formatting of a field lives in value.c and nowhere here. Rows marked
 * deleted are skipped, and references are joined only to live records:
 * ops arrive from other laptops in any order, so a reference may name a
 * record that is deleted or not yet known. */
#include <config.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/common.h"
#include "core/entity.h"
#include "core/enums.h"
#include "core/listing.h"
#include "core/oslo_time.h"
#include "core/record.h"
#include "core/value.h"

/* The filters, each named as the CLI option that sets it. */
enum {
	FILTER_YEAR = 1 << 0,
	FILTER_MUNICIPALITY = 1 << 1,
	FILTER_GROUP = 1 << 2,
	FILTER_SCHEME = 1 << 3,
	FILTER_FROM = 1 << 4,
	FILTER_TO = 1 << 5,
};

/* The filter with names resolved to what the database holds. */
struct resolved_filter {
	int year;
	char municipality[SAM_ID_BUF]; /* "" for none */
	const char *group;             /* an enum key, or NULL */
	const char *scheme;
	char from[21], to[21];         /* UTC instants, "" for none; to is exclusive */
	char year_from[21], year_to[21];
};

enum cell_kind {
	CELL_TEXT,     /* the selected text as it is */
	CELL_FIELD,    /* a stored value, formatted by its field */
	CELL_ENUM_SET, /* comma-separated keys of an enum, from a lookup: their labels */
	CELL_CUSTOM,   /* made from the whole row by a function */
};

struct list_col {
	const char *key;
	const char *head; /* N_() */
	enum sam_align align;
	enum cell_kind kind;
	int sql;            /* the selected column it comes from */
	const char *entity; /* CELL_FIELD */
	const char *field;  /* CELL_FIELD */
	const struct sam_enum *en;              /* CELL_ENUM_SET */
	char *(*custom)(sqlite3_stmt *st);      /* CELL_CUSTOM */
	/* If set, the selected column holds a key and the cell's text is what
	 * the lookup holds for it, or else for the key in column sql_else
	 * (-1: none). */
	const struct list_lookup *lookup;
	int sql_else;
};

/* Text kept by key, loaded by one query per list, for what a list shows of
 * other records (a contact's municipality, its groups): a join per row
 * costs two B-tree searches, which at 50,000 contacts is most of the
 * list's time, while these tables are small. The query selects a key and
 * a text; a key's texts are joined with ",". */
struct list_lookup {
	const char *sql;
};

struct list_def {
	const char *kind;     /* the plural `list` takes */
	const char *singular;
	unsigned filters;
	const char *sql;
	const struct list_col *cols;
	int ncols;
	const char *period_sql; /* if set, the query when a period is given */
};

#define L SAM_ALIGN_LEFT
#define R SAM_ALIGN_RIGHT
#define TEXT(k, h, al, i) {k, h, al, CELL_TEXT, i, NULL, NULL, NULL, NULL, NULL, -1}
#define FIELD(k, h, al, i, ent, fld) {k, h, al, CELL_FIELD, i, ent, fld, NULL, NULL, NULL, -1}
#define CUSTOM(k, h, al, fn) {k, h, al, CELL_CUSTOM, -1, NULL, NULL, NULL, fn, NULL, -1}
#define LEN(a) ((int)SAM_ARRAY_LEN(a))

/* ------------------------------------------------------------ municipalities */

/* The settlement row of :year, or without a year each municipality's
 * newest row that has a status (a row of a later year that only holds a
 * figure does not hide the answer the municipality gave).
 * The two cases are two subqueries, of which SQLite runs only the one
 * chosen: with the year in the WHERE as a plain equality, the
 * (municipality, year) index finds the row, where "(:year = 0 OR …)"
 * made it read every year of every municipality. A settlement's id is
 * derived from its municipality and year, so a year has one row. */
static const char sql_municipalities[] =
	"SELECT m.number, m.name, s.year, s.requested, s.decided, s.settled, s.decided_ema,\n"
	"  s.status,\n"
	"  CASE WHEN s.requested > 0 AND s.decided IS NOT NULL\n"
	"    THEN CAST(round(s.decided * 100.0 / s.requested) AS INTEGER) || ' %' END,\n"
	"  m.id\n"
	"FROM municipality m\n"
	"LEFT JOIN settlement s ON s.id = CASE WHEN :year <> 0\n"
	"  THEN (SELECT s2.id FROM settlement s2\n"
	"        WHERE s2.municipality = m.id AND s2.year = :year AND s2.deleted = 0 LIMIT 1)\n"
	"  ELSE (SELECT s2.id FROM settlement s2\n"
	"        WHERE s2.municipality = m.id AND s2.deleted = 0\n"
	"        ORDER BY s2.status IS NOT NULL DESC, s2.year DESC LIMIT 1) END\n"
	"WHERE m.deleted = 0 AND (:municipality IS NULL OR m.id = :municipality)\n"
	"ORDER BY m.name COLLATE NB, m.id";

static const struct list_col municipality_cols[] = {
	FIELD("number", N_("number"), L, 0, "municipality", "number"),
	TEXT("name", N_("name"), L, 1),
	FIELD("year", N_("year"), R, 2, "settlement", "year"),
	FIELD("requested", N_("requested"), R, 3, "settlement", "requested"),
	FIELD("decided", N_("decided"), R, 4, "settlement", "decided"),
	FIELD("settled", N_("settled"), R, 5, "settlement", "settled"),
	FIELD("ema", N_("EMA"), R, 6, "settlement", "decided_ema"),
	FIELD("status", N_("status"), L, 7, "settlement", "status"),
	TEXT("met", N_("share met"), R, 8),
};

/* ------------------------------------------------------------ settlements */

/* Every year's figures: the municipality view's detail and `show`. */
static const char sql_settlements[] =
	"SELECT m.name, s.year, s.requested, s.extra_requested, s.decided, s.decided_ema,\n"
	"  s.settled, s.status, s.decision_date, s.id\n"
	"FROM settlement s JOIN municipality m ON m.id = s.municipality AND m.deleted = 0\n"
	"WHERE s.deleted = 0 AND (:year = 0 OR s.year = :year)\n"
	"  AND (:municipality IS NULL OR m.id = :municipality)\n"
	"ORDER BY m.name COLLATE NB, m.id, s.year";

static const struct list_col settlement_cols[] = {
	TEXT("municipality", N_("municipality"), L, 0),
	FIELD("year", N_("year"), R, 1, "settlement", "year"),
	FIELD("requested", N_("requested"), R, 2, "settlement", "requested"),
	FIELD("extra_requested", N_("additional request"), R, 3, "settlement", "extra_requested"),
	FIELD("decided", N_("decided"), R, 4, "settlement", "decided"),
	FIELD("ema", N_("EMA"), R, 5, "settlement", "decided_ema"),
	FIELD("settled", N_("settled"), R, 6, "settlement", "settled"),
	FIELD("status", N_("status"), L, 7, "settlement", "status"),
	FIELD("decision_date", N_("decision date"), L, 8, "settlement", "decision_date"),
};

/* ------------------------------------------------------------ contacts */

/* A steering group seat may be known only by its position: it sorts by
 * that. The index contact_list (schema.c) holds this order and every
 * column selected, so the list is read from it in order: no sort, no
 * table. The municipality filter compares the reference alone, as the
 * filter's municipality is found among live ones. */
static const char sql_contacts[] =
	"SELECT c.name, c.position, c.municipality, c.organisation, c.email, c.phone, c.id\n"
	"FROM contact c\n"
	"WHERE c.deleted = 0 AND (:municipality IS NULL OR c.municipality = :municipality)\n"
	"  AND (:group IS NULL OR EXISTS (SELECT 1 FROM membership ms\n"
	"    WHERE ms.contact = c.id AND ms.deleted = 0 AND ms.\"group\" = :group))\n"
	"ORDER BY COALESCE(NULLIF(c.name, ''), c.position) COLLATE NB, c.position COLLATE NB, c.id";

/* A contact works for a municipality or else an organisation; record ids
 * are unique across tables, so one lookup holds the names of both. */
static const struct list_lookup affiliation_names = {
	"SELECT id, name FROM municipality WHERE deleted = 0 AND name IS NOT NULL\n"
	"UNION ALL SELECT id, COALESCE(short_name, name) FROM organisation WHERE deleted = 0"};

static const struct list_lookup contact_groups = {
	"SELECT contact, \"group\" FROM membership WHERE deleted = 0"};

static const struct list_col contact_cols[] = {
	TEXT("name", N_("name"), L, 0),
	TEXT("position", N_("position"), L, 1),
	{"affiliation", N_("municipality/organisation"), L, CELL_TEXT, 2, NULL, NULL, NULL, NULL,
	 &affiliation_names, 3},
	FIELD("email", N_("e-mail"), L, 4, "contact", "email"),
	FIELD("phone", N_("phone"), L, 5, "contact", "phone"),
	{"groups", N_("groups"), L, CELL_ENUM_SET, 6, NULL, NULL, &sam_enum_group, NULL,
	 &contact_groups, -1},
};

/* ------------------------------------------------------------ grants */

/* A joint application names all its municipalities, in Norwegian order. */
static const char sql_grants[] =
	"SELECT g.scheme, g.year,\n"
	"  (SELECT group_concat(name, ' / ') FROM (\n"
	"     SELECT m.name FROM grant_municipality gm\n"
	"     JOIN municipality m ON m.id = gm.municipality AND m.deleted = 0\n"
	"     WHERE gm.\"grant\" = g.id AND gm.deleted = 0 ORDER BY m.name COLLATE NB)) AS names,\n"
	"  g.positions, g.amount_nok, g.status, g.note, g.id\n"
	"FROM grant_application g\n"
	"WHERE g.deleted = 0 AND (:year = 0 OR g.year = :year)\n"
	"  AND (:scheme IS NULL OR g.scheme = :scheme)\n"
	"  AND (:municipality IS NULL OR EXISTS (SELECT 1 FROM grant_municipality gm\n"
	"    WHERE gm.\"grant\" = g.id AND gm.deleted = 0 AND gm.municipality = :municipality))\n"
	"ORDER BY names IS NULL, names COLLATE NB, g.year, g.scheme, g.id";

static const struct list_col grant_cols[] = {
	FIELD("scheme", N_("scheme"), L, 0, "grant", "scheme"),
	FIELD("year", N_("year"), R, 1, "grant", "year"),
	TEXT("municipalities", N_("municipalities"), L, 2),
	FIELD("positions", N_("positions"), R, 3, "grant", "positions"),
	FIELD("amount_nok", N_("amount (NOK)"), R, 4, "grant", "amount_nok"),
	FIELD("status", N_("status"), L, 5, "grant", "status"),
	FIELD("note", N_("note"), L, 6, "grant", "note"),
};

/* ------------------------------------------------------------ meetings */

/* A meeting is in a period if it overlaps it; a municipality's meetings are
 * the visits there and those its contact persons attend. */
#define MEETINGS_SELECT \
	"SELECT mt.starts_at, mt.ends_at, mt.all_day, mt.title, mt.kind, mt.place, m.name,\n" \
	"  mt.id\n" \
	"FROM meeting mt\n" \
	"LEFT JOIN municipality m ON m.id = mt.municipality AND m.deleted = 0\n" \
	"WHERE mt.deleted = 0\n"
#define MEETINGS_REST \
	"  AND (:municipality IS NULL OR m.id = :municipality OR EXISTS (\n" \
	"    SELECT 1 FROM attendee a JOIN contact c ON c.id = a.contact AND c.deleted = 0\n" \
	"    WHERE a.meeting = mt.id AND a.deleted = 0 AND c.municipality = :municipality))\n" \
	"ORDER BY mt.starts_at, mt.title COLLATE NB, mt.id"

static const char sql_meetings[] = MEETINGS_SELECT MEETINGS_REST;

/* The same for a period (--from, --to, --year). Its bounds on starts_at
 * are plain comparisons, so SQLite walks the index meeting_start over the
 * period's range instead of every meeting ever held; a bound written as
 * ":to IS NULL OR …" would hide the range from the planner. A meeting
 * whose start has not arrived from its laptop yet is in no period. */
static const char sql_meetings_in_period[] = MEETINGS_SELECT
	"  AND mt.starts_at >= COALESCE(:year_from, '')\n"
	"  AND mt.starts_at < COALESCE(:to, '9999')\n"
	"  AND mt.starts_at < COALESCE(:year_to, '9999')\n"
	"  AND (:from IS NULL OR COALESCE(mt.ends_at, mt.starts_at) >= :from)\n"
	MEETINGS_REST;

enum { MEETING_STARTS, MEETING_ENDS, MEETING_ALL_DAY };

/* The Oslo wall time of a stored instant; false if the column holds none. */
static bool column_oslo_time(sqlite3_stmt *st, int col, struct sam_civil *out)
{
	const char *iso = (const char *)sqlite3_column_text(st, col);
	int64_t t;
	if (!iso || !sam_iso_utc_parse(iso, &t))
		return false;
	sam_utc_to_oslo(t, out);
	return true;
}

static bool same_day(const struct sam_civil *a, const struct sam_civil *b)
{
	return a->year == b->year && a->month == b->month && a->day == b->day;
}

/* "02.10.2015", or "22.04.2015–23.04.2015" for a meeting over several days. */
static char *meeting_date(sqlite3_stmt *st)
{
	struct sam_civil start, end;
	char a[11], b[11];
	if (!column_oslo_time(st, MEETING_STARTS, &start))
		return xstrdup("");
	sam_date_format(start.year, start.month, start.day, a);
	if (!column_oslo_time(st, MEETING_ENDS, &end) || same_day(&start, &end))
		return xstrdup(a);
	sam_date_format(end.year, end.month, end.day, b);
	return xasprintf("%s–%s", a, b);
}

/* "13:00–15:00", "13:00" without an end, or "all day". */
static char *meeting_time(sqlite3_stmt *st)
{
	struct sam_civil start, end;
	if (sqlite3_column_int(st, MEETING_ALL_DAY))
		return xstrdup(_("all day"));
	if (!column_oslo_time(st, MEETING_STARTS, &start))
		return xstrdup("");
	if (!column_oslo_time(st, MEETING_ENDS, &end))
		return xasprintf("%02d:%02d", start.hour, start.minute);
	return xasprintf("%02d:%02d–%02d:%02d", start.hour, start.minute, end.hour, end.minute);
}

static const struct list_col meeting_cols[] = {
	CUSTOM("date", N_("date"), L, meeting_date),
	CUSTOM("time", N_("time"), L, meeting_time),
	TEXT("title", N_("title"), L, 3),
	FIELD("kind", N_("kind"), L, 4, "meeting", "kind"),
	TEXT("place", N_("place"), L, 5),
	TEXT("municipality", N_("municipality"), L, 6),
};

/* ------------------------------------------------------------ organisations */

static const char sql_organisations[] =
	"SELECT o.name, o.short_name, o.kind, o.id FROM organisation o WHERE o.deleted = 0\n"
	"ORDER BY o.name COLLATE NB, o.id";

static const struct list_col organisation_cols[] = {
	TEXT("name", N_("name"), L, 0),
	TEXT("short_name", N_("short name"), L, 1),
	FIELD("kind", N_("kind"), L, 2, "organisation", "kind"),
};

/* ------------------------------------------------------------ the lists */

static const struct list_def lists[] = {
	{"municipalities", "municipality", FILTER_YEAR | FILTER_MUNICIPALITY, sql_municipalities,
	 municipality_cols, LEN(municipality_cols)},
	{"contacts", "contact", FILTER_MUNICIPALITY | FILTER_GROUP, sql_contacts, contact_cols,
	 LEN(contact_cols)},
	{"grants", "grant", FILTER_YEAR | FILTER_MUNICIPALITY | FILTER_SCHEME, sql_grants,
	 grant_cols, LEN(grant_cols)},
	{"meetings", "meeting", FILTER_YEAR | FILTER_MUNICIPALITY | FILTER_FROM | FILTER_TO,
	 sql_meetings, meeting_cols, LEN(meeting_cols), sql_meetings_in_period},
	{"organisations", "organisation", 0, sql_organisations, organisation_cols,
	 LEN(organisation_cols)},
	{"settlements", "settlement", FILTER_YEAR | FILTER_MUNICIPALITY, sql_settlements,
	 settlement_cols, LEN(settlement_cols)},
};

static const struct list_def *find_list(const char *kind)
{
	for (int i = 0; i < LEN(lists); i++)
		if (strcmp(lists[i].kind, kind) == 0 || strcmp(lists[i].singular, kind) == 0)
			return &lists[i];
	return NULL;
}

int sam_list_check_kind(const char *kind, struct sam_err *err)
{
	if (kind && find_list(kind))
		return 0;
	struct strbuf sb = {0};
	for (int i = 0; i < LEN(lists); i++)
		sb_addf(&sb, "%s%s", i ? ", " : "", lists[i].kind);
	sam_fail(err, _("unknown list '%s' (choose: %s)"), kind ? kind : "", sb.buf);
	sb_free(&sb);
	return -1;
}

/* ------------------------------------------------------------ filters */

/* Which filters were given, to refuse one the list cannot apply. */
static unsigned filters_given(const struct sam_list_filter *f)
{
	return (f->year ? FILTER_YEAR : 0) | (f->municipality ? FILTER_MUNICIPALITY : 0) |
	       (f->group ? FILTER_GROUP : 0) | (f->scheme ? FILTER_SCHEME : 0) |
	       (f->from ? FILTER_FROM : 0) | (f->to ? FILTER_TO : 0);
}

static int check_filters_apply(const struct list_def *l, const struct sam_list_filter *f,
                               struct sam_err *err)
{
	/* In the order of the FILTER_ bits. */
	static const char *const options[] = {"--year", "--municipality", "--group",
	                                      "--scheme", "--from", "--to"};
	unsigned extra = filters_given(f) & ~l->filters;
	for (int i = 0; i < LEN(options); i++)
		if (extra & (1u << i))
			return sam_fail(err, _("%s does not apply to the list of %s"), options[i],
			                l->kind);
	return 0;
}

/* A group or scheme as typed, as its stored key. */
static int resolve_enum(const struct sam_enum *e, const char *text, const char **key,
                        struct sam_err *err)
{
	*key = NULL;
	if (!text)
		return 0;
	int i = sam_enum_parse(e, text);
	if (i >= 0) {
		*key = e->items[i].key;
		return 0;
	}
	char *choices = sam_enum_choices(e);
	if (e == &sam_enum_group)
		sam_fail(err, _("unknown group '%s' (choose: %s)"), text, choices);
	else
		sam_fail(err, _("unknown scheme '%s' (choose: %s)"), text, choices);
	free(choices);
	return -1;
}

/* The UTC instant of midnight in Oslo starting the given day. */
static void oslo_midnight(int64_t days, char out[21])
{
	struct sam_civil c = {0};
	sam_civil_from_days(days, &c.year, &c.month, &c.day);
	sam_iso_utc_format(sam_oslo_to_utc(&c), out);
}

/* A day as typed, as the instant its Oslo day starts (or, for the end of a
 * period, the next day starts: "to" is inclusive). */
static int resolve_day(const char *text, const char *option, bool end, char out[21],
                       struct sam_err *err)
{
	int y, m, d;
	out[0] = '\0';
	if (!text)
		return 0;
	if (!sam_date_parse(text, &y, &m, &d) || !sam_date_valid(y, m, d))
		return sam_fail(err, _("'%s' is not a date for %s (use dd.mm.yyyy)"), text, option);
	oslo_midnight(sam_days_from_civil(y, m, d) + (end ? 1 : 0), out);
	return 0;
}

static int resolve_municipality(struct sam_db *db, const char *text, char id[SAM_ID_BUF],
                                struct sam_err *err)
{
	const struct sam_entity *found;
	id[0] = '\0';
	if (!text)
		return 0;
	return sam_record_find(db, sam_entity_find("municipality"), text, &found, id, err);
}

static int resolve_filter(struct sam_db *db, const struct sam_list_filter *f,
                          struct resolved_filter *r, struct sam_err *err)
{
	memset(r, 0, sizeof(*r));
	r->year = f->year;
	if (f->year) {
		oslo_midnight(sam_days_from_civil(f->year, 1, 1), r->year_from);
		oslo_midnight(sam_days_from_civil(f->year + 1, 1, 1), r->year_to);
	}
	if (resolve_enum(&sam_enum_group, f->group, &r->group, err) < 0 ||
	    resolve_enum(&sam_enum_grant_scheme, f->scheme, &r->scheme, err) < 0 ||
	    resolve_day(f->from, "--from", false, r->from, err) < 0 ||
	    resolve_day(f->to, "--to", true, r->to, err) < 0)
		return -1;
	return resolve_municipality(db, f->municipality, r->municipality, err);
}

/* Binds the named parameters a list's query uses; absent filters stay NULL. */
static void bind_text_param(sqlite3_stmt *st, const char *name, const char *value)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i > 0 && value && *value)
		sqlite3_bind_text(st, i, value, -1, SQLITE_TRANSIENT);
}

static void bind_filter(sqlite3_stmt *st, const struct resolved_filter *r)
{
	int i = sqlite3_bind_parameter_index(st, ":year");
	if (i > 0)
		sqlite3_bind_int(st, i, r->year);
	bind_text_param(st, ":municipality", r->municipality);
	bind_text_param(st, ":group", r->group);
	bind_text_param(st, ":scheme", r->scheme);
	bind_text_param(st, ":from", r->from);
	bind_text_param(st, ":to", r->to);
	bind_text_param(st, ":year_from", r->year_from);
	bind_text_param(st, ":year_to", r->year_to);
}

/* ------------------------------------------------------------ lookups */

struct lookup_entry {
	const char *key, *text; /* key NULL: a free slot */
	size_t hash;      /* compared first, so a probe seldom reads a key */
};

/* The map's strings, in blocks freed together: a list makes tens of
 * thousands of them and frees them all at its end, and one malloc and
 * free for each was a tenth of the contact list's time. */
struct lookup_block {
	struct lookup_block *next;
	size_t used, cap;
	char s[];
};

/* Open addressing with linear probing; cap is a power of two, at least
 * twice the entries, so a probe ends at a free slot. */
struct lookup_map {
	struct lookup_entry *e;
	size_t cap, n;
	struct lookup_block *strings;
};

/* A copy of a and, if b is given, "," and b, in the map's blocks. */
static char *lookup_string(struct lookup_map *m, const char *a, const char *b)
{
	size_t na = strlen(a), nb = b ? strlen(b) + 1 : 0, need = na + nb + 1;
	struct lookup_block *k = m->strings;
	if (!k || k->cap - k->used < need) {
		size_t cap = need > 60000 ? need : 60000;
		k = xmalloc(sizeof(*k) + cap);
		*k = (struct lookup_block){m->strings, 0, cap};
		m->strings = k;
	}
	char *p = k->s + k->used;
	memcpy(p, a, na);
	if (b) {
		p[na] = ',';
		memcpy(p + na + 1, b, nb - 1);
	}
	p[na + nb] = '\0';
	k->used += need;
	return p;
}

/* Eight bytes at a time: the keys are ids of 32 characters, and a list
 * hashes two of them a row. */
static size_t key_hash(const char *s)
{
	size_t n = strlen(s);
	uint64_t h = n;
	for (; n >= 8; s += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15u;
		h ^= h >> 29;
	}
	for (; n > 0; s++, n--)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	return (size_t)(h ^ h >> 32);
}

static struct lookup_entry *lookup_slot(const struct lookup_map *m, const char *key,
                                        size_t hash)
{
	size_t i = hash & (m->cap - 1);
	while (m->e[i].key && (m->e[i].hash != hash || strcmp(m->e[i].key, key) != 0))
		i = (i + 1) & (m->cap - 1);
	return &m->e[i];
}

static void lookup_grow(struct lookup_map *m)
{
	struct lookup_map bigger = {xcalloc(m->cap * 2, sizeof(*m->e)), m->cap * 2, m->n, m->strings};
	for (size_t i = 0; i < m->cap; i++)
		if (m->e[i].key)
			*lookup_slot(&bigger, m->e[i].key, m->e[i].hash) = m->e[i];
	free(m->e);
	*m = bigger;
}

static void lookup_put(struct lookup_map *m, const char *key, const char *text)
{
	if (2 * (m->n + 1) > m->cap)
		lookup_grow(m);
	size_t hash = key_hash(key);
	struct lookup_entry *e = lookup_slot(m, key, hash);
	if (!e->key) {
		*e = (struct lookup_entry){lookup_string(m, key, NULL), lookup_string(m, text, NULL), hash};
		m->n++;
		return;
	}
	e->text = lookup_string(m, e->text, text);
}

static const char *lookup_get(const struct lookup_map *m, const char *key)
{
	if (!key)
		return NULL;
	return lookup_slot(m, key, key_hash(key))->text;
}

static void lookup_free(struct lookup_map *m)
{
	while (m->strings) {
		struct lookup_block *next = m->strings->next;
		free(m->strings);
		m->strings = next;
	}
	free(m->e);
}

static int lookup_load(struct sam_db *db, const struct list_lookup *l, struct lookup_map *m,
                       struct sam_err *err)
{
	*m = (struct lookup_map){xcalloc(64, sizeof(*m->e)), 64, 0, NULL};
	sqlite3_stmt *st = sam_db_stmt(db, l->sql);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		const char *text = (const char *)sqlite3_column_text(st, 1);
		if (key && text)
			lookup_put(m, key, text);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sam_db_fail(db, err);
}

/* ------------------------------------------------------------ cells */

/* The field a CELL_FIELD column formats; looked up once per list, not
 * once per cell. */
static const struct sam_field *col_field(const struct list_col *c)
{
	if (c->kind != CELL_FIELD)
		return NULL;
	const struct sam_entity *e = sam_entity_find(c->entity);
	const struct sam_field *f = e ? sam_entity_field(e, c->field) : NULL;
	if (!f)
		fatal("listing: no field %s.%s", c->entity, c->field);
	return f;
}

/* A stored text that its field shows as it is, is the cell itself. */
static const char *field_cell(const struct list_col *c, const struct sam_field *f,
                              sqlite3_stmt *st, char **made)
{
	if (sqlite3_column_type(st, c->sql) == SQLITE_TEXT && sam_value_text_as_is(f))
		return (const char *)sqlite3_column_text(st, c->sql);
	struct sam_value v = {0};
	sam_value_from_column(&v, st, c->sql);
	*made = sam_value_format(f, &v);
	sam_value_clear(&v);
	return *made;
}

/* "network, steering group": labels in the enum's own order. labels are
 * the enum's, translated once per list rather than once per cell. */
static char *enum_set_cell(const struct sam_enum *e, const char *const *labels,
                           const char *keys)
{
	struct strbuf sb = {0};
	sb_add(&sb, "");
	for (int i = 0; i < e->count; i++) {
		const char *k = e->items[i].key;
		size_t n = strlen(k);
		for (const char *p = keys; (p = strstr(p, k)) != NULL; p += n) {
			bool starts = p == keys || p[-1] == ',';
			bool ends = p[n] == '\0' || p[n] == ',';
			if (starts && ends) {
				if (sb.len)
					sb_add(&sb, ", ");
				sb_add(&sb, labels[i]);
				break;
			}
		}
	}
	return sb_steal(&sb);
}

/* An enum-set column's lookup is turned into labels once per list: the
 * contacts have a handful of different sets of groups among them, and
 * making the labels for each of 50,000 rows was work done again and
 * again. memo holds each set's labels once, in the map's own blocks. */
static void lookup_to_labels(struct lookup_map *m, const struct sam_enum *e,
                             const char *const *labels)
{
	struct lookup_map memo = {xcalloc(64, sizeof(*memo.e)), 64, 0, m->strings};
	for (size_t i = 0; i < m->cap; i++) {
		struct lookup_entry *en = &m->e[i];
		if (!en->key)
			continue;
		const char *cell = lookup_get(&memo, en->text);
		if (!cell) {
			char *made = enum_set_cell(e, labels, en->text);
			lookup_put(&memo, en->text, made);
			free(made);
			cell = lookup_get(&memo, en->text);
		}
		en->text = cell;
	}
	m->strings = memo.strings;
	free(memo.e);
}

/* The text a column selects, or with a lookup what that holds for it. */
static const char *col_text(const struct list_col *c, const struct lookup_map *m,
                            sqlite3_stmt *st)
{
	if (c->sql < 0)
		return NULL;
	const char *text = (const char *)sqlite3_column_text(st, c->sql);
	if (!c->lookup)
		return text;
	const char *found = lookup_get(m, text);
	if (!found && c->sql_else >= 0)
		found = lookup_get(m, (const char *)sqlite3_column_text(st, c->sql_else));
	return found;
}

/* A text cell is the selected text itself, valid until the next row (no
 * other cell reads its column as another type, which would convert it);
 * a cell that is made is left in *made to be freed. */
static const char *make_cell(const struct list_col *c, const struct sam_field *f,
                             const struct lookup_map *m, sqlite3_stmt *st, char **made)
{
	*made = NULL;
	switch (c->kind) {
	case CELL_FIELD:
		return field_cell(c, f, st, made);
	case CELL_CUSTOM:
		return *made = c->custom(st);
	case CELL_ENUM_SET: /* its lookup holds the labels */
	case CELL_TEXT:
		break;
	}
	const char *text = col_text(c, m, st);
	return text ? text : "";
}

/* Every list's query selects the record's id last. It is a column of the
 * CSV and JSON output, so a script can go on to `set` or `delete` a grant
 * or a meeting, which have no name to find them by; the text table, for
 * people, leaves it out. */
static void setup_columns(const struct list_def *l, struct sam_table *t)
{
	sam_table_init(t, l->ncols + 1);
	for (int c = 0; c < l->ncols; c++)
		sam_table_col(t, c, l->cols[c].key, _(l->cols[c].head), l->cols[c].align);
	sam_table_col(t, l->ncols, "id", "id", SAM_ALIGN_LEFT);
	t->cols[l->ncols].text_hidden = true;
}

static bool period_given(const struct resolved_filter *r)
{
	return r->from[0] || r->to[0] || r->year_from[0];
}

/* What a list needs of each column, found once before its rows. */
struct list_run {
	const struct list_def *l;
	const struct sam_field **fields;
	struct lookup_map *maps; /* of the columns with a lookup */
	const char ***labels;    /* of the CELL_ENUM_SET columns */
	const char **cells;      /* the row's, and the id */
	char **made;
};

static int run_start(struct sam_db *db, const struct list_def *l, struct list_run *run,
                     struct sam_err *err)
{
	size_t n = (size_t)l->ncols;
	*run = (struct list_run){l,
	                         xcalloc(n, sizeof(*run->fields)),
	                         xcalloc(n, sizeof(*run->maps)),
	                         xcalloc(n, sizeof(*run->labels)),
	                         xcalloc(n + 1, sizeof(*run->cells)),
	                         xcalloc(n, sizeof(*run->made))};
	for (int c = 0; c < l->ncols; c++) {
		run->fields[c] = col_field(&l->cols[c]);
		const struct sam_enum *e = l->cols[c].kind == CELL_ENUM_SET ? l->cols[c].en : NULL;
		if (e) {
			run->labels[c] = xcalloc((size_t)e->count, sizeof(**run->labels));
			for (int i = 0; i < e->count; i++)
				run->labels[c][i] = _(e->items[i].label);
		}
		if (l->cols[c].lookup && lookup_load(db, l->cols[c].lookup, &run->maps[c], err) < 0)
			return -1;
		if (e) {
			if (!l->cols[c].lookup)
				fatal("listing: the enum set %s has no lookup", l->cols[c].key);
			lookup_to_labels(&run->maps[c], e, run->labels[c]);
		}
	}
	return 0;
}

static void run_free(struct list_run *run)
{
	for (int c = 0; c < run->l->ncols; c++) {
		if (run->maps[c].e)
			lookup_free(&run->maps[c]);
		free(run->labels[c]);
	}
	free(run->labels);
	free(run->fields);
	free(run->maps);
	free(run->cells);
	free(run->made);
}

static int run_list(struct sam_db *db, const struct list_def *l, const struct resolved_filter *r,
                    sam_list_row_fn row, void *ctx, struct sam_err *err)
{
	struct list_run run;
	if (run_start(db, l, &run, err) < 0) {
		run_free(&run);
		return -1;
	}
	const char *sql = l->period_sql && period_given(r) ? l->period_sql : l->sql;
	sqlite3_stmt *st = sam_db_stmt(db, sql);
	bind_filter(st, r);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int c = 0; c < l->ncols; c++)
			run.cells[c] = make_cell(&l->cols[c], run.fields[c], &run.maps[c], st,
			                         &run.made[c]);
		const char *id = (const char *)sqlite3_column_text(st, sqlite3_column_count(st) - 1);
		run.cells[l->ncols] = id ? id : "";
		row(ctx, run.cells);
		for (int c = 0; c < l->ncols; c++)
			free(run.made[c]);
	}
	if (rc != SQLITE_DONE)
		sam_db_fail(db, err);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	run_free(&run);
	return rc == SQLITE_DONE ? 0 : -1;
}

int sam_list_each(struct sam_db *db, const char *kind, const struct sam_list_filter *f,
                  struct sam_table *cols, sam_list_row_fn row, void *ctx, struct sam_err *err)
{
	static const struct sam_list_filter none;
	memset(cols, 0, sizeof(*cols));
	if (sam_list_check_kind(kind, err) < 0)
		return -1;
	const struct list_def *l = find_list(kind);
	if (!f)
		f = &none;
	struct resolved_filter r;
	if (check_filters_apply(l, f, err) < 0 || resolve_filter(db, f, &r, err) < 0)
		return -1;
	setup_columns(l, cols);
	if (run_list(db, l, &r, row, ctx, err) < 0) {
		sam_table_free(cols);
		return -1;
	}
	return 0;
}

static void add_row(void *table, const char *const *cells)
{
	struct sam_table *t = table;
	int row = sam_table_add_row(t);
	for (int c = 0; c < t->ncols; c++)
		sam_table_set(t, row, c, cells[c]);
}

int sam_list(struct sam_db *db, const char *kind, const struct sam_list_filter *f,
             struct sam_table *out, struct sam_err *err)
{
	return sam_list_each(db, kind, f, out, add_row, out, err);
}
