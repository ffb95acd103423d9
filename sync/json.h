/* JSON for the sync files: writing with exact, stable bytes, and reading
 * one line (a flat object) strictly, through SQLite's JSON1 functions, so
 * the parser that judges untrusted bytes is a well-tested one. */
#ifndef SAMORDNE_SYNC_JSON_H
#define SAMORDNE_SYNC_JSON_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/common.h"
#include "core/value.h"

/* Writing. */
void sync_json_str(struct strbuf *sb, const char *s);
/* A field value; a tombstone (_deleted) is written as true/false. */
void sync_json_value(struct strbuf *sb, const struct sam_value *v, bool tombstone);

/* One member of a parsed object. */
enum sync_jtype { SYNC_J_NULL, SYNC_J_BOOL, SYNC_J_INT, SYNC_J_REAL, SYNC_J_TEXT, SYNC_J_OBJECT,
                  SYNC_J_ARRAY };

struct sync_jmember {
	char *key;
	enum sync_jtype type;
	int64_t i; /* INT, and BOOL as 0/1 */
	double r;
	char *s;   /* TEXT; OBJECT and ARRAY: their JSON text */
};

struct sync_jobject {
	struct sync_jmember *m;
	int n;
};

/* Statements of one parse run over one SQLite connection (any will do). */
struct sync_jparser {
	sqlite3_stmt *valid, *each;
};

void sync_jparser_open(struct sync_jparser *p, sqlite3 *sql);
void sync_jparser_close(struct sync_jparser *p);

/* Parses text (len bytes, not NUL-terminated) as one JSON object with
 * distinct keys. Fails with a reason on anything else. */
int sync_json_object(struct sync_jparser *p, const char *text, size_t len,
                     struct sync_jobject *out, struct sam_err *err);
void sync_jobject_free(struct sync_jobject *o);

const struct sync_jmember *sync_jobject_get(const struct sync_jobject *o, const char *key);
/* The member as an int / text of the right type, or NULL. */
const struct sync_jmember *sync_jobject_int(const struct sync_jobject *o, const char *key);
const char *sync_jobject_text(const struct sync_jobject *o, const char *key);

/* A member's value as a field value (scalars only). */
int sync_jmember_value(const struct sync_jmember *m, struct sam_value *v);

#endif
