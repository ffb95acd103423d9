/* Headless screens for the TUI unit tests. */
#include <config.h>

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/common.h"
#include "tests/tui_screen.h"

static SCREEN *screen;
static FILE *out, *in;

WINDOW *ts_start(int rows, int cols)
{
	if (!screen) {
		setlocale(LC_ALL, "C.UTF-8");
		setenv("TERM", getenv("TERM") && *getenv("TERM") ? getenv("TERM") : "xterm-256color", 1);
		out = fopen("/dev/null", "w");
		in = fopen("/dev/null", "r");
		if (!out || !in)
			fatal("cannot open /dev/null");
		screen = newterm("xterm-256color", out, in);
		if (!screen)
			fatal("newterm failed");
		set_term(screen);
	}
	resize_term(rows, cols);
	werase(stdscr);
	return stdscr;
}

void ts_stop(void)
{
	if (!screen)
		return;
	endwin();
	delscreen(screen);
	screen = NULL;
	fclose(out);
	fclose(in);
}

char *ts_row(WINDOW *w, int y, int x0, int width)
{
	int maxx = getmaxx(w);
	int end = width < 0 ? maxx : x0 + width;
	if (end > maxx)
		end = maxx;
	struct strbuf sb = {0};
	for (int x = x0; x < end;) {
		cchar_t cell;
		wchar_t wcs[CCHARW_MAX + 1];
		attr_t attrs;
		short pair;
		if (mvwin_wch(w, y, x, &cell) == ERR || getcchar(&cell, wcs, &attrs, &pair, NULL) == ERR) {
			sb_addc(&sb, '?');
			x++;
			continue;
		}
		char mb[MB_LEN_MAX * (CCHARW_MAX + 1)];
		size_t n = wcstombs(mb, wcs, sizeof(mb));
		if (n == (size_t)-1)
			sb_addc(&sb, '?');
		else
			sb_addn(&sb, mb, n);
		int cw = wcwidth(wcs[0]);
		x += cw > 1 ? cw : 1;
	}
	return sb_steal(&sb);
}

attr_t ts_attr(WINDOW *w, int y, int x)
{
	cchar_t cell;
	wchar_t wcs[CCHARW_MAX + 1];
	attr_t attrs = 0;
	short pair;
	if (mvwin_wch(w, y, x, &cell) == ERR || getcchar(&cell, wcs, &attrs, &pair, NULL) == ERR)
		return 0;
	return attrs & ~A_COLOR;
}
