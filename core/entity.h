/* The data dictionary: every kind of record and its fields, with types.
 * The schema, the write path, value parsing, the CLI, the forms of the TUI,
 * imports and sync validation all read this one table, so a field is
 * described once. A field's name is its column in the record's table and
 * its name in the op log and the sync files. */
#ifndef SAMORDNE_ENTITY_H
#define SAMORDNE_ENTITY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/enums.h"

enum sam_ftype {
	SAM_F_TEXT,      /* one line of text */
	SAM_F_NOTE,      /* free text, may hold line breaks */
	SAM_F_COUNT,     /* whole number ≥ 0: people, positions of refugees */
	SAM_F_YEAR,      /* 2000–2100 */
	SAM_F_NOK,       /* whole kroner ≥ 0; "1,1 mill" is understood */
	SAM_F_POSITIONS, /* stored in hundredths: 0.5 → 50; "½" is understood */
	SAM_F_DATE,      /* stored 2015-10-02; typed 02.10.2015 */
	SAM_F_DATETIME,  /* stored UTC 2015-10-02T11:00:00Z; typed in Oslo time */
	SAM_F_BOOL,      /* stored 0/1 */
	SAM_F_ENUM,      /* stored as the item's key */
	SAM_F_REF,       /* stored as the referred record's id */
	SAM_F_EMAIL,
	SAM_F_PHONE,
	SAM_F_MUNI_NO,   /* kommunenummer: four digits */
};

enum {
	SAM_FIELD_REQUIRED = 1 << 0, /* a record needs it (see also need_one_of) */
	SAM_FIELD_KEY = 1 << 1,      /* part of a derived id; cannot change */
	SAM_FIELD_LIST = 1 << 2,     /* shown as a column by `list` */
};

struct sam_field {
	const char *name;  /* "decided_ema" */
	const char *label; /* N_("decided, EMA") */
	enum sam_ftype type;
	unsigned flags;
	const struct sam_enum *en; /* SAM_F_ENUM */
	const char *ref;           /* SAM_F_REF: the entity it names */
};

struct sam_entity {
	const char *name;   /* "settlement": in the op log and sync files */
	const char *table;  /* "settlement": the SQL table */
	const char *label;  /* N_("settlement figures") */
	const char *plural; /* "settlements": the word `list` takes */
	const struct sam_field *fields;
	int nfields;
	/* The field that names a record to people ("name", "title"). */
	const char *title_field;
	/* If set, the id is derived from these key fields, in this order. */
	const char *const *derive_from;
	int nderive;
	/* If set, a record needs at least one of these two fields. */
	const char *need_one_of[2];
	/* Fields whose text finds a record in `show NAME` and references. */
	const char *const *name_fields;
	int nname_fields;
};

/* Every entity, in an order where a record's references come first. */
extern const struct sam_entity *const sam_entities[];
extern const int sam_nentities;

const struct sam_entity *sam_entity_find(const char *name); /* name or plural */
const struct sam_field *sam_entity_field(const struct sam_entity *e, const char *name);
int sam_entity_field_index(const struct sam_entity *e, const char *name);

/* The field that marks a tombstone; its column is "deleted". */
#define SAM_FIELD_DELETED "_deleted"

/* Entity and field names in ops and sync files match ^[a-z_][a-z0-9_]{0,63}$. */
bool sam_name_valid(const char *s);

#endif
