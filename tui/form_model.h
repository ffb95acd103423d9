/* The state of a form, apart from the screen: one field per field of the
 * entity (core/entity.h) with the text being typed, whether core's parser
 * takes it (and why not), the focus and the pick list of a choice field.
 * Keys go in as wget_wch gives them; no curses input or drawing here, so
 * tests can type into a form and save it without a terminal. */
#ifndef SAMORDNE_TUI_FORM_MODEL_H
#define SAMORDNE_TUI_FORM_MODEL_H

#include <stdbool.h>
#include <wchar.h>

#include "core/db.h"
#include "core/entity.h"
#include "core/record.h"
#include "tui/line_edit.h"

struct fm_field {
	const struct sam_field *f;
	struct line_edit edit;
	char *shown;     /* the text when the form opened */
	char *saved_as;  /* what to save while the text is as shown (a reference's id) */
	bool readonly;   /* a key field of an existing record with a derived id */
	char *reason;    /* why core refuses the text; NULL when it takes it */
	char *resolved;  /* what a valid reference or choice stands for ("Moss") */
};

struct form_model {
	struct sam_db *db;
	const struct sam_entity *e;
	bool editing;         /* an existing record, not a new one */
	char id[SAM_ID_BUF];  /* the record edited, or the new one once saved */
	char *title;          /* "Moss 2016", "New settlement figures" */
	struct fm_field *fields;
	int n;
	int focus;
	int top;              /* the first field shown; the drawing keeps the focus in view */
	int pick;             /* the highlighted item of the open pick list, or -1 */
	char *message;        /* why the save was refused, until the next key */
};

/* A form for a new record (id NULL; preset fields filled) or an existing
 * one (its values formatted as people read them). */
void fm_init(struct form_model *m, struct sam_db *db, const struct sam_entity *e,
             const char *id, const struct sam_assign *preset, int npreset);
void fm_free(struct form_model *m);

/* Anything typed that differs from what the form opened with. */
bool fm_changed(const struct form_model *m);

enum fm_key_result {
	FM_HANDLED,
	FM_SAVE,   /* Ctrl-S, F2, Enter on the last field */
	FM_CANCEL, /* Esc (not in the pick list) */
	FM_UNHANDLED,
};

/* Applies a key: moving between fields, editing the focused one (then it
 * is checked again), the pick list of a choice field (F4, or Space on
 * one that is empty or holds a whole choice), Space toggling yes/no. */
enum fm_key_result fm_key(struct form_model *m, bool is_key, wint_t ch);

/* Saves through core in one transaction with the author: the fields
 * typed for a new record, only the changed ones for an existing one. On
 * a refusal (a bad value, a required field missing) nothing is written,
 * the message is kept in m->message and -1 returned. */
int fm_save(struct form_model *m, const struct sam_author *who);

/* The item count and labels of the focused field's pick list. */
int fm_pick_count(const struct form_model *m);
const char *fm_pick_label(const struct form_model *m, int i);

#endif
