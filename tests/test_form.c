/* Forms: values checked by core's parser as they are typed, the reason
 * drawn beside the field, nothing saved while a value is refused (the
 * database compared before and after), æøå and wide characters kept
 * within the field's columns, the form within 80×24, and the input loops
 * (form, yes/no, prompt) driven by queued keys on a headless screen,
 * resize and "too small" included. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/record.h"
#include "core/write.h"
#include "tests/helpers.h"
#include "tests/tui_screen.h"
#include "tui/colors.h"
#include "tui/form.h"
#include "tui/form_draw.h"
#include "tui/form_model.h"
#include "tui/width.h"

#define CTRL(c) ((c) & 0x1f)

static int setup(void **state)
{
	(void)state;
	setenv("SAMORDNE_USER", "Kari Nordmann", 1);
	setenv("SAMORDNE_DEVICE_LABEL", "laptop-moss", 1);
	ts_start(24, 80);
	ui_colors_init(true); /* the monochrome scheme: attributes only */
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ts_stop();
	return 0;
}

/* ------------------------------------------------------------ helpers */

static const struct sam_entity *entity(const char *name)
{
	const struct sam_entity *e = sam_entity_find(name);
	assert_non_null(e);
	return e;
}

#define MOSS_2016 "FROM settlement s JOIN municipality m ON m.id = s.municipality " \
                  "WHERE m.name = 'Moss' AND s.year = 2016"

struct fixture {
	struct sam_db *db;
	char *moss2016; /* the id of Moss's 2016 figures */
	struct form_model m;
};

/* The demo, and a form on Moss's 2016 figures (kind NULL) or on a new
 * record of kind. */
static void open_form(struct fixture *fx, const char *kind)
{
	fx->db = th_open_demo();
	fx->moss2016 = th_query_text(fx->db, "SELECT s.id " MOSS_2016);
	fm_init(&fx->m, fx->db, entity(kind ? kind : "settlement"), kind ? NULL : fx->moss2016,
	        NULL, 0);
}

static void close_form(struct fixture *fx)
{
	fm_free(&fx->m);
	free(fx->moss2016);
	th_close(fx->db);
}

static void assert_moss_decided(struct sam_db *db, const char *expect)
{
	char *got = th_query_text(db, "SELECT s.decided " MOSS_2016);
	assert_string_equal(got, expect);
	free(got);
}

static void type(struct form_model *m, const char *text)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	const char *p = text;
	while (*p) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, p, strlen(p), &st);
		assert_true(n > 0 && n < (size_t)-2);
		assert_int_equal(fm_key(m, false, (wint_t)wc), FM_HANDLED);
		p += n;
	}
}

/* Moves the focus down (or up) to the field, as a person would. */
static void focus(struct form_model *m, const char *field)
{
	int want = sam_entity_field_index(m->e, field);
	assert_true(want >= 0);
	for (int i = 0; i < 2 * m->n && m->focus != want; i++)
		fm_key(m, true, m->focus < want ? KEY_DOWN : KEY_UP);
	assert_int_equal(m->focus, want);
}

static void retype(struct form_model *m, const char *field, const char *text)
{
	focus(m, field);
	fm_key(m, false, CTRL('u'));
	fm_key(m, true, KEY_END);
	fm_key(m, false, CTRL('u'));
	type(m, text);
}

static const struct fm_field *field(const struct form_model *m, const char *name)
{
	int i = sam_entity_field_index(m->e, name);
	assert_true(i >= 0);
	return &m->fields[i];
}

static const struct sam_author kari = {.name = "Kari Nordmann", .label = "laptop-moss"};

/* Everything the file holds that a change could touch. */
static char *dump(struct sam_db *db)
{
	struct strbuf sb = {0};
	th_dump_query(&sb, db, "SELECT dev, seq, entity, rid, field, value FROM op ORDER BY dev, seq");
	th_dump_query(&sb, db, "SELECT * FROM settlement ORDER BY id");
	th_dump_query(&sb, db, "SELECT * FROM grant_application ORDER BY id");
	th_dump_query(&sb, db, "SELECT * FROM contact ORDER BY id");
	return sb_steal(&sb);
}

struct drawn {
	WINDOW *w;
	struct form_geom g;
};

static void draw(struct form_model *m, int rows, int cols, struct drawn *d)
{
	ts_start(rows, cols);
	form_layout(m, rows, cols, &d->g);
	d->w = newwin(d->g.h, d->g.w, d->g.y, d->g.x);
	assert_non_null(d->w);
	int cy, cx;
	form_draw(d->w, m, &d->g, &cy, &cx);
}

static int row_of(const struct form_model *m, const char *name)
{
	return 2 + sam_entity_field_index(m->e, name) - m->top;
}

static int beside_x(const struct drawn *d)
{
	return 2 + d->g.label_w + 1 + d->g.field_w + 1;
}

static void assert_starts_with(char *got, const char *prefix)
{
	if (strncmp(got, prefix, strlen(prefix)) != 0)
		fail_msg("'%s' does not start with '%s'", got, prefix);
	free(got);
}

/* ------------------------------------------------------------ checking */

static void test_bad_number_refused_and_nothing_saved(void **state)
{
	(void)state;
	struct fixture fx;
	open_form(&fx, NULL);
	char *before = dump(fx.db);
	retype(&fx.m, "decided", "fourty");
	assert_string_equal(field(&fx.m, "decided")->reason,
	                    "'fourty' is not a whole number (field 'decided')");

	struct drawn d;
	draw(&fx.m, 24, 80, &d);
	int y = row_of(&fx.m, "decided");
	assert_starts_with(ts_row(d.w, y, beside_x(&d), d.g.beside_w), "✗ 'fourty'");
	assert_true(ts_attr(d.w, y, beside_x(&d)) & ui_attr(UI_ERROR));
	/* the whole reason on the message line */
	assert_starts_with(ts_row(d.w, d.g.h - 3, 2, -1),
	                   "'fourty' is not a whole number (field 'decided')");
	delwin(d.w);

	assert_int_equal(fm_key(&fx.m, true, KEY_F(2)), FM_SAVE);
	assert_int_equal(fm_save(&fx.m, &kari), -1);
	assert_string_equal(fx.m.message,
	                    "Not saved: 'fourty' is not a whole number (field 'decided')");
	char *after = dump(fx.db);
	assert_string_equal(after, before);
	free(after);
	free(before);
	close_form(&fx);
}

static void test_date_refused(void **state)
{
	(void)state;
	struct fixture fx;
	open_form(&fx, NULL);
	retype(&fx.m, "decision_date", "31.02.2016");
	assert_string_equal(field(&fx.m, "decision_date")->reason,
	                    "'31.02.2016' is not a date (dd.mm.yyyy) (field 'decision_date')");
	retype(&fx.m, "decision_date", "29.02.2016");
	assert_null(field(&fx.m, "decision_date")->reason);
	close_form(&fx);
}

/* A new grant: ½ is half a position; the choice is typed as a prefix and
 * resolved beside the field; saving writes it with the author. */
static void test_half_position_accepted_and_saved(void **state)
{
	(void)state;
	struct fixture fx;
	open_form(&fx, "grant");
	assert_string_equal(fx.m.title, "New grant");
	retype(&fx.m, "scheme", "child");
	assert_string_equal(field(&fx.m, "scheme")->resolved, "child poverty");
	retype(&fx.m, "year", "2016");
	retype(&fx.m, "positions", "½");
	assert_null(field(&fx.m, "positions")->reason);
	assert_int_equal(fm_save(&fx.m, &kari), 0);
	char *sql = xasprintf("SELECT positions || ' ' || scheme FROM grant_application "
	                      "WHERE id = '%s'", fx.m.id);
	char *got = th_query_text(fx.db, sql);
	assert_string_equal(got, "50 child_poverty");
	free(got);
	free(sql);
	close_form(&fx);
}

/* A preset is shown by name; a required field left empty is refused by
 * core when saving, and nothing is written. */
static void test_required_field_missing_refused(void **state)
{
	(void)state;
	struct sam_db *db = th_open_demo();
	char *before = dump(db);
	struct form_model m;
	struct sam_assign preset[] = {{"municipality", "Moss"}};
	fm_init(&m, db, entity("settlement"), NULL, preset, 1);
	assert_string_equal(field(&m, "municipality")->edit.text, "Moss");
	retype(&m, "decided", "12");
	assert_int_equal(fm_save(&m, &kari), -1);
	assert_string_equal(m.message, "Not saved: a settlement figures needs field 'year'");
	char *after = dump(db);
	assert_string_equal(after, before);
	free(after);
	free(before);
	fm_free(&m);
	th_close(db);
}

/* Only the changed field is written, with who wrote it. */
static void test_edit_writes_the_changed_field(void **state)
{
	(void)state;
	struct fixture fx;
	open_form(&fx, NULL);
	/* the key fields of figures are shown, not edited */
	assert_true(field(&fx.m, "municipality")->readonly);
	assert_string_equal(field(&fx.m, "municipality")->edit.text, "Moss");
	assert_false(fm_changed(&fx.m));
	retype(&fx.m, "decided", "50");
	assert_true(fm_changed(&fx.m));
	const char *count = "SELECT count(*) FROM op WHERE entity <> 'device'";
	int64_t ops = th_count(fx.db, count);
	assert_int_equal(fm_save(&fx.m, &kari), 0);
	assert_int_equal(th_count(fx.db, count), ops + 1);
	assert_moss_decided(fx.db, "50");
	assert_int_equal(
		th_count(fx.db, "SELECT count(*) FROM device WHERE user_name = 'Kari Nordmann'"), 1);
	close_form(&fx);
}

/* ------------------------------------------------------------ drawing */

/* æøå and a wide name stay inside the field: the mark beside it and the
 * border are where they belong, on every row. */
static void test_wide_text_within_the_field(void **state)
{
	(void)state;
	struct fixture fx;
	open_form(&fx, "contact");
	retype(&fx.m, "name", "Åse Bø Sør-Varanger 王小明");
	retype(&fx.m, "position", "Rådgiver i Guovdageaidnu kommune, flyktningtjenesten 王小明王小明");
	struct drawn d;
	draw(&fx.m, 24, 80, &d);
	int field_x = 2 + d.g.label_w + 1;
	char *name = ts_row(d.w, row_of(&fx.m, "name"), field_x, d.g.field_w);
	assert_int_equal(tw_width(name), d.g.field_w);
	assert_starts_with(name, "Åse Bø Sør-Varanger 王小明 ");
	const char *rows[] = {"name", "position"};
	for (int i = 0; i < 2; i++) {
		int y = row_of(&fx.m, rows[i]);
		assert_starts_with(ts_row(d.w, y, beside_x(&d), 1), "✓");
		/* The border is the Unicode line, not the alternate character
		 * set, which tmux shows as 'x' in a UTF-8 terminal. */
		assert_starts_with(ts_row(d.w, y, d.g.w - 1, 1), "│");
		char *line = ts_row(d.w, y, 0, -1);
		assert_int_equal(tw_width(line), d.g.w);
		free(line);
	}
	/* the long position, focused, scrolled so the cursor shows */
	char *pos = ts_row(d.w, row_of(&fx.m, "position"), field_x, d.g.field_w);
	assert_int_equal(tw_width(pos), d.g.field_w);
	assert_non_null(strstr(pos, "王小明王小明"));
	free(pos);
	delwin(d.w);
	close_form(&fx);
}

static void test_fits_80x24_and_160x50(void **state)
{
	(void)state;
	struct fixture fx;
	open_form(&fx, NULL);
	const int sizes[][2] = {{24, 80}, {50, 160}};
	for (int k = 0; k < 2; k++) {
		struct drawn d;
		draw(&fx.m, sizes[k][0], sizes[k][1], &d);
		assert_true(d.g.y >= 0 && d.g.x >= 0);
		assert_true(d.g.y + d.g.h <= sizes[k][0] && d.g.x + d.g.w <= sizes[k][1]);
		assert_true(d.g.rows >= fx.m.n); /* every field of the figures, no scrolling */
		assert_starts_with(ts_row(d.w, 0, 2, -1), " Moss 2016 ");
		assert_starts_with(ts_row(d.w, row_of(&fx.m, "decided"), 2, -1), "decided");
		assert_starts_with(ts_row(d.w, d.g.h - 2, 2, -1), "Tab ↑↓ move");
		delwin(d.w);
	}
	close_form(&fx);
}

/* A form with more fields than fit scrolls to keep the focus shown. */
static void test_scrolls_when_short(void **state)
{
	(void)state;
	struct fixture fx;
	open_form(&fx, "settlement");
	focus(&fx.m, "note");
	struct drawn d;
	draw(&fx.m, 12, 80, &d);
	assert_true(d.g.rows < fx.m.n);
	assert_true(fx.m.top > 0);
	assert_starts_with(ts_row(d.w, row_of(&fx.m, "note"), 2, -1), "note");
	assert_starts_with(ts_row(d.w, 2, d.g.w - 2, 1), "↑");
	delwin(d.w);
	close_form(&fx);
}

static void test_choice_pick_list(void **state)
{
	(void)state;
	struct fixture fx;
	open_form(&fx, "meeting");
	focus(&fx.m, "kind");
	fm_key(&fx.m, false, ' ');
	assert_int_equal(fx.m.pick, 0);
	fm_key(&fx.m, false, 'm'); /* jumps to "municipality visit" */
	assert_string_equal(fm_pick_label(&fx.m, fx.m.pick), "municipality visit");
	struct drawn d;
	draw(&fx.m, 24, 80, &d);
	delwin(d.w);
	fm_key(&fx.m, false, '\n');
	assert_int_equal(fx.m.pick, -1);
	assert_string_equal(field(&fx.m, "kind")->edit.text, "municipality visit");
	assert_null(field(&fx.m, "kind")->reason);
	/* Space toggles yes/no */
	focus(&fx.m, "all_day");
	fm_key(&fx.m, false, ' ');
	assert_string_equal(field(&fx.m, "all_day")->edit.text, "yes");
	fm_key(&fx.m, false, ' ');
	assert_string_equal(field(&fx.m, "all_day")->edit.text, "no");
	close_form(&fx);
}

/* ------------------------------------------------------------ input loops */

/* Keys for the next input loop, first to last (the queue is a stack). */
static void queue_keys(const int *keys, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		if (keys[i] >= KEY_MIN)
			ungetch(keys[i]);
		else
			unget_wch((wchar_t)keys[i]);
	}
}

struct host_log {
	int redraws;
	int resize_at;  /* on this redraw, the terminal becomes … */
	int rows, cols; /* … this size */
};

static void redraw_behind(void *ctx)
{
	struct host_log *log = ctx;
	if (++log->redraws == log->resize_at)
		resize_term(log->rows, log->cols);
}

/* The real loop: typed while too small (ignored), then a resize to
 * 80×24, the value typed, a resize inside the form, saved with F2. */
static void test_form_loop_with_resize(void **state)
{
	(void)state;
	struct sam_db *db = th_open_demo();
	char *id = th_query_text(db, "SELECT s.id " MOSS_2016);
	struct sam_config cfg = {0};
	struct host_log log = {.resize_at = 2, .rows = 24, .cols = 80};
	struct form_host h = {.db = db, .cfg = &cfg, .redraw_behind = redraw_behind, .ctx = &log};
	ts_start(20, 70);
	/* the figures' key fields are not focused: "requested" is first */
	const struct sam_entity *e = entity("settlement");
	int downs = sam_entity_field_index(e, "decided") - sam_entity_field_index(e, "requested");
	int keys[64], n = 0;
	keys[n++] = 'x';
	keys[n++] = KEY_RESIZE;
	for (int i = 0; i < downs; i++)
		keys[n++] = KEY_DOWN;
	keys[n++] = CTRL('u');
	keys[n++] = KEY_END;
	keys[n++] = CTRL('u');
	keys[n++] = '5';
	keys[n++] = KEY_RESIZE;
	keys[n++] = '0';
	keys[n++] = KEY_F(2);
	queue_keys(keys, n);
	char saved[SAM_ID_BUF];
	assert_int_equal(form_edit(&h, entity("settlement"), id, NULL, 0, saved), FORM_SAVED);
	assert_string_equal(saved, id);
	assert_int_equal(log.redraws, 4); /* opening, the 'x', and two resizes */
	assert_moss_decided(db, "50");
	free(id);
	sam_config_free(&cfg);
	th_close(db);
}

/* Esc after a change asks first; n goes back to the form, j discards. */
static void test_form_escape_asks(void **state)
{
	(void)state;
	struct sam_db *db = th_open_demo();
	char *id = th_query_text(db, "SELECT s.id " MOSS_2016);
	char *before = dump(db);
	struct sam_config cfg = {0};
	struct host_log log = {0};
	struct form_host h = {.db = db, .cfg = &cfg, .redraw_behind = redraw_behind, .ctx = &log};
	ts_start(24, 80);
	const int keys[] = {'9', 27, 'n', 27, 'j'};
	queue_keys(keys, (int)SAM_ARRAY_LEN(keys));
	char saved[SAM_ID_BUF];
	assert_int_equal(form_edit(&h, entity("settlement"), id, NULL, 0, saved), FORM_CANCELLED);
	char *after = dump(db);
	assert_string_equal(after, before);
	free(after);
	free(before);
	free(id);
	sam_config_free(&cfg);
	th_close(db);
}

static void test_confirm(void **state)
{
	(void)state;
	struct host_log log = {0};
	struct form_host h = {.redraw_behind = redraw_behind, .ctx = &log};
	ts_start(24, 80);
	const int yes[] = {'x', KEY_RESIZE, 'y'};
	queue_keys(yes, 3);
	assert_true(form_confirm(&h, "Delete Moss 2016?"));
	assert_int_equal(log.redraws, 2);
	const int ja[] = {'J'};
	queue_keys(ja, 1);
	assert_true(form_confirm(&h, "Delete Moss 2016?"));
	const int no[] = {27};
	queue_keys(no, 1);
	assert_false(form_confirm(&h, "Delete Moss 2016?"));
}

struct changes {
	int n;
	char last[64];
};

static void on_change(void *ctx, const char *text)
{
	struct changes *c = ctx;
	c->n++;
	snprintf(c->last, sizeof c->last, "%s", text);
}

static void test_prompt(void **state)
{
	(void)state;
	struct host_log log = {0};
	struct form_host h = {.redraw_behind = redraw_behind, .ctx = &log};
	ts_start(24, 80);
	struct changes c = {0};
	const int keys[] = {L'ø', KEY_LEFT, 'M', KEY_END, 's', KEY_RESIZE, 's', '\n'};
	queue_keys(keys, (int)SAM_ARRAY_LEN(keys));
	char *got = form_prompt(&h, "/", "", on_change, &c);
	assert_string_equal(got, "Møss");
	assert_int_equal(c.n, 4);
	assert_string_equal(c.last, "Møss");
	free(got);
	const int esc[] = {'a', 27};
	queue_keys(esc, 2);
	assert_null(form_prompt(&h, ":", "go ", NULL, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_number_refused_and_nothing_saved),
		cmocka_unit_test(test_date_refused),
		cmocka_unit_test(test_half_position_accepted_and_saved),
		cmocka_unit_test(test_required_field_missing_refused),
		cmocka_unit_test(test_edit_writes_the_changed_field),
		cmocka_unit_test(test_wide_text_within_the_field),
		cmocka_unit_test(test_fits_80x24_and_160x50),
		cmocka_unit_test(test_scrolls_when_short),
		cmocka_unit_test(test_choice_pick_list),
		cmocka_unit_test(test_form_loop_with_resize),
		cmocka_unit_test(test_form_escape_asks),
		cmocka_unit_test(test_confirm),
		cmocka_unit_test(test_prompt),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
