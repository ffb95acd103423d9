/* The contact persons, filtered by municipality and by group, with one
 * key to copy the e-mail addresses of those shown as one line: shown in
 * a box to select, and sent to the terminal's clipboard with OSC 52. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/common.h"
#include "core/enums.h"
#include "core/listing.h"
#include "tui/app.h"
#include "tui/terminal.h"
#include "tui/view_common.h"
#include "tui/width.h"

enum { C_NAME, C_POSITION, C_AFFILIATION, C_EMAIL, C_PHONE, C_GROUPS, C_ID };

static const struct list_column columns[] = {
	{N_("name"), 28, TW_LEFT, false, 22},
	{N_("position"), 30, TW_LEFT, false, 10},
	{N_("municipality/organisation"), 20, TW_LEFT, false, 12},
	{N_("e-mail"), 32, TW_LEFT, false, 16},
	{N_("phone"), 0, TW_LEFT, false, 11},
	{N_("groups"), 0, TW_LEFT, false, 16},
};
static const int table_cols[] = {C_NAME, C_POSITION, C_AFFILIATION, C_EMAIL, C_PHONE, C_GROUPS};

struct contacts {
	struct table_model model;
	struct list list;
	char *municipality; /* the filter, as typed; NULL: all */
	int group;          /* an index of sam_enum_group, −1: all */
	char *emails;       /* the copied line, shown in a box until a key */
	char *error;
};

static void *create(struct app *app)
{
	(void)app;
	struct contacts *v = xcalloc(1, sizeof(*v));
	v->group = -1;
	table_model_init(&v->model, &v->list, columns, (int)SAM_ARRAY_LEN(columns), table_cols, C_ID);
	return v;
}

static void destroy(void *p)
{
	struct contacts *v = p;
	sam_table_free(&v->model.t);
	list_free(&v->list);
	free(v->municipality);
	free(v->emails);
	free(v->error);
	free(v);
}

static void load(void *p, struct app *app)
{
	struct contacts *v = p;
	struct sam_list_filter f = {0};
	f.municipality = v->municipality;
	f.group = v->group >= 0 ? sam_enum_group.items[v->group].key : NULL;
	struct sam_table t;
	struct sam_err err;
	free(v->error);
	v->error = NULL;
	if (sam_list(app->db, "contacts", &f, &t, &err) < 0) {
		v->error = xstrdup(err.msg);
		sam_table_init(&t, C_ID + 1);
	}
	table_model_reload(&v->model, &v->list, &t);
}

static char *filter_text(const struct contacts *v)
{
	const char *group = v->group >= 0 ? _(sam_enum_group.items[v->group].label) : _("all");
	return xasprintf(_("%d contacts — municipality: %s — group: %s   (m and f filter, y copies "
	                   "the e-mail addresses)"),
	                 v->model.t.nrows, v->municipality ? v->municipality : _("all"), group);
}

/* The copied addresses in a box over the list, wrapped to its width. */
static void draw_emails(const struct contacts *v, WINDOW *w)
{
	int h, width;
	getmaxyx(w, h, width);
	int inner = width - 4;
	int len = tw_width(v->emails);
	int lines = len / inner + 3;
	if (lines > h - 2)
		lines = h - 2;
	int top = (h - lines - 2) / 2;
	wattrset(w, ui_attr(UI_NORMAL));
	for (int y = top; y < top + lines + 2; y++)
		mvwhline(w, y, 1, ' ', width - 2);
	wattrset(w, ui_attr(UI_FORM_LABEL));
	mvwaddstr(w, top, 2, _("E-mail addresses (select with the mouse; any key closes):"));
	wattrset(w, ui_attr(UI_NORMAL));
	const char *s = v->emails;
	for (int y = top + 2; y < top + lines + 1 && *s; y++) {
		size_t n = tw_fit(s, inner);
		char *part = xstrndup(s, n);
		tw_put(w, y, 2, part, inner, TW_LEFT);
		free(part);
		s += n;
	}
}

static void draw(void *p, struct app *app, WINDOW *w)
{
	(void)app;
	struct contacts *v = p;
	int h, width;
	getmaxyx(w, h, width);
	char *head = filter_text(v);
	pane_line(w, 0, 0, width, v->error ? UI_ERROR : UI_TITLE, v->error ? v->error : head);
	free(head);
	list_draw(&v->list, w, 1, 0, h - 1, width);
	if (v->emails)
		draw_emails(v, w);
}

static const char base64_digits[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static char *base64(const char *s)
{
	size_t n = strlen(s);
	struct strbuf sb = {0};
	sb_add(&sb, "");
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned char)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned char)s[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned char)s[i + 2];
		sb_addc(&sb, base64_digits[(v >> 18) & 63]);
		sb_addc(&sb, base64_digits[(v >> 12) & 63]);
		sb_addc(&sb, i + 1 < n ? base64_digits[(v >> 6) & 63] : '=');
		sb_addc(&sb, i + 2 < n ? base64_digits[v & 63] : '=');
	}
	return sb_steal(&sb);
}

static void copy_emails(struct contacts *v, struct app *app)
{
	struct strbuf sb = {0};
	int count = 0;
	for (int pos = 0; pos < v->list.nrows; pos++) {
		const char *email = sam_table_get(&v->model.t, v->list.order[pos], C_EMAIL);
		if (!*email)
			continue;
		sb_addf(&sb, "%s%s", count ? ", " : "", email);
		count++;
	}
	if (count == 0) {
		sb_free(&sb);
		app_error(app, _("none of the contacts shown has an e-mail address"));
		return;
	}
	free(v->emails);
	v->emails = sb_steal(&sb);
	char *b64 = base64(v->emails);
	char *osc = xasprintf("\033]52;c;%s\a", b64);
	term_write_raw(osc);
	free(osc);
	free(b64);
	app_message(app, ngettext("%d address copied", "%d addresses copied", (unsigned long)count),
	            count);
}

static void filter_municipality(struct contacts *v, struct app *app)
{
	char *text = app_prompt(app, _("Municipality (empty: all): "),
	                        v->municipality ? v->municipality : "", NULL, NULL);
	if (!text)
		return;
	free(v->municipality);
	v->municipality = *text ? text : NULL;
	if (!*text)
		free(text);
	load(v, app);
	if (v->error) {
		app_error(app, "%s", v->error);
		free(v->municipality);
		v->municipality = NULL;
		load(v, app);
	}
}

static bool action(void *p, struct app *app, enum action a)
{
	struct contacts *v = p;
	if (v->emails) { /* any key closes the box */
		free(v->emails);
		v->emails = NULL;
		return true;
	}
	int row = list_selected(&v->list);
	const struct sam_entity *e = sam_entity_find("contact");
	switch (a) {
	case ACT_OPEN:
	case ACT_EDIT:
		if (row >= 0)
			app_edit_record(app, e, table_model_id(&v->model, row), NULL, 0, NULL);
		return true;
	case ACT_ADD:
		app_edit_record(app, e, NULL, NULL, 0, NULL);
		return true;
	case ACT_DELETE:
		if (row >= 0)
			app_delete_record(app, e, table_model_id(&v->model, row));
		return true;
	case ACT_FILTER_GROUP:
		v->group = v->group + 1 < sam_enum_group.count ? v->group + 1 : -1;
		load(v, app);
		return true;
	case ACT_FILTER_MUNICIPALITY:
		filter_municipality(v, app);
		return true;
	case ACT_COPY_EMAILS:
		copy_emails(v, app);
		return true;
	default:
		return false;
	}
}

static struct list *list_of(void *p)
{
	return &((struct contacts *)p)->list;
}

static bool selected(void *p, const struct sam_entity **e, char id[SAM_ID_BUF])
{
	struct contacts *v = p;
	int row = list_selected(&v->list);
	if (row < 0)
		return false;
	*e = sam_entity_find("contact");
	snprintf(id, SAM_ID_BUF, "%s", table_model_id(&v->model, row));
	return true;
}

static bool go(void *p, const char *text)
{
	struct contacts *v = p;
	int row = table_model_find(&v->model, C_NAME, text);
	if (row < 0)
		row = table_model_find(&v->model, C_AFFILIATION, text);
	if (row >= 0)
		list_select_row(&v->list, row);
	return row >= 0;
}

const struct view_ops view_contacts_ops = {
	N_("Contacts"), "contacts", create, destroy, load, draw, action, list_of, selected, go,
};
