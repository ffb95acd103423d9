/* Undo of this device's own changes. A change is every op this device
 * wrote in one outermost transaction (one save of a form, one `samordne
 * set`, one import); the write path notes where each began and ended. An
 * undo writes back, through the one write path, the values the fields had
 * before the change, so it is a change like any other: history shows it,
 * it syncs, and it can itself be undone.
 *
 * Repeated undos walk back through earlier changes (as in Emacs): the
 * undos themselves are noted but skipped while undoing goes on; once
 * another change is made, undoing walks back over the undos too. The
 * boundaries are kept in the file's `local` table; a walk back from a new
 * change can go SAM_UNDO_DEPTH changes deep. */
#ifndef SAMORDNE_UNDO_H
#define SAMORDNE_UNDO_H

#include <stdint.h>

#include "core/db.h"

#define SAM_UNDO_DEPTH 100

/* Undoes the most recent change not yet undone. A field that another
 * device has changed since is left alone and named in *what. On success
 * *what is a newly allocated sentence for the status bar ("Undid: Moss
 * 2016, decided 50 → 47"). Fails with "nothing to undo". Callers that
 * record the author (as every change should) wrap this in their own
 * transaction after sam_db_set_author. */
int sam_undo_last(struct sam_db *db, char **what, struct sam_err *err);

/* Called by the write path before the outermost transaction commits,
 * when it wrote this device's ops first_seq … last_seq. */
int sam_undo_note_change(struct sam_db *db, int64_t first_seq, int64_t last_seq,
                         struct sam_err *err);

/* For sam_db_reidentify: this device's ops from from_seq on were
 * renumbered from 1 under a new device id, and the earlier ones are now
 * another device's. The changes are renumbered alike; earlier ones can
 * no longer be undone. Inside the same transaction. */
int sam_undo_renumber(struct sam_db *db, int64_t from_seq, struct sam_err *err);

#endif
