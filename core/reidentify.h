/* Taking a new device id for this database, when sync finds that another
 * copy of the file (a clone, or the original of a restored backup) already
 * used the old id beyond what was verified on the server. */
#ifndef SAMORDNE_REIDENTIFY_H
#define SAMORDNE_REIDENTIFY_H

#include <stdint.h>

#include "core/db.h"

/* Inside a transaction: this device's ops from from_seq on move to a new
 * device id, renumbered from 1 (their stamps unchanged); the earlier ones
 * stay with the old id, which is now another device's. db->dev changes. */
int sam_db_reidentify(struct sam_db *db, int64_t from_seq, struct sam_err *err);

#endif
