/* Many ops applied at once: a new laptop's snapshot of a whole network.
 * The result is the one sam_apply_op gives applying them one by one (last
 * writer wins per field, over what the file already holds, its own local
 * ops too), but the ops are only appended to the log as they come; the
 * winners and the records' rows are worked out at the end, one pass per
 * table in key order, instead of a look-up and an update per op. */
#ifndef SAMORDNE_BULK_H
#define SAMORDNE_BULK_H

#include "core/write.h"

struct sam_bulk;

/* Inside a transaction, which must not commit between begin and end (the
 * log's indexes are missing meanwhile: for a file that holds few ops, as
 * a new laptop's does). NULL on failure. */
struct sam_bulk *sam_bulk_begin(struct sam_db *db, struct sam_err *err);
/* Checks and appends one op, as sam_apply_op does (duplicates are
 * ignored); fails on the same malformed ops. */
int sam_bulk_add(struct sam_bulk *b, const struct sam_op *op, struct sam_err *err);
/* Merges what was added; b is freed. On failure the caller rolls back. */
int sam_bulk_end(struct sam_bulk *b, struct sam_err *err);
/* Frees b without merging (the transaction is being rolled back). */
void sam_bulk_abandon(struct sam_bulk *b);

#endif
