/* The one write path. Every change — from the CLI, the TUI, an import, the
 * demo loader or a remote device — becomes field-level ops applied here: in
 * one SQLite transaction the op is appended to the log, the per-field clock
 * keeps the winning stamp (last writer wins by (HLC, device)), and the
 * record's row is brought up to the winning values. */
#ifndef SAMORDNE_WRITE_H
#define SAMORDNE_WRITE_H

#include <stdint.h>

#include "core/db.h"
#include "core/value.h"

/* One field-level operation, as in the log and the sync files. */
struct sam_op {
	const char *dev;    /* 16 hex digits */
	int64_t seq;        /* per device, 1, 2, 3 … without gaps */
	int64_t hlc;        /* upper 48 bits ms since the epoch, lower 16 a counter */
	const char *entity; /* may be one this version does not know */
	const char *rid;    /* the record's id */
	const char *field;  /* may be one this version does not know */
	struct sam_value v;
};

/* Transactions nest: only the outermost commits. BEGIN IMMEDIATE, so a
 * second process waits (busy timeout) instead of failing half-way. */
int sam_tx_begin(struct sam_db *db, struct sam_err *err);
int sam_tx_commit(struct sam_db *db, struct sam_err *err);
void sam_tx_rollback(struct sam_db *db);

/* A local change of one field: ticks the clock, appends an op of this
 * device and applies it. Inside a transaction. The value must already be
 * valid for the field (see sam_value_parse). */
int sam_write_field(struct sam_db *db, const char *entity, const char *rid,
                    const char *field, const struct sam_value *v, struct sam_err *err);

/* An op from another device (or a replay of our own): appended once
 * (duplicates are ignored), merged by last-writer-wins per field. Ops for
 * an entity or field this version does not know are kept and passed on.
 * Inside a transaction. Fails (and changes nothing) if the op is malformed
 * or a known field's value is invalid. */
int sam_apply_op(struct sam_db *db, const struct sam_op *op, struct sam_err *err);

/* sam_apply_op's parts, for applying many at once (bulk.c): the checks
 * (fails if malformed or a known field's value is invalid); appending to
 * the log (1, or 0 for an op already there); and noting that this
 * device's op seq came back. */
int sam_op_check(const struct sam_op *op, struct sam_err *err);
int sam_op_append(struct sam_db *db, const struct sam_op *op, struct sam_err *err);
int sam_own_seq_seen(struct sam_db *db, int64_t seq, struct sam_err *err);

/* The hybrid logical clock. */
int64_t sam_hlc_tick(struct sam_db *db);           /* a new stamp for a local op */
void sam_hlc_receive(struct sam_db *db, int64_t h); /* seen a remote stamp */
#define SAM_HLC_MS(h) ((h) >> 16)

/* Frees write.c's statements; sam_db_close calls it. */
void sam_write_cache_free(struct sam_db *db);

/* Ops of this device not yet covered by a sync (for the status bar). */
int64_t sam_unsynced_count(struct sam_db *db);

#endif
