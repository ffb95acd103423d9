/* Records as people change them: add, set fields, delete — parsed from
 * field=value text, checked whole, and written through the one write path
 * in one transaction. The CLI, the TUI's forms and imports call these. */
#ifndef SAMORDNE_RECORD_H
#define SAMORDNE_RECORD_H

#include <stdbool.h>

#include "core/db.h"
#include "core/entity.h"
#include "core/value.h"

struct sam_assign {
	const char *field; /* a field name of the entity */
	const char *text;  /* what the person typed; "" clears */
};

/* Adds a record. For an entity with a derived id (settlement figures of a
 * municipality and year, a group membership …) adding one that exists
 * updates it. The new id is written to id_out. */
int sam_record_add(struct sam_db *db, const struct sam_entity *e, const struct sam_assign *a,
                   int n, char id_out[SAM_ID_BUF], struct sam_err *err);
/* As sam_record_add, with the id chosen by the caller (the demo's stable
 * ids; imports that keep their ids). For an entity with a derived id the
 * id is derived as usual and `id` is ignored. */
int sam_record_add_as(struct sam_db *db, const struct sam_entity *e, const char *id,
                      const struct sam_assign *a, int n, char id_out[SAM_ID_BUF],
                      struct sam_err *err);
int sam_record_set(struct sam_db *db, const struct sam_entity *e, const char *id,
                   const struct sam_assign *a, int n, struct sam_err *err);
int sam_record_delete(struct sam_db *db, const struct sam_entity *e, const char *id,
                      struct sam_err *err);

/* Splits "field=value" (the CLI's and the batch format's form) in place:
 * the '=' in arg is overwritten, and out points into arg. */
int sam_assign_split(char *arg, struct sam_assign *out, struct sam_err *err);

/* Finds a live record by id (or a unique id prefix of at least 6 digits)
 * or by name among the entity's name fields (Norwegian case-blind). If e
 * is NULL every entity is searched. Fails naming the text if nothing or
 * several records fit. */
int sam_record_find(struct sam_db *db, const struct sam_entity *e, const char *text,
                    const struct sam_entity **found_e, char id_out[SAM_ID_BUF],
                    struct sam_err *err);

/* The record's title for people: "Moss", "Lars Håkon Larsen",
 * "Moss 2016". Newly allocated. */
char *sam_record_title(struct sam_db *db, const struct sam_entity *e, const char *id);

/* A stored value as people read it: sam_value_format, with a reference
 * shown as its record's title. Newly allocated. */
char *sam_record_value_text(struct sam_db *db, const struct sam_field *f,
                            const struct sam_value *v);

/* The value a record has now in field (the NULL kind if it has none, or
 * there is no such record). */
void sam_record_value(struct sam_db *db, const struct sam_entity *e, const char *id,
                      const char *field, struct sam_value *out);

bool sam_record_exists(struct sam_db *db, const struct sam_entity *e, const char *id);

#endif
