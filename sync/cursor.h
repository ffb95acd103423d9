/* The bookkeeping of other devices (table sync_device): how far each one's
 * log is applied here — advanced only over verified, contiguous, committed
 * segments — what its head last said, and why it is parked. */
#ifndef SAMORDNE_SYNC_CURSOR_H
#define SAMORDNE_SYNC_CURSOR_H

#include "core/db.h"
#include "sync/hash.h"

struct sync_cursor {
	int64_t seg, seq;        /* the last applied segment, its last op */
	char sha[SYNC_SHA_HEX];  /* that segment's sha256; "" before the first */
};

/* Known from now on (a head, a log folder). */
void sync_device_ensure(struct sam_db *db, const char *dev);
void sync_cursor_get(struct sam_db *db, const char *dev, struct sync_cursor *c);
/* Also clears the device's parked reason. */
int sync_cursor_set(struct sam_db *db, const char *dev, const struct sync_cursor *c,
                    struct sam_err *err);
/* Sets a text column of the device (parked, flag, head_label); NULL clears. */
int sync_device_note(struct sam_db *db, const char *dev, const char *column, const char *text);

#endif
