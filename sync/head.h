/* heads/<dev>.json: a device's own small summary, rewritten after each
 * sync. A hint only: which segment it has reached, its applied vector,
 * its version, and its clock offset. Segments are the truth. */
#ifndef SAMORDNE_SYNC_HEAD_H
#define SAMORDNE_SYNC_HEAD_H

#include "sync/pull.h"
#include "sync/session.h"

#define SYNC_HEAD_CAP (64 * 1024)

struct sync_head {
	char dev[SAM_DEV_BUF];
	int64_t seg;
	int64_t time_ms;
	int64_t clock_offset_ms;
};

/* Writes this device's head, unless what it would say is what it said
 * when we last wrote it and heads/ still lists it at that length (own).
 * refresh: write it all the same. */
enum sam_sync_outcome sync_head_put(struct sync_session *s, bool refresh,
                                    const struct sync_own_head *own);

/* Parses a downloaded head of device dev. */
int sync_head_parse(struct sync_session *s, const char *dev, const char *body, size_t len,
                    struct sync_head *out);

#endif
