/* One line of text being typed, as in a form's field or the bottom-line
 * prompt: UTF-8 text and a cursor that moves by characters (a combining
 * accent goes with the letter it sits on). No curses input and no
 * drawing: the forms and the prompt feed it keys and draw it. */
#ifndef SAMORDNE_TUI_LINE_EDIT_H
#define SAMORDNE_TUI_LINE_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

struct line_edit {
	char *text; /* UTF-8, owned */
	size_t cur; /* the cursor, a byte offset at a character boundary */
};

void le_init(struct line_edit *le, const char *text); /* cursor at the end */
void le_free(struct line_edit *le);
void le_set(struct line_edit *le, const char *text);  /* cursor at the end */

enum le_result {
	LE_UNHANDLED, /* not an editing key */
	LE_MOVED,     /* the cursor moved */
	LE_CHANGED,   /* the text changed */
};

/* Applies a key as wget_wch gives it (is_key: KEY_CODE_YES): a printable
 * character is inserted; Left, Right, Home/Ctrl-A, End/Ctrl-E, Backspace,
 * Delete, Ctrl-U (delete before the cursor) and Ctrl-W (the word before
 * the cursor) edit. */
enum le_result le_key(struct line_edit *le, bool is_key, wint_t ch);

/* The first byte to show in a box `width` columns wide so that the cursor
 * is inside it (the text scrolls left as the cursor passes the edge). */
size_t le_view_start(const struct line_edit *le, int width);

#endif
