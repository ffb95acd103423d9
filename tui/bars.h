/* The tab bar, the hint/message line, the status bar and the "terminal
 * too small" screen; each draws into the window it is given. */
#ifndef SAMORDNE_TUI_BARS_H
#define SAMORDNE_TUI_BARS_H

#include <curses.h>

struct app;

void bars_draw_tabs(const struct app *app, WINDOW *w);
void bars_draw_hint(const struct app *app, WINDOW *w);
void bars_draw_status(const struct app *app, WINDOW *w);
void bars_draw_too_small(WINDOW *w);

#endif
