/* The lists (core/listing.c) over the demo network, and the table writers
 * (core/table.c): Norwegian order, filters, and output that keeps its
 * columns with æøå and wide letters. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/listing.h"
#include "core/record.h"
#include "core/table.h"
#include "tests/helpers.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ helpers */

static int col_of(const struct sam_table *t, const char *key)
{
	for (int c = 0; c < t->ncols; c++)
		if (strcmp(t->cols[c].key, key) == 0)
			return c;
	fail_msg("no column %s", key);
	return -1;
}

static const char *cell(const struct sam_table *t, int row, const char *key)
{
	return sam_table_get(t, row, col_of(t, key));
}

static int row_where(const struct sam_table *t, const char *key, const char *value)
{
	for (int r = 0; r < t->nrows; r++)
		if (strcmp(cell(t, r, key), value) == 0)
			return r;
	return -1;
}

static void list_ok(struct sam_db *db, const char *kind, const struct sam_list_filter *f,
                    struct sam_table *t)
{
	struct sam_err err = {""};
	int rc = sam_list(db, kind, f, t, &err);
	if (rc != 0)
		fail_msg("list %s: %s", kind, err.msg);
}

/* The list fails, with a message holding each of the given words. */
static void list_fails(struct sam_db *db, const char *kind, const struct sam_list_filter *f,
                       const char *word1, const char *word2)
{
	struct sam_table t;
	struct sam_err err = {""};
	assert_int_equal(sam_list(db, kind, f, &t, &err), -1);
	assert_non_null(strstr(err.msg, word1));
	if (word2)
		assert_non_null(strstr(err.msg, word2));
	assert_null(strchr(err.msg, '\n'));
}

static void add(struct sam_db *db, const char *entity, const struct sam_assign *a, int n)
{
	char id[SAM_ID_BUF];
	struct sam_err err = {""};
	if (sam_record_add(db, sam_entity_find(entity), a, n, id, &err) != 0)
		fail_msg("add %s: %s", entity, err.msg);
}

/* What a writer prints, as a string. */
static char *written(int (*writer)(FILE *, const struct sam_table *), const struct sam_table *t)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	assert_non_null(out);
	assert_int_equal(writer(out, t), 0);
	fclose(out);
	return buf;
}

static int demo_setup(void **state)
{
	*state = th_open_demo();
	return 0;
}

static int demo_teardown(void **state)
{
	th_close(*state);
	return 0;
}

/* ------------------------------------------------------------ municipalities */

static void municipalities_in_norwegian_order(void **state)
{
	static const char *const expected[] = {
		"Aremark", "Askim", "Eidsberg", "Fredrikstad", "Halden", "Hobøl",
		"Hvaler", "Marker", "Moss", "Rakkestad", "Rygge", "Rømskog",
		"Råde", "Sarpsborg", "Skiptvet", "Spydeberg", "Trøgstad", "Våler",
	};
	struct sam_table t;
	list_ok(*state, "municipalities", NULL, &t);
	assert_int_equal(t.nrows, LEN(expected));
	for (int r = 0; r < t.nrows; r++)
		assert_string_equal(cell(&t, r, "name"), expected[r]);
	int moss = row_where(&t, "name", "Moss");
	assert_string_equal(cell(&t, moss, "number"), "0104");
	assert_string_equal(cell(&t, moss, "status"), "decided");
	assert_string_equal(cell(&t, row_where(&t, "name", "Askim"), "status"),
	                    "no letter received");
	assert_int_equal(t.cols[col_of(&t, "decided")].align, SAM_ALIGN_RIGHT);
	sam_table_free(&t);
}

static void municipalities_by_year_and_name(void **state)
{
	struct sam_table t;
	struct sam_list_filter f = {.year = 2015, .municipality = "MOSS"};
	list_ok(*state, "municipality", &f, &t);
	assert_int_equal(t.nrows, 1);
	assert_string_equal(cell(&t, 0, "year"), "2015");
	assert_string_equal(cell(&t, 0, "decided"), "43");
	sam_table_free(&t);
	list_fails(*state, "municipalities", &(struct sam_list_filter){.municipality = "Atlantis"},
	           "'Atlantis'", NULL);
}

/* The share of the request decided, and a municipality without figures
 * for the year asked still listed. */
static void municipalities_met_and_missing_year(void **state)
{
	(void)state;
	struct sam_db *db = th_open_empty();
	add(db, "municipality", (struct sam_assign[]){{"number", "0104"}, {"name", "Moss"}}, 2);
	add(db, "municipality", (struct sam_assign[]){{"number", "1867"}, {"name", "Bø"}}, 2);
	add(db, "settlement",
	    (struct sam_assign[]){{"municipality", "Moss"}, {"year", "2015"}, {"requested", "30"},
	                          {"decided", "43"}},
	    4);
	add(db, "settlement",
	    (struct sam_assign[]){{"municipality", "Moss"}, {"year", "2016"}, {"decided", "47"}}, 3);

	struct sam_table t;
	list_ok(db, "municipalities", NULL, &t);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(cell(&t, 0, "name"), "Bø");
	assert_string_equal(cell(&t, 0, "year"), "");
	assert_string_equal(cell(&t, 1, "year"), "2016");
	assert_string_equal(cell(&t, 1, "met"), "");
	sam_table_free(&t);

	list_ok(db, "municipalities", &(struct sam_list_filter){.year = 2015}, &t);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(cell(&t, 1, "met"), "143 %");
	sam_table_free(&t);

	list_ok(db, "municipalities", &(struct sam_list_filter){.year = 2014}, &t);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(cell(&t, 1, "name"), "Moss");
	assert_string_equal(cell(&t, 1, "decided"), "");
	sam_table_free(&t);
	th_close(db);
}

static void deleted_records_are_left_out(void **state)
{
	(void)state;
	struct sam_db *db = th_open_demo();
	const struct sam_entity *e;
	char id[SAM_ID_BUF];
	struct sam_err err;
	assert_int_equal(sam_record_find(db, NULL, "Hvaler", &e, id, &err), 0);
	assert_int_equal(sam_record_delete(db, e, id, &err), 0);

	struct sam_table t;
	list_ok(db, "municipalities", NULL, &t);
	assert_int_equal(t.nrows, 17);
	assert_int_equal(row_where(&t, "name", "Hvaler"), -1);
	sam_table_free(&t);

	/* His municipality is gone; he is still a contact. */
	list_ok(db, "contacts", NULL, &t);
	int lars = row_where(&t, "name", "Lars Håkon Larsen");
	assert_true(lars >= 0);
	assert_string_equal(cell(&t, lars, "affiliation"), "");
	sam_table_free(&t);
	th_close(db);
}

/* ------------------------------------------------------------ contacts */

static void contacts_of_a_municipality(void **state)
{
	struct sam_table t;
	list_ok(*state, "contacts", &(struct sam_list_filter){.municipality = "hvaler"}, &t);
	assert_int_equal(t.nrows, 1);
	assert_string_equal(cell(&t, 0, "name"), "Lars Håkon Larsen");
	assert_string_equal(cell(&t, 0, "affiliation"), "Hvaler");
	assert_non_null(strstr(cell(&t, 0, "groups"), "network"));
	sam_table_free(&t);

	list_ok(*state, "contacts", &(struct sam_list_filter){.municipality = "RØMSKOG"}, &t);
	assert_int_equal(t.nrows, 1);
	assert_string_equal(cell(&t, 0, "name"), "Anne Kirsti Johnsen");
	sam_table_free(&t);
}

static void contacts_of_a_group(void **state)
{
	struct sam_table t;
	list_ok(*state, "contacts", &(struct sam_list_filter){.group = "steering"}, &t);
	int64_t seats = th_count(*state,
	                         "SELECT count(*) FROM membership ms JOIN contact c ON c.id = "
	                         "ms.contact AND c.deleted = 0 WHERE ms.deleted = 0 AND "
	                         "ms.\"group\" = 'steering'");
	assert_true(seats > 5);
	assert_int_equal(t.nrows, seats);
	for (int r = 0; r < t.nrows; r++)
		assert_non_null(strstr(cell(&t, r, "groups"), "steering group"));
	sam_table_free(&t);
	list_fails(*state, "contacts", &(struct sam_list_filter){.group = "choir"},
	           "unknown group 'choir'", "choose:");
}

/* A seat known only by its position sorts by the position. */
static void contacts_without_name_sort_by_position(void **state)
{
	(void)state;
	struct sam_db *db = th_open_empty();
	add(db, "contact", (struct sam_assign[]){{"name", "Cecilie"}}, 1);
	add(db, "contact", (struct sam_assign[]){{"position", "Biskop"}}, 1);
	add(db, "contact", (struct sam_assign[]){{"name", "Åse"}}, 1);
	add(db, "contact", (struct sam_assign[]){{"name", "Anders"}}, 1);
	struct sam_table t;
	list_ok(db, "contacts", NULL, &t);
	assert_int_equal(t.nrows, 4);
	assert_string_equal(cell(&t, 0, "name"), "Anders");
	assert_string_equal(cell(&t, 1, "position"), "Biskop");
	assert_string_equal(cell(&t, 2, "name"), "Cecilie");
	assert_string_equal(cell(&t, 3, "name"), "Åse");
	sam_table_free(&t);
	th_close(db);
}

static void add_id(struct sam_db *db, const char *entity, const struct sam_assign *a, int n,
                   char id[SAM_ID_BUF])
{
	struct sam_err err = {""};
	if (sam_record_add(db, sam_entity_find(entity), a, n, id, &err) != 0)
		fail_msg("add %s: %s", entity, err.msg);
}

static void names_in_order(struct sam_db *db, const char *const *expected, int n)
{
	struct sam_table t;
	list_ok(db, "contacts", NULL, &t);
	assert_int_equal(t.nrows, n);
	for (int r = 0; r < n; r++)
		assert_string_equal(cell(&t, r, "name"), expected[r]);
	sam_table_free(&t);
}

/* The order is kept by an index as contacts change, and a contact's
 * municipality, organisation and groups are looked up by reference: each
 * follows a rename, a deletion and a new membership. */
static void contacts_follow_their_changes(void **state)
{
	(void)state;
	struct sam_db *db = th_open_empty();
	struct sam_err err;
	char moss[SAM_ID_BUF], imdi[SAM_ID_BUF], anders[SAM_ID_BUF], berit[SAM_ID_BUF],
		seat[SAM_ID_BUF];
	add_id(db, "municipality", (struct sam_assign[]){{"name", "Moss"}, {"number", "3103"}}, 2,
	       moss);
	add_id(db, "organisation",
	       (struct sam_assign[]){{"name", "Integrerings- og mangfoldsdirektoratet"},
	                             {"short_name", "IMDi"}},
	       2, imdi);
	add(db, "organisation", (struct sam_assign[]){{"name", "KS"}}, 1);
	add_id(db, "contact", (struct sam_assign[]){{"name", "Anders"}, {"organisation", "IMDi"}},
	       2, anders);
	add_id(db, "contact",
	       (struct sam_assign[]){{"name", "Berit"}, {"municipality", "Moss"},
	                             {"organisation", "KS"}},
	       3, berit);
	add(db, "contact", (struct sam_assign[]){{"name", "Carl"}, {"organisation", "KS"}}, 2);
	add_id(db, "contact", (struct sam_assign[]){{"position", "Biskop"}}, 1, seat);
	add(db, "membership", (struct sam_assign[]){{"contact", berit}, {"group", "steering"}}, 2);
	add(db, "membership", (struct sam_assign[]){{"contact", berit}, {"group", "network"}}, 2);

	struct sam_table t;
	list_ok(db, "contacts", NULL, &t);
	assert_int_equal(t.nrows, 4);
	assert_string_equal(cell(&t, 0, "affiliation"), "IMDi");
	assert_string_equal(cell(&t, 0, "groups"), "");
	assert_string_equal(cell(&t, 1, "affiliation"), "Moss"); /* before its organisation */
	assert_string_equal(cell(&t, 1, "groups"), "network, steering group");
	assert_string_equal(cell(&t, 2, "position"), "Biskop");
	assert_string_equal(cell(&t, 3, "affiliation"), "KS"); /* no short name */
	sam_table_free(&t);

	assert_int_equal(sam_record_set(db, sam_entity_find("contact"), anders,
	                                (struct sam_assign[]){{"name", "Øystein"}}, 1, &err), 0);
	assert_int_equal(sam_record_set(db, sam_entity_find("contact"), seat,
	                                (struct sam_assign[]){{"name", "Aase"}}, 1, &err), 0);
	assert_int_equal(sam_record_delete(db, sam_entity_find("municipality"), moss, &err), 0);
	assert_int_equal(sam_record_delete(db, sam_entity_find("organisation"), imdi, &err), 0);
	names_in_order(db, (const char *const[]){"Aase", "Berit", "Carl", "Øystein"}, 4);
	list_ok(db, "contacts", NULL, &t);
	assert_string_equal(cell(&t, 1, "affiliation"), "KS"); /* Moss is gone */
	assert_string_equal(cell(&t, 3, "affiliation"), "");   /* and IMDi */
	sam_table_free(&t);

	assert_int_equal(sam_record_delete(db, sam_entity_find("contact"), berit, &err), 0);
	names_in_order(db, (const char *const[]){"Aase", "Carl", "Øystein"}, 3);
	th_close(db);
}

/* A file from before the contact list's index gets it on opening, built
 * from the contacts it holds, in Norwegian order. */
static void contacts_of_an_older_file(void **state)
{
	(void)state;
	struct sam_db *db = th_open_empty();
	add(db, "contact", (struct sam_assign[]){{"name", "Åse"}}, 1);
	add(db, "contact", (struct sam_assign[]){{"name", "Øyvind"}}, 1);
	add(db, "contact", (struct sam_assign[]){{"name", "aase"}}, 1);
	add(db, "contact", (struct sam_assign[]){{"position", "Biskop"}}, 1);
	/* As schema 3 left it, before the index (schema 4). */
	assert_int_equal(sqlite3_exec(db->sql, "DROP INDEX contact_list; PRAGMA user_version = 3",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	char *path = xstrdup(db->path);
	sam_db_close(db);
	struct sam_err err = {""};
	if (sam_db_open(path, 0, &db, &err) < 0)
		fail_msg("reopen: %s", err.msg);
	free(path);
	assert_int_equal(th_count(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'contact_list'"),
	                 1);
	struct sam_table t;
	list_ok(db, "contacts", NULL, &t);
	assert_int_equal(t.nrows, 4);
	assert_string_equal(cell(&t, 0, "name"), "aase");
	assert_string_equal(cell(&t, 1, "position"), "Biskop");
	assert_string_equal(cell(&t, 2, "name"), "Øyvind");
	assert_string_equal(cell(&t, 3, "name"), "Åse");
	sam_table_free(&t);
	th_close(db);
}

static void stream_to(void *stream, const char *const *cells)
{
	sam_table_stream_row(stream, cells);
}

/* What `list --format csv` and `--format json` write row by row is what
 * the whole table's writers write, for every list. */
static void streamed_lists_match_the_table(void **state)
{
	static const char *const kinds[] = {"municipalities", "settlements", "contacts",
	                                    "grants", "meetings", "organisations"};
	static const enum sam_table_format formats[] = {SAM_TABLE_CSV, SAM_TABLE_JSON};
	for (size_t k = 0; k < LEN(kinds); k++) {
		struct sam_table t;
		list_ok(*state, kinds[k], NULL, &t);
		assert_true(t.nrows > 0);
		for (size_t f = 0; f < LEN(formats); f++) {
			char *whole = written(formats[f] == SAM_TABLE_CSV ? sam_table_write_csv
			                                                   : sam_table_write_json, &t);
			char *buf = NULL;
			size_t size = 0;
			FILE *out = open_memstream(&buf, &size);
			struct sam_table cols;
			struct sam_table_stream s;
			struct sam_err err = {""};
			sam_table_stream_begin(&s, out, &cols, formats[f]);
			assert_int_equal(sam_list_each(*state, kinds[k], NULL, &cols, stream_to, &s,
			                               &err), 0);
			assert_int_equal(cols.nrows, 0);
			assert_int_equal(sam_table_stream_end(&s), 0);
			fclose(out);
			assert_string_equal(buf, whole);
			free(buf);
			free(whole);
			sam_table_free(&cols);
		}
		sam_table_free(&t);
	}
}

/* ------------------------------------------------------------ grants */

static void grants_joint_and_by_scheme(void **state)
{
	struct sam_table t;
	list_ok(*state, "grants", &(struct sam_list_filter){.municipality = "Spydeberg"}, &t);
	assert_int_equal(t.nrows, 1);
	assert_string_equal(cell(&t, 0, "municipalities"), "Hobøl / Spydeberg");
	assert_string_equal(cell(&t, 0, "status"), "on hold");
	sam_table_free(&t);

	list_ok(*state, "grants", &(struct sam_list_filter){.scheme = "housing", .year = 2015}, &t);
	assert_true(t.nrows >= 9);
	for (int r = 0; r < t.nrows; r++)
		assert_string_equal(cell(&t, r, "scheme"), "social housing work");
	sam_table_free(&t);

	list_ok(*state, "grants", &(struct sam_list_filter){.municipality = "Fredrikstad",
	                                                    .scheme = "child"}, &t);
	assert_int_equal(t.nrows, 1);
	assert_string_equal(cell(&t, 0, "positions"), "2");
	assert_int_equal(t.cols[col_of(&t, "amount_nok")].align, SAM_ALIGN_RIGHT);
	sam_table_free(&t);
	list_fails(*state, "grants", &(struct sam_list_filter){.scheme = "lottery"},
	           "'lottery'", "choose:");
	list_fails(*state, "grants", &(struct sam_list_filter){.group = "steering"}, "--group", NULL);
}

static void grants_half_position(void **state)
{
	(void)state;
	struct sam_db *db = th_open_empty();
	add(db, "grant", (struct sam_assign[]){{"scheme", "housing"}, {"year", "2016"},
	                                       {"positions", "0,5"}}, 3);
	struct sam_table t;
	list_ok(db, "grants", NULL, &t);
	assert_int_equal(t.nrows, 1);
	assert_string_equal(cell(&t, 0, "positions"), "0.5");
	assert_string_equal(cell(&t, 0, "municipalities"), "");
	sam_table_free(&t);
	th_close(db);
}

/* ------------------------------------------------------------ meetings */

static void meetings_of_october(void **state)
{
	struct sam_table t;
	list_ok(*state, "meetings",
	        &(struct sam_list_filter){.from = "01.10.2015", .to = "31.10.2015"}, &t);
	int r = row_where(&t, "date", "02.10.2015");
	assert_true(r >= 0);
	assert_string_equal(cell(&t, r, "time"), "13:00–15:00");
	assert_string_equal(cell(&t, r, "kind"), "steering group meeting");
	assert_non_null(strstr(cell(&t, r, "place"), "Moss"));
	for (int i = 0; i < t.nrows; i++)
		assert_null(strstr(cell(&t, i, "date"), "06.2015"));
	sam_table_free(&t);

	/* The day after is outside; the day itself is inside, to its end. */
	list_ok(*state, "meetings", &(struct sam_list_filter){.from = "03.10.2015", .to = "02.10.2015"},
	        &t);
	assert_int_equal(row_where(&t, "date", "02.10.2015"), -1);
	sam_table_free(&t);
	list_ok(*state, "meetings", &(struct sam_list_filter){.from = "2.10.2015", .to = "2.10.2015"},
	        &t);
	assert_true(row_where(&t, "date", "02.10.2015") >= 0);
	sam_table_free(&t);

	list_fails(*state, "meetings", &(struct sam_list_filter){.from = "31.02.2016"},
	           "'31.02.2016'", "--from");
	list_fails(*state, "meetings", &(struct sam_list_filter){.to = "soon"}, "'soon'", "--to");
}

static void meetings_in_date_order(void **state)
{
	struct sam_table t;
	list_ok(*state, "meetings", &(struct sam_list_filter){.year = 2015}, &t);
	assert_true(t.nrows > 10);
	assert_string_equal(cell(&t, 0, "date"), "06.04.2015");
	assert_string_equal(cell(&t, 0, "time"), "all day");
	sam_table_free(&t);
	list_ok(*state, "meetings", &(struct sam_list_filter){.year = 2016}, &t);
	assert_int_equal(t.nrows, 0);
	sam_table_free(&t);
}

static void organisations_and_unknown_lists(void **state)
{
	struct sam_table t;
	list_ok(*state, "organisations", NULL, &t);
	int fmo = row_where(&t, "short_name", "FMØ");
	assert_true(fmo >= 0);
	assert_string_equal(cell(&t, fmo, "kind"), "county governor");
	/* Names beginning with Ø come after those with Z and before Å. */
	assert_true(row_where(&t, "name", "Østfold idrettskrets") >
	            row_where(&t, "name", "Utlendingsdirektoratet"));
	sam_table_free(&t);
	list_fails(*state, "nonsense", NULL, "'nonsense'", "municipalities");
	list_fails(*state, "organisations", &(struct sam_list_filter){.year = 2015}, "--year", NULL);
}

/* ------------------------------------------------------------ writers */

static void fill(struct sam_table *t, const char *const rows[][2], int n)
{
	sam_table_init(t, 2);
	sam_table_col(t, 0, "name", "name", SAM_ALIGN_LEFT);
	sam_table_col(t, 1, "decided", "decided", SAM_ALIGN_RIGHT);
	for (int r = 0; r < n; r++) {
		int row = sam_table_add_row(t);
		sam_table_set(t, row, 0, rows[r][0]);
		sam_table_set(t, row, 1, rows[r][1]);
	}
}

static void text_width_counts_columns(void **state)
{
	(void)state;
	assert_int_equal(sam_text_width("Bø"), 2);
	assert_int_equal(sam_text_width("Sør-Varanger"), 12);
	assert_int_equal(sam_text_width("東京"), 4);
	assert_int_equal(sam_text_width(""), 0);
}

static void text_keeps_columns(void **state)
{
	(void)state;
	static const char *const rows[][2] = {{"Bø", "7"}, {"Sør-Varanger", "120"}, {"東京", "3"}};
	struct sam_table t;
	fill(&t, rows, 3);
	char *out = written(sam_table_write_text, &t);
	assert_string_equal(out, "NAME          DECIDED\n"
	                         "Bø                  7\n"
	                         "Sør-Varanger      120\n"
	                         "東京                3\n");
	/* Every line is as wide as every other. */
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
		assert_int_equal(sam_text_width(line), 21);
	free(out);
	sam_table_free(&t);
}

static void csv_quotes_what_needs_it(void **state)
{
	(void)state;
	static const char *const rows[][2] = {
		{"Moss", "43"},
		{"Spydeberg, Hobøl", "say \"hi\""},
		{"two\nlines", ""},
	};
	struct sam_table t;
	fill(&t, rows, 3);
	char *out = written(sam_table_write_csv, &t);
	assert_string_equal(out, "name,decided\n"
	                         "Moss,43\n"
	                         "\"Spydeberg, Hobøl\",\"say \"\"hi\"\"\"\n"
	                         "\"two\nlines\",\n");
	free(out);
	sam_table_free(&t);
}

static void json_escapes(void **state)
{
	(void)state;
	static const char *const rows[][2] = {
		{"Rømskog \"R\"", "a\\b"},
		{"tab\there\nnew\x01", "東京"},
	};
	struct sam_table t;
	fill(&t, rows, 2);
	char *out = written(sam_table_write_json, &t);
	assert_string_equal(out, "[\n"
	                         "  {\"name\": \"Rømskog \\\"R\\\"\", \"decided\": \"a\\\\b\"},\n"
	                         "  {\"name\": \"tab\\there\\nnew\\u0001\", \"decided\": \"東京\"}\n"
	                         "]\n");
	free(out);
	sam_table_free(&t);

	sam_table_init(&t, 1);
	sam_table_col(&t, 0, "k", "k", SAM_ALIGN_LEFT);
	out = written(sam_table_write_json, &t);
	assert_string_equal(out, "[]\n");
	free(out);
	sam_table_free(&t);
}

/* The widths need a UTF-8 locale; the tests run under C.UTF-8. */
static void utf8_locale(void)
{
	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

int main(void)
{
	utf8_locale();
	const struct CMUnitTest demo_tests[] = {
		cmocka_unit_test(municipalities_in_norwegian_order),
		cmocka_unit_test(municipalities_by_year_and_name),
		cmocka_unit_test(contacts_of_a_municipality),
		cmocka_unit_test(contacts_of_a_group),
		cmocka_unit_test(grants_joint_and_by_scheme),
		cmocka_unit_test(meetings_of_october),
		cmocka_unit_test(meetings_in_date_order),
		cmocka_unit_test(organisations_and_unknown_lists),
		cmocka_unit_test(streamed_lists_match_the_table),
	};
	const struct CMUnitTest own_db_tests[] = {
		cmocka_unit_test(municipalities_met_and_missing_year),
		cmocka_unit_test(deleted_records_are_left_out),
		cmocka_unit_test(contacts_without_name_sort_by_position),
		cmocka_unit_test(contacts_follow_their_changes),
		cmocka_unit_test(contacts_of_an_older_file),
		cmocka_unit_test(grants_half_position),
		cmocka_unit_test(text_width_counts_columns),
		cmocka_unit_test(text_keeps_columns),
		cmocka_unit_test(csv_quotes_what_needs_it),
		cmocka_unit_test(json_escapes),
	};
	int failed = cmocka_run_group_tests_name("listing over the demo", demo_tests, demo_setup,
	                                         demo_teardown);
	failed += cmocka_run_group_tests_name("listing and tables", own_db_tests, NULL, NULL);
	return failed ? 1 : 0;
}
