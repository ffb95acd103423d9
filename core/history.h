/* A record's history from the op log: when, who, field, old → new. */
#ifndef SAMORDNE_HISTORY_H
#define SAMORDNE_HISTORY_H

#include <stdint.h>

#include "core/db.h"
#include "core/value.h"

struct sam_history_entry {
	int64_t ms;       /* the op's HLC time */
	char *dev;
	char *who;        /* "Kari Nordmann, laptop-moss" or the device id */
	char *field;
	struct sam_value old_value; /* NULL kind for the first value */
	struct sam_value new_value;
	int won;          /* 1 if this is the field's current value */
};

struct sam_history {
	struct sam_history_entry *e;
	int n;
};

/* All ops of the record in stamp order. */
int sam_history_load(struct sam_db *db, const char *entity, const char *id,
                     struct sam_history *out, struct sam_err *err);
void sam_history_free(struct sam_history *h);

#endif
