/* The action table, key names, bindings and the dispatch of keys. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/common.h"
#include "tui/keymap.h"

#define M VIEW_BIT(VIEW_MUNICIPALITIES)
#define C VIEW_BIT(VIEW_CONTACTS)
#define G VIEW_BIT(VIEW_GRANTS)
#define K VIEW_BIT(VIEW_CALENDAR)
#define O VIEW_BIT(VIEW_OVERVIEW)
#define HS VIEW_BIT(VIEW_HISTORY)
#define SY VIEW_BIT(VIEW_SYNC)
#define HP VIEW_BIT(VIEW_HELP)
#define EDITABLE (M | C | G | K)

/* The defaults, written as a user writes them in `bind` lines. */
const struct action_def km_actions[ACT_COUNT] = {
	[ACT_NONE] = {ACT_NONE, "none", {NULL}, 0, NULL, false},
	[ACT_QUIT] = {ACT_QUIT, "quit", {"q"}, VIEWS_ALL,
	              N_("quit; in help or an opened meeting: go back"), true},
	[ACT_HELP] = {ACT_HELP, "help", {"?", "F1"}, VIEWS_ALL,
	              N_("show this help: every action and its keys"), true},
	[ACT_REDRAW] = {ACT_REDRAW, "redraw", {"C-l"}, VIEWS_ALL, N_("redraw the screen"), false},
	[ACT_COMMAND] = {ACT_COMMAND, "command", {":"}, VIEWS_ALL,
	                 N_("command line: :year 2016, :go Moss, :view contacts, :q"), false},
	[ACT_NEXT_VIEW] = {ACT_NEXT_VIEW, "next-view", {"Tab"}, VIEWS_ALL, N_("next view"), false},
	[ACT_PREV_VIEW] = {ACT_PREV_VIEW, "prev-view", {"S-Tab"}, VIEWS_ALL,
	                   N_("previous view"), false},
	[ACT_VIEW_MUNICIPALITIES] = {ACT_VIEW_MUNICIPALITIES, "view-municipalities", {"1"},
	                             VIEWS_ALL,
	                             N_("municipalities: settlement figures by year, with details"),
	                             false},
	[ACT_VIEW_CONTACTS] = {ACT_VIEW_CONTACTS, "view-contacts", {"2"}, VIEWS_ALL,
	                       N_("contacts: contact persons and groups"), false},
	[ACT_VIEW_GRANTS] = {ACT_VIEW_GRANTS, "view-grants", {"3"}, VIEWS_ALL,
	                     N_("grants: both schemes side by side, with totals"), false},
	[ACT_VIEW_CALENDAR] = {ACT_VIEW_CALENDAR, "view-calendar", {"4"}, VIEWS_ALL,
	                       N_("calendar: meetings, visits and deadlines"), false},
	[ACT_VIEW_OVERVIEW] = {ACT_VIEW_OVERVIEW, "view-overview", {"5"}, VIEWS_ALL,
	                       N_("overview: the county's totals and a bar per municipality"),
	                       false},
	[ACT_VIEW_HISTORY] = {ACT_VIEW_HISTORY, "view-history", {"6"}, VIEWS_ALL,
	                      N_("history of the selected record: who, when, old → new"), false},
	[ACT_VIEW_SYNC] = {ACT_VIEW_SYNC, "view-sync", {"7"}, VIEWS_ALL,
	                   N_("sync: the network, its laptops, held-back logs and conflicts"), false},
	[ACT_SYNC] = {ACT_SYNC, "sync", {"S"}, VIEWS_ALL,
	              N_("sync now with the shared folder (the program stays usable)"), false},
	[ACT_RESTORE_CONFLICT] = {ACT_RESTORE_CONFLICT, "restore-conflict", {"r"}, SY,
	                          N_("conflicts: make the value that lost current again (asks first)"),
	                          true},
	[ACT_DISMISS_CONFLICT] = {ACT_DISMISS_CONFLICT, "dismiss-conflict", {"x"}, SY,
	                          N_("conflicts: keep the value that won and stop listing it (asks first)"),
	                          true},
	[ACT_DOWN] = {ACT_DOWN, "down", {"j", "Down"}, VIEWS_LISTS, N_("move down"), false},
	[ACT_UP] = {ACT_UP, "up", {"k", "Up"}, VIEWS_LISTS, N_("move up"), false},
	[ACT_HALF_PAGE_DOWN] = {ACT_HALF_PAGE_DOWN, "half-page-down", {"C-d"}, VIEWS_LISTS,
	                        N_("move down half a page"), false},
	[ACT_HALF_PAGE_UP] = {ACT_HALF_PAGE_UP, "half-page-up", {"C-u"}, VIEWS_LISTS,
	                      N_("move up half a page"), false},
	[ACT_PAGE_DOWN] = {ACT_PAGE_DOWN, "page-down", {"PgDn", "C-f", "Space"}, VIEWS_LISTS,
	                   N_("move down a page"), false},
	[ACT_PAGE_UP] = {ACT_PAGE_UP, "page-up", {"PgUp", "C-b"}, VIEWS_LISTS,
	                 N_("move up a page"), false},
	[ACT_TOP] = {ACT_TOP, "top", {"g g", "Home"}, VIEWS_LISTS, N_("go to the first line"),
	             false},
	[ACT_BOTTOM] = {ACT_BOTTOM, "bottom", {"G", "End"}, VIEWS_LISTS,
	                N_("go to the last line"), false},
	[ACT_COLUMN_LEFT] = {ACT_COLUMN_LEFT, "column-left", {"h", "Left"}, VIEWS_LISTS,
	                     N_("move the column cursor left (the column s sorts by)"), false},
	[ACT_COLUMN_RIGHT] = {ACT_COLUMN_RIGHT, "column-right", {"l", "Right"}, VIEWS_LISTS,
	                      N_("move the column cursor right"), false},
	[ACT_SEARCH] = {ACT_SEARCH, "search", {"/"}, VIEWS_LISTS,
	                N_("search as you type (a name, a place, a number)"), true},
	[ACT_SEARCH_NEXT] = {ACT_SEARCH_NEXT, "search-next", {"n"}, VIEWS_LISTS,
	                     N_("next match of the search"), false},
	[ACT_SEARCH_PREV] = {ACT_SEARCH_PREV, "search-prev", {"N"}, VIEWS_LISTS,
	                     N_("previous match of the search"), false},
	[ACT_SORT] = {ACT_SORT, "sort", {"s"}, VIEWS_LISTS & ~HP,
	              N_("sort by the column under the cursor (again: reverse)"), false},
	[ACT_OPEN] = {ACT_OPEN, "open", {"Enter"}, EDITABLE,
	              N_("open: edit the selected record; in the calendar, show the meeting"),
	              false},
	[ACT_EDIT] = {ACT_EDIT, "edit", {"e"}, EDITABLE,
	              N_("edit the selected record (municipalities: the year's figures)"), true},
	[ACT_EDIT_MUNICIPALITY] = {ACT_EDIT_MUNICIPALITY, "edit-municipality", {"E"}, M,
	                           N_("edit the municipality itself (number, name, note)"), false},
	[ACT_ADD] = {ACT_ADD, "add", {"a"}, EDITABLE, N_("add a record of this view's kind"), true},
	[ACT_DELETE] = {ACT_DELETE, "delete", {"d"}, EDITABLE,
	                N_("delete the selected record (asks first)"), false},
	[ACT_UNDO] = {ACT_UNDO, "undo", {"u"}, VIEWS_ALL & ~HP, N_("undo the last change"), true},
	[ACT_PREV_YEAR] = {ACT_PREV_YEAR, "prev-year", {"["}, M | G | O, N_("previous year"), true},
	[ACT_NEXT_YEAR] = {ACT_NEXT_YEAR, "next-year", {"]"}, M | G | O, N_("next year"), true},
	[ACT_PREV_MONTH] = {ACT_PREV_MONTH, "prev-month", {"["}, K, N_("previous month"), true},
	[ACT_NEXT_MONTH] = {ACT_NEXT_MONTH, "next-month", {"]"}, K, N_("next month"), true},
	[ACT_TODAY] = {ACT_TODAY, "today", {"t"}, K, N_("go to today"), true},
	[ACT_MONTH_GRID] = {ACT_MONTH_GRID, "month-grid", {"v"}, K,
	                    N_("switch between the agenda and the month grid"), true},
	[ACT_FILTER_MUNICIPALITY] = {ACT_FILTER_MUNICIPALITY, "filter-municipality", {"m"}, C,
	                             N_("show the contacts of one municipality (empty: all)"),
	                             true},
	[ACT_FILTER_GROUP] = {ACT_FILTER_GROUP, "filter-group", {"f"}, C,
	                      N_("show one group: network, steering, project, reference, all"),
	                      true},
	[ACT_COPY_EMAILS] = {ACT_COPY_EMAILS, "copy-emails", {"y"}, C,
	                     N_("copy the e-mail addresses of the shown contacts as one line"),
	                     true},
};

const struct action_def *km_action(enum action a)
{
	return &km_actions[a];
}

enum action km_action_from_name(const char *name)
{
	for (int a = 1; a < ACT_COUNT; a++)
		if (strcmp(km_actions[a].name, name) == 0)
			return (enum action)a;
	return ACT_NONE;
}

/* ------------------------------------------------------------ key names */

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{"Enter", '\n'},
	{"Tab", '\t'},
	{"S-Tab", KM_FUNC(KEY_BTAB)},
	{"Esc", KM_ESC},
	{"Space", ' '},
	{"Backspace", KM_FUNC(KEY_BACKSPACE)},
	{"Up", KM_FUNC(KEY_UP)},
	{"Down", KM_FUNC(KEY_DOWN)},
	{"Left", KM_FUNC(KEY_LEFT)},
	{"Right", KM_FUNC(KEY_RIGHT)},
	{"PgUp", KM_FUNC(KEY_PPAGE)},
	{"PgDn", KM_FUNC(KEY_NPAGE)},
	{"Home", KM_FUNC(KEY_HOME)},
	{"End", KM_FUNC(KEY_END)},
	{"Insert", KM_FUNC(KEY_IC)},
	{"Delete", KM_FUNC(KEY_DC)},
};

int km_key(int is_code, unsigned ch)
{
	if (is_code) {
		if (ch == KEY_ENTER)
			return '\n';
		if (ch == KEY_BACKSPACE)
			return KM_FUNC(KEY_BACKSPACE);
		return KM_FUNC((int)ch);
	}
	if (ch == '\r')
		return '\n';
	if (ch == 127 || ch == 8)
		return KM_FUNC(KEY_BACKSPACE);
	return (int)ch;
}

static int parse_one_key(const char *w)
{
	for (size_t i = 0; i < SAM_ARRAY_LEN(key_names); i++)
		if (strcmp(key_names[i].name, w) == 0)
			return key_names[i].key;
	if (w[0] == 'C' && w[1] == '-' && w[2] && !w[3]) {
		char c = w[2];
		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= 'A' && c <= 'Z')
			return c - 'A' + 1;
		return 0;
	}
	if (w[0] == 'F' && w[1] >= '1' && w[1] <= '9') {
		int n = atoi(w + 1);
		if (n >= 1 && n <= 12 && strspn(w + 1, "0123456789") == strlen(w + 1))
			return KM_FUNC(KEY_F(n));
	}
	/* One printable character, in any script. */
	wchar_t wc;
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	size_t n = mbrtowc(&wc, w, strlen(w), &st);
	if (n == 0 || n == (size_t)-1 || n == (size_t)-2 || w[n] != '\0' || wcwidth(wc) < 1)
		return 0;
	return (int)wc;
}

int km_parse_keys(const char *text, int seq[2])
{
	char *copy = xstrdup(text);
	int n = 0;
	for (char *w = strtok(copy, " "); w; w = strtok(NULL, " ")) {
		int k = n < 2 ? parse_one_key(w) : 0;
		if (!k) {
			n = 0;
			break;
		}
		seq[n++] = k;
	}
	free(copy);
	return n;
}

void km_key_name(int key, char out[32])
{
	for (size_t i = 0; i < SAM_ARRAY_LEN(key_names); i++)
		if (key_names[i].key == key) {
			snprintf(out, 32, "%s", key_names[i].name);
			return;
		}
	if (key >= 1 && key <= 26) {
		snprintf(out, 32, "C-%c", 'a' + key - 1);
		return;
	}
	for (int f = 1; f <= 12; f++)
		if (key == KM_FUNC(KEY_F(f))) {
			snprintf(out, 32, "F%d", f);
			return;
		}
	if (key < KM_FUNC(0)) {
		wchar_t wc[2] = {(wchar_t)key, L'\0'};
		if (wcstombs(out, wc, 32) != (size_t)-1)
			return;
	}
	snprintf(out, 32, "#%d", key);
}

/* ------------------------------------------------------------ bindings */

static void add_binding(struct keymap *km, const int seq[2], int len, enum action a)
{
	if (km->n == km->cap) {
		km->cap = km->cap ? km->cap * 2 : 64;
		km->b = xrealloc(km->b, (size_t)km->cap * sizeof(*km->b));
	}
	struct binding *b = &km->b[km->n++];
	b->seq[0] = seq[0];
	b->seq[1] = len > 1 ? seq[1] : 0;
	b->len = len;
	b->action = a;
}

static bool same_keys(const struct binding *b, const int seq[2], int len)
{
	return b->len == len && b->seq[0] == seq[0] && (len < 2 || b->seq[1] == seq[1]);
}

/* Removes every binding of the key sequence; the count removed. */
static int remove_binding(struct keymap *km, const int seq[2], int len)
{
	int kept = 0, removed = 0;
	for (int i = 0; i < km->n; i++) {
		if (same_keys(&km->b[i], seq, len))
			removed++;
		else
			km->b[kept++] = km->b[i];
	}
	km->n = kept;
	return removed;
}

static void apply_config_line(struct keymap *km, struct sam_config *cfg,
                              const struct sam_config_line *line)
{
	const char *cmd = line->words[0];
	bool bind = strcmp(cmd, "bind") == 0;
	if (!bind && strcmp(cmd, "unbind") != 0)
		return; /* another module's line */
	int want = bind ? 3 : 2;
	if (line->nwords != want) {
		sam_config_problem(cfg, line->lineno,
		                   bind ? _("usage: bind KEY ACTION") : _("usage: unbind KEY"));
		return;
	}
	int seq[2];
	int len = km_parse_keys(line->words[1], seq);
	if (len == 0) {
		sam_config_problem(cfg, line->lineno, _("unknown key '%s'"), line->words[1]);
		return;
	}
	if (!bind) {
		remove_binding(km, seq, len);
		return;
	}
	enum action a = km_action_from_name(line->words[2]);
	if (a == ACT_NONE) {
		sam_config_problem(cfg, line->lineno, _("unknown action '%s' (see the ? screen)"),
		                   line->words[2]);
		return;
	}
	remove_binding(km, seq, len);
	add_binding(km, seq, len, a);
}

void km_init(struct keymap *km, struct sam_config *cfg)
{
	memset(km, 0, sizeof(*km));
	for (int a = 1; a < ACT_COUNT; a++)
		for (int k = 0; k < KM_MAX_KEYS && km_actions[a].keys[k]; k++) {
			int seq[2];
			int len = km_parse_keys(km_actions[a].keys[k], seq);
			if (len == 0)
				fatal("bad default key '%s' of %s", km_actions[a].keys[k],
				      km_actions[a].name);
			add_binding(km, seq, len, (enum action)a);
		}
	if (!cfg)
		return;
	for (int i = 0; i < cfg->nlines; i++)
		apply_config_line(km, cfg, &cfg->lines[i]);
}

void km_free(struct keymap *km)
{
	free(km->b);
	memset(km, 0, sizeof(*km));
}

static bool applies(const struct binding *b, enum view_id v)
{
	return km_actions[b->action].views & VIEW_BIT(v);
}

enum action km_feed(struct keymap *km, enum view_id v, int key)
{
	if (km->pending) {
		int seq[2] = {km->pending, key};
		km->pending = 0;
		for (int i = 0; i < km->n; i++)
			if (same_keys(&km->b[i], seq, 2) && applies(&km->b[i], v))
				return km->b[i].action;
		/* Not a sequence: the second key counts on its own. */
	}
	for (int i = 0; i < km->n; i++)
		if (km->b[i].len == 2 && km->b[i].seq[0] == key && applies(&km->b[i], v)) {
			km->pending = key;
			return ACT_NONE;
		}
	int seq[2] = {key, 0};
	for (int i = 0; i < km->n; i++)
		if (same_keys(&km->b[i], seq, 1) && applies(&km->b[i], v))
			return km->b[i].action;
	return ACT_NONE;
}

char *km_keys_text(const struct keymap *km, enum action a)
{
	struct strbuf sb = {0};
	sb_add(&sb, "");
	for (int i = 0; i < km->n; i++) {
		if (km->b[i].action != a)
			continue;
		char name[32];
		if (sb.len)
			sb_add(&sb, ", ");
		km_key_name(km->b[i].seq[0], name);
		sb_add(&sb, name);
		if (km->b[i].len == 2) {
			km_key_name(km->b[i].seq[1], name);
			sb_addf(&sb, " %s", name);
		}
	}
	return sb_steal(&sb);
}

void km_print_man(FILE *out)
{
	struct keymap km;
	km_init(&km, NULL);
	fputs(".SS Keys\n", out);
	for (int a = 1; a < ACT_COUNT; a++) {
		char *keys = km_keys_text(&km, (enum action)a);
		fprintf(out, ".TP\n.BR %s \" (%s)\"\n%s\n", keys, km_actions[a].name,
		        _(km_actions[a].help));
		free(keys);
	}
	km_free(&km);
}
