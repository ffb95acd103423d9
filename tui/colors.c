/* Colours as named elements. The defaults are written as a user writes
 * them in the config file (`color header cyan default bold`), and parsed by
 * the same code, so the built-in scheme is an example of the syntax. Only
 * the terminal's default background is used behind text, which keeps the
 * screen readable on light and dark terminals alike. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/common.h"
#include "tui/colors.h"

struct element_default {
	const char *name;
	const char *color; /* FG BG [ATTR…], as after `color NAME` */
	const char *mono;  /* ATTR…, as after `mono NAME` */
};

static const struct element_default defaults[UI_ELEMENT_COUNT] = {
	[UI_NORMAL] = {"normal", "default default", "normal"},
	[UI_TAB] = {"tab", "default default", "normal"},
	[UI_TAB_ACTIVE] = {"tab-active", "black cyan bold", "reverse bold"},
	[UI_HEADER] = {"header", "cyan default bold", "bold underline"},
	[UI_SELECTED] = {"selected", "black cyan", "reverse"},
	[UI_STATUS] = {"status", "white blue", "reverse"},
	[UI_HINT] = {"hint", "default default", "normal"},
	[UI_ERROR] = {"error", "red default bold", "bold"},
	[UI_OK] = {"ok", "green default bold", "bold"},
	[UI_DIM] = {"dim", "default default dim", "dim"},
	[UI_TODAY] = {"today", "magenta default bold", "bold underline"},
	[UI_DEADLINE] = {"deadline", "red default", "underline"},
	[UI_SEARCH_MATCH] = {"search-match", "black yellow", "reverse underline"},
	[UI_BAR_REQUESTED] = {"bar-requested", "blue default reverse", "dim"},
	[UI_BAR_DECIDED] = {"bar-decided", "cyan default reverse", "normal"},
	[UI_BAR_SETTLED] = {"bar-settled", "green default reverse", "bold"},
	[UI_FORM_LABEL] = {"form-label", "default default bold", "bold"},
	[UI_FORM_FIELD] = {"form-field", "default default underline", "underline"},
	[UI_TITLE] = {"title", "default default bold", "bold"},
};

static attr_t color_attrs[UI_ELEMENT_COUNT];
static attr_t mono_attrs[UI_ELEMENT_COUNT];
static bool colors_on;

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char *name;
	attr_t attr;
} attr_names[] = {
	{"normal", A_NORMAL}, {"bold", A_BOLD},           {"dim", A_DIM},
	{"reverse", A_REVERSE}, {"underline", A_UNDERLINE}, {"italic", A_ITALIC},
	{"blink", A_BLINK},
};

/* -2: not a colour; -1: the terminal's default. colorN takes 0–255. */
static int parse_color(const char *w)
{
	if (strcasecmp(w, "default") == 0)
		return -1;
	for (size_t i = 0; i < SAM_ARRAY_LEN(color_names); i++)
		if (strcasecmp(w, color_names[i]) == 0)
			return (int)i;
	if (strncasecmp(w, "color", 5) == 0 && w[5]) {
		char *end;
		long n = strtol(w + 5, &end, 10);
		if (*end == '\0' && n >= 0 && n <= 255)
			return (int)n;
	}
	return -2;
}

static bool parse_attr(const char *w, attr_t *out)
{
	for (size_t i = 0; i < SAM_ARRAY_LEN(attr_names); i++)
		if (strcasecmp(w, attr_names[i].name) == 0) {
			*out |= attr_names[i].attr;
			return true;
		}
	return false;
}

int ui_element_from_name(const char *name)
{
	for (int i = 0; i < UI_ELEMENT_COUNT; i++)
		if (strcmp(defaults[i].name, name) == 0)
			return i;
	return -1;
}

const char *ui_element_name(enum ui_element e)
{
	return defaults[e].name;
}

/* Splits spec into at most n words (spaces); returns the count. */
static int split_words(char *spec, char **words, int n)
{
	int count = 0;
	for (char *tok = strtok(spec, " \t"); tok; tok = strtok(NULL, " \t")) {
		if (count == n)
			return n + 1;
		words[count++] = tok;
	}
	return count;
}

static int set_mono(enum ui_element e, const char *spec, const char **bad)
{
	char *copy = xstrdup(spec);
	char *words[8];
	int n = split_words(copy, words, 8);
	attr_t a = A_NORMAL;
	int rc = 0;
	for (int i = 0; i < n && i < 8 && rc == 0; i++)
		if (!parse_attr(words[i], &a)) {
			*bad = spec + (words[i] - copy);
			rc = -1;
		}
	if (rc == 0)
		mono_attrs[e] = a;
	free(copy);
	return rc;
}

/* The colour pair of element e is pair e + 1, made when colours start. */
static short fg_of[UI_ELEMENT_COUNT], bg_of[UI_ELEMENT_COUNT];

static int set_color(enum ui_element e, const char *spec, const char **bad)
{
	char *copy = xstrdup(spec);
	char *words[8];
	int n = split_words(copy, words, 8);
	int fg = n > 0 ? parse_color(words[0]) : -2;
	int bg = n > 1 ? parse_color(words[1]) : -1;
	attr_t a = A_NORMAL;
	int rc = 0;
	if (fg == -2 || bg == -2) {
		*bad = n == 0 ? spec : spec + (words[fg == -2 ? 0 : 1] - copy);
		rc = -1;
	}
	for (int i = 2; i < n && i < 8 && rc == 0; i++)
		if (!parse_attr(words[i], &a)) {
			*bad = spec + (words[i] - copy);
			rc = -1;
		}
	if (rc == 0) {
		fg_of[e] = (short)fg;
		bg_of[e] = (short)bg;
		color_attrs[e] = a;
		if (colors_on) {
			init_pair((short)(e + 1), fg_of[e], bg_of[e]);
			color_attrs[e] |= COLOR_PAIR(e + 1);
		}
	}
	free(copy);
	return rc;
}

int ui_color_set(const char *element, const char *spec, bool mono, const char **bad)
{
	int e = ui_element_from_name(element);
	if (e < 0) {
		*bad = element;
		return -1;
	}
	return mono ? set_mono((enum ui_element)e, spec, bad)
	            : set_color((enum ui_element)e, spec, bad);
}

void ui_colors_init(bool colors_off)
{
	const char *no_color = getenv("NO_COLOR");
	colors_on = !colors_off && !(no_color && *no_color) && has_colors();
	if (colors_on && start_color() == ERR)
		colors_on = false;
	if (colors_on)
		use_default_colors();
	for (int e = 0; e < UI_ELEMENT_COUNT; e++) {
		const char *bad;
		if (set_color((enum ui_element)e, defaults[e].color, &bad) < 0 ||
		    set_mono((enum ui_element)e, defaults[e].mono, &bad) < 0)
			fatal("bad built-in colour of %s: %s", defaults[e].name, bad);
	}
}

bool ui_colors_on(void)
{
	return colors_on;
}

attr_t ui_attr(enum ui_element e)
{
	return colors_on ? color_attrs[e] : mono_attrs[e];
}
