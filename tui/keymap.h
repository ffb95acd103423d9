/* Actions, not keys. One table names every action of the full-screen
 * program with its default keys (written as in the config file), the views
 * where it applies and a help line; the key dispatch, the ? screen, the
 * status bar's hints and the man page's key section are all made from it.
 * The user's config rebinds keys with `bind KEY ACTION` and `unbind KEY`. */
#ifndef SAMORDNE_TUI_KEYMAP_H
#define SAMORDNE_TUI_KEYMAP_H

#include <stdbool.h>
#include <stdio.h>

#include "core/config.h"

enum view_id {
	VIEW_MUNICIPALITIES,
	VIEW_CONTACTS,
	VIEW_GRANTS,
	VIEW_CALENDAR,
	VIEW_OVERVIEW,
	VIEW_HISTORY,
	VIEW_SYNC,
	VIEW_HELP, /* not a tab: ? opens it over the others */
	VIEW_COUNT
};
#define VIEW_TABS VIEW_HELP /* the views that have a tab */
#define VIEW_BIT(v) (1u << (v))
#define VIEWS_ALL ((1u << VIEW_COUNT) - 1)
#define VIEWS_LISTS (VIEWS_ALL & ~VIEW_BIT(VIEW_OVERVIEW))

/* In the order of the ? screen: what a newcomer needs first. */
enum action {
	ACT_NONE,
	ACT_HELP, ACT_QUIT,
	ACT_SEARCH, ACT_SEARCH_NEXT, ACT_SEARCH_PREV,
	ACT_OPEN, ACT_EDIT, ACT_EDIT_MUNICIPALITY, ACT_ADD, ACT_DELETE, ACT_UNDO,
	ACT_PREV_YEAR, ACT_NEXT_YEAR, ACT_COMMAND,
	ACT_NEXT_VIEW, ACT_PREV_VIEW,
	ACT_VIEW_MUNICIPALITIES, ACT_VIEW_CONTACTS, ACT_VIEW_GRANTS, ACT_VIEW_CALENDAR,
	ACT_VIEW_OVERVIEW, ACT_VIEW_HISTORY, ACT_VIEW_SYNC,
	ACT_SYNC, ACT_RESTORE_CONFLICT, ACT_DISMISS_CONFLICT,
	ACT_DOWN, ACT_UP, ACT_HALF_PAGE_DOWN, ACT_HALF_PAGE_UP, ACT_PAGE_DOWN, ACT_PAGE_UP,
	ACT_TOP, ACT_BOTTOM, ACT_COLUMN_LEFT, ACT_COLUMN_RIGHT, ACT_SORT,
	ACT_PREV_MONTH, ACT_NEXT_MONTH, ACT_TODAY, ACT_MONTH_GRID,
	ACT_FILTER_MUNICIPALITY, ACT_FILTER_GROUP, ACT_COPY_EMAILS,
	ACT_REDRAW,
	ACT_COUNT
};

/* Keys: a wide character as typed (Ctrl-D is 4), or a curses key code
 * (KEY_UP …) moved above the Unicode range so the two never meet. */
#define KM_FUNC(k) (0x200000 + (k))
#define KM_ESC 27

#define KM_MAX_KEYS 4
struct action_def {
	enum action action;
	const char *name;               /* "page-down": in `bind` lines */
	const char *keys[KM_MAX_KEYS];  /* "j", "Down", "g g": as in `bind` */
	unsigned views;                 /* VIEW_BIT()s where it applies */
	const char *help;               /* N_(): one line for the ? screen */
	bool hint;                      /* shown in the status bar's hint line */
};

extern const struct action_def km_actions[ACT_COUNT];

const struct action_def *km_action(enum action a);
enum action km_action_from_name(const char *name);

/* A key from get_wch: ch is the wide character, or the key code if
 * is_code. Enter, Return and the keypad's Enter are one key. */
int km_key(int is_code, unsigned ch);

/* "C-d", "Down", "g g" → a sequence of at most 2 keys; the count, or 0 if
 * the text names no key. */
int km_parse_keys(const char *text, int seq[2]);
/* The name of a key as written in the config ("C-d", "PgDn", "ø"). */
void km_key_name(int key, char out[32]);

struct binding {
	int seq[2];
	int len;
	enum action action;
};

struct keymap {
	struct binding *b;
	int n, cap;
	int pending; /* the first key of a two-key sequence, or 0 */
};

/* The defaults from the table, then the config's `bind`/`unbind` lines;
 * a bad line is reported through sam_config_problem with its number. */
void km_init(struct keymap *km, struct sam_config *cfg);
void km_free(struct keymap *km);

/* Feeds a key; returns the action it completes in view v, or ACT_NONE
 * (also while waiting for the second key of a sequence: km->pending). */
enum action km_feed(struct keymap *km, enum view_id v, int key);

/* The keys bound to action a, as shown in help ("j, Down"); newly
 * allocated, "" if none. */
char *km_keys_text(const struct keymap *km, enum action a);

/* The key section of the man page (troff), from the table. */
void km_print_man(FILE *out);

#endif
