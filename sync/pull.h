/* Pull (SYNC.md "Pull"): list heads/, fetch the heads that changed, then
 * each device's next segments by name; validate each whole and apply it in
 * one transaction with the cursor. Stop at a device's first missing or
 * invalid segment; never skip. */
#ifndef SAMORDNE_SYNC_PULL_H
#define SAMORDNE_SYNC_PULL_H

#include "sync/session.h"

/* Our own head as heads/ lists it. */
struct sync_own_head {
	bool listed;
	int64_t length; /* -1 if not listed */
};

/* Lists heads/ (the sync's first request: it also tells whether the
 * server is there) and fetches the heads that changed. log/ is listed too
 * when a listed head cannot be used or heads/ is empty: that finds devices
 * without a usable head. full: fetch every head and list log/ whatever the
 * listing says (the periodic full check). */
enum sam_sync_outcome sync_pull_heads(struct sync_session *s, bool full,
                                      struct sync_own_head *own);

/* Fetches and applies every device's new segments. */
enum sam_sync_outcome sync_pull_logs(struct sync_session *s);

/* Applies a validated segment in one transaction (also the snapshot's
 * per-device bookkeeping uses the cursor rules). */
int sync_apply_segment(struct sync_session *s, const struct sync_segment *seg);

/* Who a device is, for messages: its label from its device record, else
 * its id. Newly allocated. */
char *sync_device_name(struct sam_db *db, const char *dev);

#endif
