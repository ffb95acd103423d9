/* Drawing text by display width, never by bytes or characters: æ, ø, å
 * take one column, a CJK character two, a combining accent none. Every
 * view draws text through these, so no name ever breaks a column. */
#ifndef SAMORDNE_TUI_WIDTH_H
#define SAMORDNE_TUI_WIDTH_H

#include <curses.h>

enum tw_align { TW_LEFT, TW_RIGHT, TW_CENTER };

/* Display columns of UTF-8 text (unprintable characters count as one). */
int tw_width(const char *s);

/* Draws s at (y, x) in exactly `width` columns: cut at a character
 * boundary (with "…" where it was cut, if width allows) and padded with
 * spaces; a wide character that would straddle the edge becomes a space.
 * Line breaks and tabs in s are drawn as spaces. */
void tw_put(WINDOW *w, int y, int x, const char *s, int width, enum tw_align align);

/* The longest prefix of s (in bytes) that fits in `width` columns. */
size_t tw_fit(const char *s, int width);

#endif
