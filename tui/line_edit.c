/* One line of text being typed (see line_edit.h). */
#include <config.h>

#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "core/common.h"
#include "tui/line_edit.h"
#include "tui/width.h"

#define CTRL(c) ((c) & 0x1f)

void le_init(struct line_edit *le, const char *text)
{
	le->text = xstrdup(text ? text : "");
	le->cur = strlen(le->text);
}

void le_free(struct line_edit *le)
{
	free(le->text);
	le->text = NULL;
	le->cur = 0;
}

void le_set(struct line_edit *le, const char *text)
{
	le_free(le);
	le_init(le, text);
}

/* The code point at byte i and its length; a stray byte counts as one. */
static size_t char_at(const char *s, size_t i, wchar_t *wc)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = mbrtowc(wc, s + i, strlen(s + i), &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*wc = L'?';
		return 1;
	}
	return n;
}

static bool zero_width(wchar_t wc)
{
	return wcwidth(wc) == 0;
}

/* The next character boundary after i, taking combining marks along. */
static size_t next_boundary(const char *s, size_t i)
{
	wchar_t wc;
	if (!s[i])
		return i;
	i += char_at(s, i, &wc);
	while (s[i]) {
		size_t n = char_at(s, i, &wc);
		if (!zero_width(wc))
			break;
		i += n;
	}
	return i;
}

static size_t prev_codepoint(const char *s, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	return i;
}

/* The boundary before i: back over combining marks to their letter. */
static size_t prev_boundary(const char *s, size_t i)
{
	wchar_t wc;
	while (i > 0) {
		i = prev_codepoint(s, i);
		char_at(s, i, &wc);
		if (!zero_width(wc))
			break;
	}
	return i;
}

static void delete_range(struct line_edit *le, size_t from, size_t to)
{
	memmove(le->text + from, le->text + to, strlen(le->text + to) + 1);
	le->cur = from;
}

static bool insert(struct line_edit *le, wint_t ch)
{
	if (!iswprint(ch))
		return false;
	char mb[MB_LEN_MAX];
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = wcrtomb(mb, (wchar_t)ch, &st);
	if (n == (size_t)-1)
		return false;
	size_t len = strlen(le->text);
	le->text = xrealloc(le->text, len + n + 1);
	memmove(le->text + le->cur + n, le->text + le->cur, len - le->cur + 1);
	memcpy(le->text + le->cur, mb, n);
	le->cur += n;
	return true;
}

/* Ctrl-W: the blanks before the cursor, then the word before them. */
static size_t word_start(const char *s, size_t i)
{
	while (i > 0 && s[i - 1] == ' ')
		i--;
	while (i > 0 && s[i - 1] != ' ')
		i = prev_boundary(s, i);
	return i;
}

static enum le_result move_to(struct line_edit *le, size_t to)
{
	le->cur = to;
	return LE_MOVED;
}

static enum le_result delete_to(struct line_edit *le, size_t from, size_t to)
{
	if (from == to)
		return LE_MOVED;
	delete_range(le, from, to);
	return LE_CHANGED;
}

enum le_result le_key(struct line_edit *le, bool is_key, wint_t ch)
{
	const char *s = le->text;
	if (is_key) {
		switch (ch) {
		case KEY_LEFT:
			return move_to(le, prev_boundary(s, le->cur));
		case KEY_RIGHT:
			return move_to(le, next_boundary(s, le->cur));
		case KEY_HOME:
			return move_to(le, 0);
		case KEY_END:
			return move_to(le, strlen(s));
		case KEY_BACKSPACE:
			return delete_to(le, prev_boundary(s, le->cur), le->cur);
		case KEY_DC:
			return delete_to(le, le->cur, next_boundary(s, le->cur));
		default:
			return LE_UNHANDLED;
		}
	}
	switch (ch) {
	case CTRL('a'):
		return move_to(le, 0);
	case CTRL('e'):
		return move_to(le, strlen(s));
	case CTRL('h'):
	case 0x7f:
		return delete_to(le, prev_boundary(s, le->cur), le->cur);
	case CTRL('u'):
		return delete_to(le, 0, le->cur);
	case CTRL('w'):
		return delete_to(le, word_start(s, le->cur), le->cur);
	default:
		return insert(le, ch) ? LE_CHANGED : LE_UNHANDLED;
	}
}

/* Columns of s[from, to), counted as tw_width counts them. */
static int span_width(const char *s, size_t from, size_t to)
{
	char *part = xstrndup(s + from, to - from);
	int w = tw_width(part);
	free(part);
	return w;
}

size_t le_view_start(const struct line_edit *le, int width)
{
	/* One column stays free for the cursor after the last character. */
	size_t start = 0;
	int before = span_width(le->text, 0, le->cur);
	while (start < le->cur && before > width - 1) {
		size_t next = next_boundary(le->text, start);
		before -= span_width(le->text, start, next);
		start = next;
	}
	return start;
}
