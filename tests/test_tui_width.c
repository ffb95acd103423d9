/* Width handling: names with æøå, Sámi letters and wide CJK characters are
 * cut and padded by columns, read back cell by cell from a headless screen. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "tests/tui_screen.h"
#include "tui/colors.h"
#include "tui/width.h"

static int setup(void **state)
{
	(void)state;
	ts_start(24, 80);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ts_stop();
	return 0;
}

/* Draws s in a field of `width` columns between two bars and checks the
 * row reads back as expected, bars in place. */
static void check_put(const char *s, int width, enum tw_align align, const char *expected)
{
	WINDOW *w = stdscr;
	werase(w);
	mvwaddch(w, 0, 0, '|');
	tw_put(w, 0, 1, s, width, align);
	mvwaddch(w, 0, 1 + width, '|');
	char *row = ts_row(w, 0, 0, width + 2);
	char *want = NULL;
	size_t n = strlen(expected) + 3;
	want = malloc(n);
	snprintf(want, n, "|%s|", expected);
	assert_string_equal(row, want);
	free(want);
	free(row);
}

static void test_width_counts_columns(void **state)
{
	(void)state;
	assert_int_equal(tw_width("Bø"), 2);
	assert_int_equal(tw_width("Ålesund"), 7);
	assert_int_equal(tw_width("Sør-Varanger"), 12);
	assert_int_equal(tw_width("Guovdageaidnu"), 13);
	assert_int_equal(tw_width("東京"), 4);
	assert_int_equal(tw_width("e\u0301"), 1); /* e + combining acute */
	assert_int_equal(tw_width("a\tb\n"), 4);
	assert_int_equal(tw_width(""), 0);
}

static void test_fit_is_a_character_boundary(void **state)
{
	(void)state;
	assert_int_equal(tw_fit("Bø", 2), strlen("Bø"));
	assert_int_equal(tw_fit("Bø", 1), 1);
	assert_int_equal(tw_fit("東京", 3), strlen("東"));
	assert_int_equal(tw_fit("東京", 1), 0);
	assert_int_equal(tw_fit("Ålesund", 3), strlen("Åle"));
}

static void test_put_pads_by_columns(void **state)
{
	(void)state;
	check_put("Bø", 6, TW_LEFT, "Bø    ");
	check_put("Bø", 6, TW_RIGHT, "    Bø");
	check_put("Bø", 6, TW_CENTER, "  Bø  ");
	check_put("Ålesund", 8, TW_LEFT, "Ålesund ");
	check_put("Sør-Varanger", 12, TW_LEFT, "Sør-Varanger");
	check_put("Guovdageaidnu", 14, TW_RIGHT, " Guovdageaidnu");
	check_put("東京", 6, TW_LEFT, "東京  ");
	check_put("東京", 5, TW_RIGHT, " 東京");
	check_put("", 3, TW_LEFT, "   ");
}

static void test_put_cuts_with_ellipsis(void **state)
{
	(void)state;
	check_put("Sør-Varanger", 6, TW_LEFT, "Sør-V…");
	check_put("Guovdageaidnu", 5, TW_RIGHT, "Guov…");
	check_put("Ålesund", 1, TW_LEFT, "…");
	/* A wide character that would straddle the cut becomes a space. */
	check_put("東京都", 4, TW_LEFT, "東 …");
	check_put("東京都", 5, TW_LEFT, "東京…");
}

static void test_put_draws_breaks_as_spaces(void **state)
{
	(void)state;
	check_put("a\nb\tc", 5, TW_LEFT, "a b c");
}

static void test_put_never_passes_the_window_edge(void **state)
{
	(void)state;
	WINDOW *w = stdscr;
	werase(w);
	int maxx = getmaxx(w);
	tw_put(w, 1, maxx - 3, "Sør-Varanger", 20, TW_LEFT);
	char *row = ts_row(w, 1, maxx - 3, 3);
	assert_string_equal(row, "Sø…");
	free(row);
	char *next = ts_row(w, 2, 0, 3);
	assert_string_equal(next, "   ");
	free(next);
}

static void test_colors_follow_no_color(void **state)
{
	(void)state;
	setenv("NO_COLOR", "1", 1);
	ui_colors_init(false);
	assert_false(ui_colors_on());
	assert_true(ui_attr(UI_SELECTED) & A_REVERSE);
	assert_int_equal(ui_attr(UI_HEADER) & A_COLOR, 0);
	unsetenv("NO_COLOR");
	const char *bad = NULL;
	assert_int_equal(ui_color_set("header", "purple default", false, &bad), -1);
	assert_string_equal(bad, "purple default");
	assert_int_equal(ui_color_set("nosuch", "bold", true, &bad), -1);
	assert_int_equal(ui_color_set("header", "bold underline", true, &bad), 0);
	assert_int_equal(ui_attr(UI_HEADER), A_BOLD | A_UNDERLINE);
	assert_int_equal(ui_element_from_name("tab-active"), UI_TAB_ACTIVE);
	assert_string_equal(ui_element_name(UI_BAR_SETTLED), "bar-settled");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width_counts_columns),
		cmocka_unit_test(test_fit_is_a_character_boundary),
		cmocka_unit_test(test_put_pads_by_columns),
		cmocka_unit_test(test_put_cuts_with_ellipsis),
		cmocka_unit_test(test_put_draws_breaks_as_spaces),
		cmocka_unit_test(test_put_never_passes_the_window_edge),
		cmocka_unit_test(test_colors_follow_no_color),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
