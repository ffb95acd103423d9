/* Drawing text by display width. Text is decoded once into wide characters
 * with their widths, so cutting and padding count terminal columns. */
#include <config.h>

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/common.h"
#include "tui/width.h"

#define ELLIPSIS L'\u2026'

/* The next character of s as drawn: line breaks and tabs as spaces, bytes
 * that are not UTF-8 (or not printable) as one replacement column. */
static const char *next_wchar(const char *s, wchar_t *wc, int *cols, mbstate_t *st)
{
	/* Printable ASCII is one column in every locale the program runs in;
	 * it is most of the text, and mbrtowc was most of measuring it. */
	if (*s >= 0x20 && *s < 0x7f) {
		*wc = (wchar_t)*s;
		*cols = 1;
		return s + 1;
	}
	/* No character is longer than MB_LEN_MAX bytes: looking that far, not
	 * to the end of the string, keeps measuring a string linear. */
	size_t rest = strnlen(s, MB_LEN_MAX);
	size_t n = mbrtowc(wc, s, rest, st);
	if (n == (size_t)-1 || n == (size_t)-2) {
		memset(st, 0, sizeof(*st));
		*wc = L'?';
		*cols = 1;
		return s + 1;
	}
	if (*wc == L'\n' || *wc == L'\t' || *wc == L'\r') {
		*wc = L' ';
		*cols = 1;
		return s + n;
	}
	int w = wcwidth(*wc);
	if (w < 0) {
		*wc = L'?';
		w = 1;
	}
	*cols = w;
	return s + (n ? n : 1);
}

int tw_width(const char *s)
{
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	int width = 0, cols;
	wchar_t wc;
	while (*s) {
		s = next_wchar(s, &wc, &cols, &st);
		width += cols;
	}
	return width;
}

size_t tw_fit(const char *s, int width)
{
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	const char *p = s;
	int used = 0, cols;
	wchar_t wc;
	while (*p) {
		const char *next = next_wchar(p, &wc, &cols, &st);
		if (used + cols > width)
			break;
		used += cols;
		p = next;
	}
	return (size_t)(p - s);
}

static void put_spaces(WINDOW *w, int n)
{
	for (; n > 0; n--)
		waddch(w, ' ');
}

/* Draws the characters of s that fit in `width` columns; returns the
 * columns drawn. A wide character at the edge is left out (the caller
 * pads), so nothing ever spills over the column. */
static int put_prefix(WINDOW *w, const char *s, int width)
{
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	int used = 0, cols;
	wchar_t wc;
	while (*s) {
		s = next_wchar(s, &wc, &cols, &st);
		if (used + cols > width)
			break;
		if (cols == 0 && used == 0)
			continue; /* a combining mark with nothing to sit on */
		wchar_t one[2] = {wc, L'\0'};
		waddnwstr(w, one, 1);
		used += cols;
	}
	return used;
}

void tw_put(WINDOW *w, int y, int x, const char *s, int width, enum tw_align align)
{
	int maxx = getmaxx(w);
	if (x < 0 || x >= maxx || width <= 0)
		return;
	if (x + width > maxx)
		width = maxx - x;
	if (!s)
		s = "";
	wmove(w, y, x);
	int total = tw_width(s);
	if (total > width) {
		/* Cut: the text, then "…" in the last column. */
		int used = put_prefix(w, s, width - 1);
		put_spaces(w, width - 1 - used);
		wchar_t ell[2] = {ELLIPSIS, L'\0'};
		waddnwstr(w, ell, 1);
		return;
	}
	int pad = width - total;
	int before = align == TW_RIGHT ? pad : align == TW_CENTER ? pad / 2 : 0;
	put_spaces(w, before);
	int used = put_prefix(w, s, total);
	put_spaces(w, width - before - used);
}
