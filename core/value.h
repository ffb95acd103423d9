/* Field values: parsing what a person typed into what is stored, checking a
 * stored value that came from elsewhere, and formatting a stored value for
 * display. */
#ifndef SAMORDNE_VALUE_H
#define SAMORDNE_VALUE_H

#include <stdbool.h>
#include <stdint.h>
#include <sqlite3.h>

#include "core/common.h"
#include "core/entity.h"

enum sam_vkind { SAM_V_NULL, SAM_V_INT, SAM_V_TEXT, SAM_V_REAL };

/* A stored value: what a column and an op hold. REAL is only ever carried
 * for fields this version does not know (a newer laptop's data). */
struct sam_value {
	enum sam_vkind kind;
	int64_t i;
	double r;
	char *s; /* owned */
};

void sam_value_clear(struct sam_value *v);
void sam_value_copy(struct sam_value *dst, const struct sam_value *src);
void sam_value_set_int(struct sam_value *v, int64_t i);
void sam_value_set_text(struct sam_value *v, const char *s);
bool sam_value_equal(const struct sam_value *a, const struct sam_value *b);
void sam_value_from_sqlite(struct sam_value *v, sqlite3_value *sv);
void sam_value_from_column(struct sam_value *v, sqlite3_stmt *st, int col);
int sam_value_bind(sqlite3_stmt *st, int idx, const struct sam_value *v);

struct sam_db;

/* Parses text typed for field f of entity e. An empty text clears the
 * field (SAM_V_NULL). A reference is found by id, or by name (a
 * municipality, a contact, an organisation …) in db. On a bad value, fails
 * with one line naming the value and the field, e.g.
 * "'fourty' is not a whole number (field 'decided')". */
int sam_value_parse(struct sam_db *db, const struct sam_entity *e, const struct sam_field *f,
                    const char *text, struct sam_value *out, struct sam_err *err);

/* Checks a value that arrived from another device or a file against the
 * field's type: the right kind, in range, an enum key that exists, an id
 * that is well formed, text within 64 KiB and valid UTF-8. */
int sam_value_check(const struct sam_field *f, const struct sam_value *v, struct sam_err *err);

/* What a person reads for a stored value: "0.5", "02.10.2015 13:00",
 * "decided in part". References are shown as their ids here; callers that
 * want names join them. Newly allocated; "" for NULL. */
char *sam_value_format(const struct sam_field *f, const struct sam_value *v);

/* True when sam_value_format shows a text value of f as it is stored, so
 * a list of many rows can show the stored text without copying it. */
bool sam_value_text_as_is(const struct sam_field *f);

/* Text validity helpers shared with sync's validation. */
bool sam_utf8_valid(const char *s, size_t n);

#endif
