/* One municipality's detail (see muni_detail.h). Each query starts from
 * an index on the municipality (settlement_municipality,
 * contact_municipality, grant_municipality_municipality); `list` filters
 * the whole country's rows instead, which is right for a list and too
 * slow for a pane that follows the selection. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/common.h"
#include "core/entity.h"
#include "core/muni_detail.h"
#include "core/value.h"

static const char sql_figures[] =
	"SELECT year, requested, extra_requested, decided, decided_ema, settled, status, id\n"
	"FROM settlement WHERE municipality = ?1 AND deleted = 0\n"
	"ORDER BY year, id";

static const char sql_contacts[] =
	"SELECT c.name, c.position, c.email, c.phone\n"
	"FROM contact c WHERE c.municipality = ?1 AND c.deleted = 0\n"
	"ORDER BY COALESCE(NULLIF(c.name, ''), c.position) COLLATE NB, c.position COLLATE NB, c.id";

/* A joint application sorts by all its municipalities' names, as in
 * `list grants`. */
static const char sql_grants[] =
	"SELECT g.scheme, g.year, g.positions, g.amount_nok, g.status\n"
	"FROM grant_application g\n"
	"WHERE g.deleted = 0 AND g.id IN (SELECT gm.\"grant\" FROM grant_municipality gm\n"
	"  WHERE gm.municipality = ?1 AND gm.deleted = 0)\n"
	"ORDER BY (SELECT group_concat(name, ' / ') FROM (\n"
	"  SELECT m.name FROM grant_municipality gm\n"
	"  JOIN municipality m ON m.id = gm.municipality AND m.deleted = 0\n"
	"  WHERE gm.\"grant\" = g.id AND gm.deleted = 0 ORDER BY m.name COLLATE NB)) COLLATE NB,\n"
	"  g.year, g.scheme, g.id";

/* A selected column: a stored field's value formatted by its field, or
 * (field NULL) the text as it is. */
struct col {
	const char *entity, *field;
};

static const struct col figure_cols[] = {
	{"settlement", "year"},         {"settlement", "requested"},
	{"settlement", "extra_requested"}, {"settlement", "decided"},
	{"settlement", "decided_ema"},  {"settlement", "settled"},
	{"settlement", "status"},       {NULL, NULL},
};
static const struct col contact_cols[] = {
	{NULL, NULL}, {NULL, NULL}, {"contact", "email"}, {"contact", "phone"},
};
static const struct col grant_cols[] = {
	{"grant", "scheme"},     {"grant", "year"},   {"grant", "positions"},
	{"grant", "amount_nok"}, {"grant", "status"},
};

static char *cell(const struct col *c, sqlite3_stmt *st, int i)
{
	if (!c->field) {
		const char *s = (const char *)sqlite3_column_text(st, i);
		return xstrdup(s ? s : "");
	}
	const struct sam_entity *e = sam_entity_find(c->entity);
	const struct sam_field *f = e ? sam_entity_field(e, c->field) : NULL;
	if (!f)
		fatal("municipality detail: no field %s.%s", c->entity, c->field);
	struct sam_value v = {0};
	sam_value_from_column(&v, st, i);
	char *s = sam_value_format(f, &v);
	sam_value_clear(&v);
	return s;
}

static const struct part {
	const char *sql;
	const struct col *cols;
	int ncols;
} parts[SAM_MD_NPARTS] = {
	[SAM_MD_FIGURES] = {sql_figures, figure_cols, (int)SAM_ARRAY_LEN(figure_cols)},
	[SAM_MD_CONTACTS] = {sql_contacts, contact_cols, (int)SAM_ARRAY_LEN(contact_cols)},
	[SAM_MD_GRANTS] = {sql_grants, grant_cols, (int)SAM_ARRAY_LEN(grant_cols)},
};

int sam_muni_detail_load(struct sam_db *db, enum sam_muni_part part, const char *id,
                         struct sam_table *out, struct sam_err *err)
{
	const struct part *p = &parts[part];
	sam_table_init(out, p->ncols);
	sqlite3_stmt *st = sam_db_stmt(db, p->sql);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int row = sam_table_add_row(out);
		for (int c = 0; c < p->ncols; c++) {
			char *s = cell(&p->cols[c], st, c);
			sam_table_set(out, row, c, s);
			free(s);
		}
	}
	if (rc != SQLITE_DONE)
		sam_db_fail(db, err);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE) {
		sam_table_free(out);
		return -1;
	}
	return 0;
}
