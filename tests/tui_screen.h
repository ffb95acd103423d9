/* A headless curses screen for unit tests of drawing code: newterm() on
 * /dev/null at a chosen size, and the cells read back as UTF-8 text. */
#ifndef SAMORDNE_TESTS_TUI_SCREEN_H
#define SAMORDNE_TESTS_TUI_SCREEN_H

#include <curses.h>

/* Starts (or resizes) the screen; returns stdscr. TERM is set to
 * xterm-256color if unset, so the tests do not depend on the caller. */
WINDOW *ts_start(int rows, int cols);
void ts_stop(void);

/* The text of row y from column x0, `width` columns (−1: to the edge),
 * read cell by cell with mvwin_wch; a wide character is read once.
 * Newly allocated. */
char *ts_row(WINDOW *w, int y, int x0, int width);
/* The attributes of the cell at (y, x), colour pair excluded. */
attr_t ts_attr(WINDOW *w, int y, int x);

#endif
