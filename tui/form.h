/* Forms for adding and editing any record, made from the data dictionary
 * (core/entity.h): one line per field with its label, the value being
 * typed, and the reason beside a field whose value is refused. Values are
 * checked as they are typed with core's own parser (sam_value_parse), and
 * saved through core's one write path (sam_record_add / sam_record_set) in
 * one transaction together with the author. Esc cancels; nothing is saved
 * until the whole form is valid. The form runs its own input loop, and
 * handles KEY_RESIZE there (asking the host to redraw what lies behind). */
#ifndef SAMORDNE_TUI_FORM_H
#define SAMORDNE_TUI_FORM_H

#include <stdbool.h>

#include "core/config.h"
#include "core/db.h"
#include "core/entity.h"
#include "core/record.h"

struct form_host {
	struct sam_db *db;
	struct sam_config *cfg;         /* for the author of the change */
	void (*redraw_behind)(void *ctx); /* redraws the screen behind the form (no doupdate) */
	void *ctx;
};

enum form_result { FORM_CANCELLED, FORM_SAVED };

/* Adds (id NULL) or edits (id given) a record of kind e. preset fills
 * fields of a new record (e.g. municipality=<id>, year=2016 when adding
 * figures from the municipality view). On FORM_SAVED, id_out holds the
 * record's id. */
enum form_result form_edit(const struct form_host *h, const struct sam_entity *e, const char *id,
                           const struct sam_assign *preset, int npreset, char id_out[SAM_ID_BUF]);

/* Asks a yes/no question in a small box ("Delete Moss 2016? y/n");
 * true for yes. Esc and n are no. */
bool form_confirm(const struct form_host *h, const char *question);

/* Reads one line of text at the bottom of the screen (for `:` commands and
 * `/` search), with editing keys, UTF-8 and resize; returns a newly
 * allocated string, or NULL if Esc cancelled. on_change, if set, is called
 * after each edit with the text so far (incremental search). */
char *form_prompt(const struct form_host *h, const char *prompt, const char *initial,
                  void (*on_change)(void *ctx, const char *text), void *change_ctx);

#endif
