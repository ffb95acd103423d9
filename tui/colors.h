/* Colours as named elements of the screen, never raw colour numbers in
 * drawing code. Each element has a colour attribute and a monochrome one
 * (bold, reverse, underline, dim), so NO_COLOR, a monochrome terminal and
 * `set colors never` still give a readable screen, on light and dark
 * backgrounds alike (only the terminal's default background is used). */
#ifndef SAMORDNE_TUI_COLORS_H
#define SAMORDNE_TUI_COLORS_H

#include <curses.h>
#include <stdbool.h>

enum ui_element {
	UI_NORMAL,
	UI_TAB,           /* a view's name in the tab bar */
	UI_TAB_ACTIVE,
	UI_HEADER,        /* a list's column headers */
	UI_SELECTED,      /* the selected row */
	UI_STATUS,        /* the status bar */
	UI_HINT,          /* key hints in the status bar */
	UI_ERROR,         /* a refused value, a failed sync */
	UI_OK,            /* saved, synced */
	UI_DIM,           /* past meetings, empty figures */
	UI_TODAY,
	UI_DEADLINE,
	UI_SEARCH_MATCH,
	UI_BAR_REQUESTED, /* the overview's bars */
	UI_BAR_DECIDED,
	UI_BAR_SETTLED,
	UI_FORM_LABEL,
	UI_FORM_FIELD,    /* the field being edited */
	UI_TITLE,         /* big headings, the overview's totals */
	UI_ELEMENT_COUNT
};

/* After initscr: starts colours unless NO_COLOR is set, colors_off is
 * true, or the terminal has none. */
void ui_colors_init(bool colors_off);
bool ui_colors_on(void);
/* The attributes to draw an element with (wattrset(win, ui_attr(UI_HEADER))). */
attr_t ui_attr(enum ui_element e);

/* The element's name in the config file ("header", "tab-active"), and back
 * (-1 if none). */
const char *ui_element_name(enum ui_element e);
int ui_element_from_name(const char *name);

/* A config line `color ELEMENT FG BG [ATTR…]` (mono false: spec is
 * "FG BG ATTR…") or `mono ELEMENT ATTR…` (mono true). Colours: default,
 * black, red, green, yellow, blue, magenta, cyan, white, color0–color255;
 * attributes: normal, bold, dim, reverse, underline, italic, blink. After
 * ui_colors_init. On failure *bad points at the word that is wrong. */
int ui_color_set(const char *element, const char *spec, bool mono, const char **bad);

#endif
