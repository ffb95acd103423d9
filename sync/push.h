/* Push (SYNC.md "Push"): seal own ops into segments whose exact bytes are
 * kept in the outbox, upload each with If-None-Match: *, verify it, and
 * only then mark it pushed. A crash anywhere: the next run retries the
 * same bytes; nothing is lost or doubled. */
#ifndef SAMORDNE_SYNC_PUSH_H
#define SAMORDNE_SYNC_PUSH_H

#include "sync/session.h"

/* Seals this device's ops not yet in a segment (in its own transaction,
 * or the caller's). */
int sync_seal(struct sync_session *s);

/* Uploads every sealed, unverified segment. */
enum sam_sync_outcome sync_push(struct sync_session *s);

/* The newest verified segment of this device (0 if none) and its sha256. */
int64_t sync_own_verified(struct sam_db *db, char sha[SYNC_SHA_HEX], int64_t *last_seq);

#endif
