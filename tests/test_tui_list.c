/* The list widget: virtual scrolling asks only for the visible rows, the
 * selection survives a resize, search with n/N wraps, and sorting is in
 * Norwegian order (æ, ø, å after z) — drawn into a headless screen and
 * read back cell by cell. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/tui_screen.h"
#include "tui/colors.h"
#include "tui/list.h"

#define BIG 20000

static const char *const names[] = {"Ålesund", "Bø", "Askim", "Østre Toten", "Ærøy", "Zulu",
                                    "Moss", "Sør-Varanger", "Guovdageaidnu", "Råde",
                                    "Rygge", "Rømskog", "東京"};
#define NNAMES ((int)(sizeof(names) / sizeof(names[0])))

static const struct list_column columns[] = {
	{"name", 0, TW_LEFT, false, 0},
	{"number", 0, TW_RIGHT, true, 0},
};

static long cell_calls;
/* The model's cells stay valid while the list holds them (the sort
 * compares two at a time). */
static char numbers[NNAMES][8];

static const char *small_cell(void *ctx, int row, int col)
{
	(void)ctx;
	cell_calls++;
	if (col == 0)
		return names[row];
	snprintf(numbers[row], sizeof(numbers[row]), "%d", (row * 37) % 100);
	return numbers[row];
}

/* Only drawn, never sorted: one buffer per column will do. */
static char big_cells[2][32];

static const char *big_cell(void *ctx, int row, int col)
{
	(void)ctx;
	cell_calls++;
	snprintf(big_cells[col], sizeof(big_cells[col]), col == 0 ? "Kontakt %05d" : "%d", row);
	return big_cells[col];
}

static int setup(void **state)
{
	(void)state;
	ts_start(24, 80);
	ui_colors_init(true);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ts_stop();
	return 0;
}

static void make_list(struct list *l, const char *(*cell)(void *, int, int), int n)
{
	struct list_model m = {cell, NULL, NULL};
	list_init(l, columns, 2, &m);
	list_reset(l, n);
}

/* The name shown on screen row y (the header is row 0). */
static char *shown_name(int y)
{
	char *row = ts_row(stdscr, y, 0, 14);
	size_t n = strlen(row);
	while (n > 0 && row[n - 1] == ' ')
		row[--n] = '\0';
	return row;
}

static void test_draws_only_visible_rows(void **state)
{
	(void)state;
	struct list l;
	make_list(&l, big_cell, BIG);
	cell_calls = 0;
	list_draw(&l, stdscr, 0, 0, 21, 80);
	/* 20 rows of 2 cells; nothing for the other 19,980. */
	assert_true(cell_calls <= 20 * 2);
	cell_calls = 0;
	list_move_to(&l, -1);
	list_draw(&l, stdscr, 0, 0, 21, 80);
	assert_true(cell_calls <= 20 * 2);
	char *last = shown_name(20);
	assert_string_equal(last, "Kontakt 19999");
	free(last);
	list_free(&l);
}

static void test_selection_survives_resize(void **state)
{
	(void)state;
	struct list l;
	make_list(&l, big_cell, BIG);
	list_draw(&l, stdscr, 0, 0, 21, 80);
	list_move(&l, 500);
	list_draw(&l, stdscr, 0, 0, 21, 80);
	assert_int_equal(list_selected(&l), 500);
	ts_start(10, 80);
	list_draw(&l, stdscr, 0, 0, 10, 80);
	assert_int_equal(list_selected(&l), 500);
	/* Still on screen, and drawn as selected. */
	int found = -1;
	for (int y = 1; y < 10; y++) {
		char *name = shown_name(y);
		if (strcmp(name, "Kontakt 00500") == 0)
			found = y;
		free(name);
	}
	assert_true(found > 0);
	assert_true(ts_attr(stdscr, found, 0) & A_REVERSE);
	ts_start(24, 80);
	list_free(&l);
}

static void test_search_next_and_previous(void **state)
{
	(void)state;
	struct list l;
	make_list(&l, small_cell, NNAMES);
	assert_true(list_search(&l, "r", 1, false)); /* "Ærøy" has an r */
	int first = list_selected(&l);
	assert_true(list_search(&l, NULL, 1, true));
	int second = list_selected(&l);
	assert_int_not_equal(first, second);
	assert_true(list_search(&l, NULL, -1, true));
	assert_int_equal(list_selected(&l), first);
	/* Case-blind, Norwegian: "ø" finds "Østre Toten" and "Bø". */
	assert_true(list_search(&l, "ØSTRE", 1, false));
	assert_string_equal(names[list_selected(&l)], "Østre Toten");
	assert_false(list_search(&l, "nowhere", 1, false));
	list_free(&l);
}

static void test_sort_in_norwegian_order(void **state)
{
	(void)state;
	static const char *const sorted[] = {"Askim", "Bø", "Guovdageaidnu", "Moss", "Rygge",
	                                     "Rømskog", "Råde", "Sør-Varanger", "Zulu", "Ærøy",
	                                     "Østre Toten", "Ålesund", "東京"};
	struct list l;
	make_list(&l, small_cell, NNAMES);
	list_sort(&l, 0);
	werase(stdscr);
	list_draw(&l, stdscr, 0, 0, 21, 80);
	for (int i = 0; i < NNAMES; i++) {
		char *name = shown_name(i + 1);
		assert_string_equal(name, sorted[i]);
		free(name);
	}
	list_sort(&l, 0); /* again: reversed */
	list_draw(&l, stdscr, 0, 0, 21, 80);
	char *first = shown_name(1);
	assert_string_equal(first, "東京");
	free(first);
	/* A numeric column sorts by value. */
	list_sort(&l, 1);
	int prev = -1;
	for (int pos = 0; pos < NNAMES; pos++) {
		int v = (l.order[pos] * 37) % 100;
		assert_true(v >= prev);
		prev = v;
	}
	list_free(&l);
}

static void test_columns_never_break_with_wide_letters(void **state)
{
	(void)state;
	struct list l;
	make_list(&l, small_cell, NNAMES);
	werase(stdscr);
	list_draw(&l, stdscr, 0, 0, 21, 80);
	/* The widest name is 13 columns: every number is right-aligned in
	 * the 6 columns from column 15, whatever the letters before it. */
	for (int y = 1; y <= NNAMES; y++) {
		char want[16];
		snprintf(want, sizeof(want), "%6d", ((y - 1) * 37) % 100);
		char *number = ts_row(stdscr, y, 15, 6);
		assert_string_equal(number, want);
		free(number);
		char *name = ts_row(stdscr, y, 0, 13);
		assert_non_null(strstr(name, names[y - 1]));
		free(name);
	}
	list_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_draws_only_visible_rows),
		cmocka_unit_test(test_selection_survives_resize),
		cmocka_unit_test(test_search_next_and_previous),
		cmocka_unit_test(test_sort_in_norwegian_order),
		cmocka_unit_test(test_columns_never_break_with_wide_letters),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
