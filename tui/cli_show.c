/* `samordne show` and `samordne history`: one record, what belongs to it,
 * and who changed it. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/collate.h"
#include "core/common.h"
#include "core/history.h"
#include "core/listing.h"
#include "core/oslo_time.h"
#include "core/record.h"
#include "tui/cli.h"

/* ------------------------------------------------------------ a record's row */

static int column_index(sqlite3_stmt *st, const char *name)
{
	for (int i = 0; i < sqlite3_column_count(st); i++)
		if (strcmp(sqlite3_column_name(st, i), name) == 0)
			return i;
	return -1;
}

/* The live rows of an entity whose field holds id: SELECT * so every
 * field can be read by name. The caller finalizes. */
static sqlite3_stmt *rows_where(struct sam_db *db, const struct sam_entity *e, const char *field,
                                const char *id)
{
	char *sql = xasprintf("SELECT * FROM \"%s\" WHERE deleted = 0 AND \"%s\" = ?", e->table,
	                      field);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK)
		fatal("cannot prepare \"%s\": %s", sql, sqlite3_errmsg(db->sql));
	free(sql);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	return st;
}

/* A field of the current row as people read it; "" if empty. */
static char *row_field_text(struct sam_db *db, sqlite3_stmt *st, const struct sam_field *f)
{
	int col = column_index(st, f->name);
	if (col < 0)
		return xstrdup("");
	struct sam_value v = {0};
	sam_value_from_column(&v, st, col);
	char *s = cli_value_text(db, f, &v);
	sam_value_clear(&v);
	return s;
}

/* A value and its line end; the lines of a note after its first are
 * indented, so they read as part of it. */
static void print_value(const char *value)
{
	for (const char *p = value; *p; p++) {
		putchar(*p);
		if (*p == '\n')
			fputs("  ", stdout);
	}
	putchar('\n');
}

static void print_labelled(const char *label, const char *value)
{
	printf("%s: ", label);
	print_value(value);
}

static int print_fields(struct sam_db *db, const struct sam_entity *e, const char *id)
{
	char *title = sam_record_title(db, e, id);
	print_labelled(_(e->label), title);
	free(title);
	printf("id: %s\n", id);
	sqlite3_stmt *st = rows_where(db, e, "id", id);
	int rc = sqlite3_step(st);
	for (int k = 0; rc == SQLITE_ROW && k < e->nfields; k++) {
		char *text = row_field_text(db, st, &e->fields[k]);
		if (*text)
			print_labelled(_(e->fields[k].label), text);
		free(text);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return CLI_OK;
	struct sam_err err;
	sam_db_fail(db, &err);
	return cli_fail(&err);
}

/* ------------------------------------------------------------ related records */

static int compare_nb(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	return sam_collate_nb(x, (int)strlen(x), y, (int)strlen(y));
}

/* "steering group (leader)": the link's far side, with any other field
 * it has (a membership's role) in brackets. */
static char *link_text(struct sam_db *db, sqlite3_stmt *st, const struct sam_entity *link,
                       const char *from_field, const struct sam_field *to)
{
	struct strbuf sb = {0};
	char *main_text = row_field_text(db, st, to);
	sb_add(&sb, main_text);
	free(main_text);
	for (int k = 0; k < link->nfields; k++) {
		const struct sam_field *f = &link->fields[k];
		if (f == to || strcmp(f->name, from_field) == 0)
			continue;
		char *extra = row_field_text(db, st, f);
		if (*extra)
			sb_addf(&sb, " (%s)", extra);
		free(extra);
	}
	return sb_steal(&sb);
}

/* The records that link entities (memberships, attendees, municipalities
 * of a grant) join to id, one a line under "label:", in Norwegian order
 * (their titles may hold commas). Links to deleted records are left out. */
static void print_links(struct sam_db *db, const char *label, const char *link_name,
                        const char *from_field, const char *to_field, const char *id)
{
	const struct sam_entity *link = sam_entity_find(link_name);
	const struct sam_field *to = sam_entity_field(link, to_field);
	const struct sam_entity *target = to->type == SAM_F_REF ? sam_entity_find(to->ref) : NULL;
	char **items = NULL;
	int n = 0;
	sqlite3_stmt *st = rows_where(db, link, from_field, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *to_id = (const char *)sqlite3_column_text(st, column_index(st, to_field));
		if (target && (!to_id || !sam_record_exists(db, target, to_id)))
			continue;
		items = xrealloc(items, (size_t)(n + 1) * sizeof(*items));
		items[n++] = link_text(db, st, link, from_field, to);
	}
	sqlite3_finalize(st);
	qsort(items, (size_t)n, sizeof(*items), compare_nb);
	if (n > 0)
		printf("%s:\n", label);
	for (int i = 0; i < n; i++) {
		fputs("  ", stdout);
		print_value(items[i]);
		free(items[i]);
	}
	free(items);
}

/* A list of what belongs to the record, under a heading; nothing if empty. */
static int print_section(struct sam_db *db, const char *heading, const char *kind,
                         const struct sam_list_filter *f)
{
	struct sam_table t;
	struct sam_err err;
	if (sam_list(db, kind, f, &t, &err) < 0)
		return cli_fail(&err);
	int rc = CLI_OK;
	if (t.nrows > 0) {
		printf("\n%s:\n", heading);
		rc = cli_print_table(&t, CLI_FORMAT_TABLE);
	}
	sam_table_free(&t);
	return rc;
}

/* Today in Oslo, offset by days, as a person types it. */
static void oslo_day(int offset, char out[11])
{
	struct sam_civil now;
	sam_utc_to_oslo(sam_clock_now_ms() / 1000, &now);
	int y, m, d;
	sam_civil_from_days(sam_days_from_civil(now.year, now.month, now.day) + offset, &y, &m, &d);
	sam_date_format(y, m, d, out);
}

static int print_municipality_related(struct sam_db *db, const char *id)
{
	char today[11], yesterday[11];
	oslo_day(0, today);
	oslo_day(-1, yesterday);
	const struct sam_list_filter of = {.municipality = id};
	const struct sam_list_filter next = {.municipality = id, .from = today};
	const struct sam_list_filter past = {.municipality = id, .to = yesterday};
	int rc = print_section(db, _("Settlement figures by year"), "settlements", &of);
	if (rc == CLI_OK)
		rc = print_section(db, _("Contacts"), "contacts", &of);
	if (rc == CLI_OK)
		rc = print_section(db, _("Grants"), "grants", &of);
	if (rc == CLI_OK)
		rc = print_section(db, _("Next meetings"), "meetings", &next);
	if (rc == CLI_OK)
		rc = print_section(db, _("Past meetings"), "meetings", &past);
	return rc;
}

static int print_related(struct sam_db *db, const struct sam_entity *e, const char *id)
{
	if (strcmp(e->name, "municipality") == 0)
		return print_municipality_related(db, id);
	if (strcmp(e->name, "contact") == 0)
		print_links(db, _("groups"), "membership", "contact", "group", id);
	else if (strcmp(e->name, "meeting") == 0)
		print_links(db, _("attendees"), "attendee", "meeting", "contact", id);
	else if (strcmp(e->name, "grant") == 0)
		print_links(db, _("municipalities"), "grant_municipality", "grant", "municipality", id);
	return CLI_OK;
}

/* The record a subcommand's one operand names. */
static int find_operand(struct cli *cli, int argc, char **argv, struct sam_db **db,
                        const struct sam_entity **e, char id[SAM_ID_BUF])
{
	int rc = cli_operands(argc, argv, 1, 1);
	if (rc != CLI_OK)
		return rc;
	*db = cli_db(cli);
	if (!*db)
		return CLI_FAILED;
	return cli_find(*db, argv[optind], e, id);
}

int cli_show(struct cli *cli, int argc, char **argv)
{
	struct sam_db *db;
	const struct sam_entity *e;
	char id[SAM_ID_BUF];
	int rc = cli_parse_options(argc, argv, NULL);
	if (rc == CLI_OK)
		rc = find_operand(cli, argc, argv, &db, &e, id);
	if (rc == CLI_OK)
		rc = print_fields(db, e, id);
	return rc == CLI_OK ? print_related(db, e, id) : rc;
}

/* ------------------------------------------------------------ history */

/* Fields the dictionary does not describe: the tombstone, and fields of a
 * newer version of samordne that arrived by sync. */
static const struct sam_field deleted_field = {SAM_FIELD_DELETED, N_("deleted"), SAM_F_BOOL,
                                               0, NULL, NULL};

static const struct sam_field *history_field(const struct sam_entity *e, const char *name,
                                             struct sam_field *unknown)
{
	if (strcmp(name, SAM_FIELD_DELETED) == 0)
		return &deleted_field;
	const struct sam_field *f = sam_entity_field(e, name);
	if (f)
		return f;
	*unknown = (struct sam_field){.name = name, .label = name, .type = SAM_F_TEXT};
	return unknown;
}

/* "02.10.2015 13:00" in Oslo time. */
static char *oslo_minute(int64_t ms)
{
	struct sam_civil c;
	char date[11];
	sam_utc_to_oslo(ms / 1000, &c);
	sam_date_format(c.year, c.month, c.day, date);
	return xasprintf("%s %02d:%02d", date, c.hour, c.minute);
}

static void set_owned(struct sam_table *t, int row, int col, char *text)
{
	sam_table_set(t, row, col, text);
	free(text);
}

void cli_history_table(struct sam_db *db, const struct sam_entity *e,
                       const struct sam_history *h, struct sam_table *t)
{
	sam_table_init(t, 5);
	sam_table_col(t, 0, "when", _("when"), SAM_ALIGN_LEFT);
	sam_table_col(t, 1, "who", _("who"), SAM_ALIGN_LEFT);
	sam_table_col(t, 2, "field", _("field"), SAM_ALIGN_LEFT);
	sam_table_col(t, 3, "old", _("old"), SAM_ALIGN_LEFT);
	sam_table_col(t, 4, "new", _("new"), SAM_ALIGN_LEFT);
	for (int i = 0; i < h->n; i++) {
		const struct sam_history_entry *x = &h->e[i];
		struct sam_field unknown;
		const struct sam_field *f = history_field(e, x->field, &unknown);
		int row = sam_table_add_row(t);
		set_owned(t, row, 0, oslo_minute(x->ms));
		sam_table_set(t, row, 1, x->who);
		sam_table_set(t, row, 2, f == &unknown ? f->label : _(f->label));
		set_owned(t, row, 3, cli_value_text(db, f, &x->old_value));
		set_owned(t, row, 4, cli_value_text(db, f, &x->new_value));
	}
}

int cli_history(struct cli *cli, int argc, char **argv)
{
	enum cli_format format = CLI_FORMAT_TABLE;
	struct sam_db *db;
	const struct sam_entity *e;
	char id[SAM_ID_BUF];
	int rc = cli_parse_options(argc, argv, &format);
	if (rc == CLI_OK)
		rc = find_operand(cli, argc, argv, &db, &e, id);
	if (rc != CLI_OK)
		return rc;
	struct sam_history h;
	struct sam_err err;
	if (sam_history_load(db, e->name, id, &h, &err) < 0)
		return cli_fail(&err);
	struct sam_table t;
	cli_history_table(db, e, &h, &t);
	rc = cli_print_table(&t, format);
	sam_table_free(&t);
	sam_history_free(&h);
	return rc;
}
