/* The terminal for the full-screen program: curses started with the modes
 * it needs, and the terminal given back on every way out — a normal exit,
 * SIGTERM/SIGINT/SIGHUP (a flag the loop reads; no curses call in a
 * handler), and a crash (the reset sequences written with write(2)). */
#ifndef SAMORDNE_TUI_TERMINAL_H
#define SAMORDNE_TUI_TERMINAL_H

#include <stdbool.h>

/* Starts curses on the terminal; false (with nothing changed) if it
 * cannot. */
bool term_start(void);
void term_stop(void);
/* A signal asked the program to end. */
bool term_quit_requested(void);
/* Writes an escape sequence (OSC 52 …) straight to the terminal, after
 * the screen is up to date. */
void term_write_raw(const char *s);

#endif
