/* An applied vector: for each device, the last of its ops applied here
 * (ops of a device are applied in order without gaps, so one number says
 * which ones). Written in segment headers and heads as {"dev":seq,…},
 * sorted by device, so whether one op had seen another is decidable on
 * every laptop. */
#ifndef SAMORDNE_SYNC_VEC_H
#define SAMORDNE_SYNC_VEC_H

#include <stdint.h>

#include "core/db.h"
#include "sync/json.h"

struct sync_vec_entry {
	char dev[SAM_DEV_BUF];
	int64_t seq;
};

struct sync_vec {
	struct sync_vec_entry *e;
	int n;
};

void sync_vec_free(struct sync_vec *v);
void sync_vec_set(struct sync_vec *v, const char *dev, int64_t seq);
int64_t sync_vec_get(const struct sync_vec *v, const char *dev);
/* JSON object text, sorted by device. */
void sync_vec_write(struct strbuf *sb, const struct sync_vec *v);
/* Parses {"dev":seq,…}: device ids well formed, seq ≥ 0. */
int sync_vec_parse(struct sync_jparser *p, const char *json, struct sync_vec *out,
                   struct sam_err *err);
/* What this database has applied: every other device's cursor, and our
 * own ops up to own_seq. */
void sync_vec_load(struct sam_db *db, int64_t own_seq, struct sync_vec *out);
/* Every other device whose ops this database holds, with the highest
 * counter held: what a change made now has seen. A device's ops are always
 * held without gaps (segments apply whole and in order; a snapshot, the
 * demo or an import brings all of them), so the highest counter says it
 * all. Sealed into each segment's header, it decides conflicts, so ops
 * that were here before the first sync (the demo's) count as seen. */
void sync_vec_load_held(struct sam_db *db, struct sync_vec *out);

#endif
