/* The state of a form (see form_model.h). Every field is checked with
 * core's own parser as it is typed, so the form refuses exactly what
 * `samordne set` refuses, with the same words. */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "core/common.h"
#include "core/value.h"
#include "core/write.h"
#include "tui/form_model.h"

#define CTRL(c) ((c) & 0x1f)
#define KEY_ESC 27

/* ------------------------------------------------------------ opening */

static bool is_readonly(const struct sam_entity *e, const struct sam_field *f, bool editing)
{
	return editing && e->nderive > 0 && (f->flags & SAM_FIELD_KEY);
}

static void field_open(struct fm_field *ff, const struct sam_field *f, char *shown,
                       char *saved_as)
{
	ff->f = f;
	ff->shown = shown;
	ff->saved_as = saved_as;
	le_init(&ff->edit, shown);
}

/* An existing record's values, as people read them. */
static void open_existing(struct form_model *m)
{
	const struct sam_entity *e = m->e;
	for (int i = 0; i < e->nfields; i++) {
		const struct sam_field *f = &e->fields[i];
		struct sam_value v;
		sam_record_value(m->db, e, m->id, f->name, &v);
		char *shown = sam_record_value_text(m->db, f, &v);
		char *saved_as = f->type == SAM_F_REF && v.kind == SAM_V_TEXT ? xstrdup(v.s)
		                                                               : xstrdup(shown);
		field_open(&m->fields[i], f, shown, saved_as);
		m->fields[i].readonly = is_readonly(e, f, true);
		sam_value_clear(&v);
	}
}

static const struct sam_assign *preset_for(const struct sam_field *f,
                                           const struct sam_assign *preset, int npreset)
{
	for (int k = 0; k < npreset; k++)
		if (strcmp(preset[k].field, f->name) == 0)
			return &preset[k];
	return NULL;
}

/* A new record: empty fields, or the preset's text shown as people read
 * it (a municipality's name for its id). A preset core refuses is shown
 * as typed text, so it is marked like any other. */
static void open_new(struct form_model *m, const struct sam_assign *preset, int npreset)
{
	for (int i = 0; i < m->e->nfields; i++) {
		const struct sam_field *f = &m->e->fields[i];
		const struct sam_assign *p = preset_for(f, preset, npreset);
		struct sam_value v;
		struct sam_err err;
		if (p && sam_value_parse(m->db, m->e, f, p->text, &v, &err) == 0) {
			field_open(&m->fields[i], f, sam_record_value_text(m->db, f, &v),
			           xstrdup(p->text));
			sam_value_clear(&v);
		} else {
			field_open(&m->fields[i], f, xstrdup(""), xstrdup(""));
			if (p)
				le_set(&m->fields[i].edit, p->text);
		}
	}
}

static bool focusable(const struct form_model *m, int i)
{
	return i >= 0 && i < m->n && !m->fields[i].readonly;
}

static void check_field(struct form_model *m, int i);

void fm_init(struct form_model *m, struct sam_db *db, const struct sam_entity *e,
             const char *id, const struct sam_assign *preset, int npreset)
{
	*m = (struct form_model){.db = db, .e = e, .editing = id != NULL, .pick = -1};
	m->n = e->nfields;
	m->fields = xcalloc((size_t)m->n, sizeof *m->fields);
	if (id) {
		snprintf(m->id, sizeof m->id, "%s", id);
		open_existing(m);
		m->title = sam_record_title(db, e, id);
	} else {
		open_new(m, preset, npreset);
		/* TRANSLATORS: a form's title: "New settlement figures" */
		m->title = xasprintf(_("New %s"), _(e->label));
	}
	for (int i = 0; i < m->n; i++)
		check_field(m, i);
	while (m->focus < m->n - 1 && !focusable(m, m->focus))
		m->focus++;
}

void fm_free(struct form_model *m)
{
	for (int i = 0; i < m->n; i++) {
		struct fm_field *ff = &m->fields[i];
		le_free(&ff->edit);
		free(ff->shown);
		free(ff->saved_as);
		free(ff->reason);
		free(ff->resolved);
	}
	free(m->fields);
	free(m->title);
	free(m->message);
	*m = (struct form_model){0};
}

/* ------------------------------------------------------------ checking */

static bool field_changed(const struct fm_field *ff)
{
	return strcmp(ff->edit.text, ff->shown) != 0;
}

bool fm_changed(const struct form_model *m)
{
	for (int i = 0; i < m->n; i++)
		if (field_changed(&m->fields[i]))
			return true;
	return false;
}

/* Runs core's parser on the field's text: the reason it refuses it, or
 * what a reference or a choice resolves to. */
static void check_field(struct form_model *m, int i)
{
	struct fm_field *ff = &m->fields[i];
	free(ff->reason);
	free(ff->resolved);
	ff->reason = ff->resolved = NULL;
	if (!field_changed(ff))
		return; /* as it is stored (or preset and taken) */
	struct sam_value v;
	struct sam_err err;
	if (sam_value_parse(m->db, m->e, ff->f, ff->edit.text, &v, &err) < 0) {
		ff->reason = xstrdup(err.msg);
		return;
	}
	if ((ff->f->type == SAM_F_REF || ff->f->type == SAM_F_ENUM) && v.kind != SAM_V_NULL)
		ff->resolved = sam_record_value_text(m->db, ff->f, &v);
	sam_value_clear(&v);
}

/* ------------------------------------------------------------ keys */

static void set_message(struct form_model *m, char *msg)
{
	free(m->message);
	m->message = msg;
}

static void move_focus(struct form_model *m, int step, bool wrap)
{
	int i = m->focus;
	for (int tries = 0; tries < m->n; tries++) {
		i += step;
		if (i < 0 || i >= m->n) {
			if (!wrap)
				return;
			i = i < 0 ? m->n - 1 : 0;
		}
		if (focusable(m, i)) {
			m->focus = i;
			return;
		}
	}
}

static int last_focusable(const struct form_model *m)
{
	int i = m->n - 1;
	while (i > 0 && !focusable(m, i))
		i--;
	return i;
}

static void set_text(struct form_model *m, const char *text)
{
	le_set(&m->fields[m->focus].edit, text);
	check_field(m, m->focus);
}

/* Space on a yes/no field: yes, no, yes … */
static void toggle(struct form_model *m)
{
	struct fm_field *ff = &m->fields[m->focus];
	struct sam_value v;
	struct sam_err err;
	bool yes = sam_value_parse(m->db, m->e, ff->f, ff->edit.text, &v, &err) == 0 &&
	           v.kind == SAM_V_INT && v.i == 1;
	sam_value_clear(&v);
	set_text(m, yes ? _("no") : _("yes"));
}

int fm_pick_count(const struct form_model *m)
{
	const struct sam_field *f = m->fields[m->focus].f;
	return f->type == SAM_F_ENUM ? f->en->count : 0;
}

const char *fm_pick_label(const struct form_model *m, int i)
{
	return _(m->fields[m->focus].f->en->items[i].label);
}

/* Space opens the choices unless it is part of what is being typed: on
 * an empty field, or one that holds a whole choice. */
static bool space_picks(const struct form_model *m)
{
	const char *text = m->fields[m->focus].edit.text;
	if (!text[0])
		return true;
	for (int i = 0; i < fm_pick_count(m); i++)
		if (strcasecmp(text, fm_pick_label(m, i)) == 0)
			return true;
	return false;
}

static void pick_open(struct form_model *m)
{
	int cur = sam_enum_parse(m->fields[m->focus].f->en, m->fields[m->focus].edit.text);
	m->pick = cur < 0 ? 0 : cur;
}

/* The next item after the highlighted one whose label starts with ch. */
static void pick_jump(struct form_model *m, wint_t ch)
{
	int n = fm_pick_count(m);
	for (int k = 1; k <= n; k++) {
		int i = (m->pick + k) % n;
		wchar_t first;
		mbstate_t st;
		memset(&st, 0, sizeof st);
		const char *label = fm_pick_label(m, i);
		if (mbrtowc(&first, label, strlen(label), &st) < (size_t)-2 &&
		    towlower((wint_t)first) == towlower(ch)) {
			m->pick = i;
			return;
		}
	}
}

static enum fm_key_result pick_key(struct form_model *m, bool is_key, wint_t ch)
{
	int n = fm_pick_count(m);
	if (is_key && (ch == KEY_UP || ch == KEY_BTAB))
		m->pick = (m->pick + n - 1) % n;
	else if ((is_key && ch == KEY_DOWN) || (!is_key && ch == '\t'))
		m->pick = (m->pick + 1) % n;
	else if (is_key && (ch == KEY_HOME || ch == KEY_PPAGE))
		m->pick = 0;
	else if (is_key && (ch == KEY_END || ch == KEY_NPAGE))
		m->pick = n - 1;
	else if ((is_key && ch == KEY_ENTER) || (!is_key && (ch == '\n' || ch == '\r' || ch == ' '))) {
		set_text(m, fm_pick_label(m, m->pick));
		m->pick = -1;
	} else if (!is_key && ch == KEY_ESC)
		m->pick = -1;
	else if (!is_key && iswprint(ch))
		pick_jump(m, ch);
	return FM_HANDLED;
}

static bool is_enter(bool is_key, wint_t ch)
{
	return is_key ? ch == KEY_ENTER : ch == '\n' || ch == '\r';
}

/* Keys that are the same for every field. */
static enum fm_key_result form_key(struct form_model *m, bool is_key, wint_t ch)
{
	if (is_enter(is_key, ch)) {
		if (m->focus >= last_focusable(m))
			return FM_SAVE;
		move_focus(m, 1, false);
		return FM_HANDLED;
	}
	if (!is_key) {
		switch (ch) {
		case KEY_ESC:
			return FM_CANCEL;
		case CTRL('s'):
			return FM_SAVE;
		case '\t':
			move_focus(m, 1, true);
			return FM_HANDLED;
		default:
			return FM_UNHANDLED;
		}
	}
	switch (ch) {
	case KEY_F(2):
		return FM_SAVE;
	case KEY_DOWN:
		move_focus(m, 1, false);
		return FM_HANDLED;
	case KEY_UP:
		move_focus(m, -1, false);
		return FM_HANDLED;
	case KEY_BTAB:
		move_focus(m, -1, true);
		return FM_HANDLED;
	case KEY_PPAGE:
		m->focus = 0;
		if (!focusable(m, 0))
			move_focus(m, 1, false);
		return FM_HANDLED;
	case KEY_NPAGE:
		m->focus = last_focusable(m);
		return FM_HANDLED;
	default:
		return FM_UNHANDLED;
	}
}

enum fm_key_result fm_key(struct form_model *m, bool is_key, wint_t ch)
{
	set_message(m, NULL);
	if (m->pick >= 0)
		return pick_key(m, is_key, ch);
	enum fm_key_result r = form_key(m, is_key, ch);
	if (r != FM_UNHANDLED)
		return r;
	struct fm_field *ff = &m->fields[m->focus];
	if (ff->f->type == SAM_F_ENUM &&
	    ((is_key && ch == KEY_F(4)) || (!is_key && ch == ' ' && space_picks(m)))) {
		pick_open(m);
		return FM_HANDLED;
	}
	if (ff->f->type == SAM_F_BOOL && !is_key && ch == ' ') {
		toggle(m);
		return FM_HANDLED;
	}
	switch (le_key(&ff->edit, is_key, ch)) {
	case LE_CHANGED:
		check_field(m, m->focus);
		return FM_HANDLED;
	case LE_MOVED:
		return FM_HANDLED;
	case LE_UNHANDLED:
		break;
	}
	return FM_UNHANDLED;
}

/* ------------------------------------------------------------ saving */

/* The first field core refuses, focused, its reason the message. */
static bool refuse_invalid(struct form_model *m)
{
	for (int i = 0; i < m->n; i++) {
		if (m->fields[i].reason) {
			m->focus = i;
			/* TRANSLATORS: the form is not saved; then the field's reason */
			set_message(m, xasprintf(_("Not saved: %s"), m->fields[i].reason));
			return true;
		}
	}
	return false;
}

static int write_record(struct form_model *m, const struct sam_assign *a, int n,
                        const struct sam_author *who, struct sam_err *err)
{
	if (sam_tx_begin(m->db, err) < 0)
		return -1;
	int rc = sam_db_set_author(m->db, who, err);
	if (rc == 0)
		rc = m->editing ? sam_record_set(m->db, m->e, m->id, a, n, err)
		                : sam_record_add(m->db, m->e, a, n, m->id, err);
	if (rc < 0) {
		sam_tx_rollback(m->db);
		return -1;
	}
	return sam_tx_commit(m->db, err);
}

int fm_save(struct form_model *m, const struct sam_author *who)
{
	if (refuse_invalid(m))
		return -1;
	struct sam_assign *a = xcalloc((size_t)m->n + 1, sizeof *a);
	int n = 0;
	for (int i = 0; i < m->n; i++) {
		const struct fm_field *ff = &m->fields[i];
		if (ff->readonly)
			continue;
		if (field_changed(ff))
			a[n++] = (struct sam_assign){ff->f->name, ff->edit.text};
		else if (!m->editing && ff->saved_as[0])
			a[n++] = (struct sam_assign){ff->f->name, ff->saved_as};
	}
	struct sam_err err;
	int rc = write_record(m, a, n, who, &err);
	free(a);
	if (rc < 0)
		set_message(m, xasprintf(_("Not saved: %s"), err.msg));
	return rc;
}
