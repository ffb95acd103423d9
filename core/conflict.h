/* Conflicts: concurrent edits of one field, where a value a person typed
 * lost to another laptop's. Two ops are concurrent when neither had seen
 * the other; whether an op had seen another is decided from the applied
 * vector its segment carries (table sync_segment), so every laptop that
 * has the same ops lists the same conflicts. */
#ifndef SAMORDNE_CONFLICT_H
#define SAMORDNE_CONFLICT_H

#include <stdint.h>

#include "core/db.h"
#include "core/value.h"

struct sam_conflict_side {
	char dev[SAM_DEV_BUF];
	int64_t seq;
	int64_t ms;  /* when (the op's HLC time) */
	char *who;   /* "Kari Nordmann, laptop-moss", or the device id */
	struct sam_value value;
};

struct sam_conflict {
	char *entity, *rid, *field;
	struct sam_conflict_side winner, loser;
};

struct sam_conflicts {
	struct sam_conflict *c;
	int n;
};

/* Both read the conflicts kept per field, brought up to date first with
 * what changed since (see conflict.c): they write to the file. */
int sam_conflicts_load(struct sam_db *db, struct sam_conflicts *out, struct sam_err *err);
void sam_conflicts_free(struct sam_conflicts *cs);
int64_t sam_conflict_count(struct sam_db *db);
/* Drops what is kept: the next load computes every field from the whole
 * op log, as a first load does (tests compare the two). */
void sam_conflicts_forget(struct sam_db *db);

/* "Keep the value that lost": a new change of this device with the
 * losing value (it then wins everywhere). Inside a transaction. */
int sam_conflict_restore(struct sam_db *db, const struct sam_conflict *c, struct sam_err *err);
/* "Keep the winner": the conflict is no longer listed on this laptop. */
int sam_conflict_dismiss(struct sam_db *db, const struct sam_conflict *c, struct sam_err *err);

/* Who a device is, from its device record. Newly allocated. */
char *sam_device_who(struct sam_db *db, const char *dev);

#endif
