/* The sync history of the national data set: edits made by the network's
 * devices over the years (a contact's new phone, a meeting's minutes, a
 * municipality's decided figure), as field-level ops with each device's
 * own id, its gap-free counter and rising HLC stamps. Op k is a pure
 * function of (seed, k), so the national database, each device's own
 * database and a later "tail" of new edits all agree. */
#ifndef SAMORDNE_BENCH_GEN_OPS_H
#define SAMORDNE_BENCH_GEN_OPS_H

#include <stdint.h>

#include "core/write.h"
#include "tests/bench/gen_data.h"

struct gen_dev_op {
	struct sam_op op; /* its strings point into this struct */
	int device;       /* 0 … devices-1 */
	char dev[SAM_DEV_BUF];
	char rid[SAM_ID_BUF];
	char text[160];
};

/* Op k (0 … device_ops-1) of the history: device k % devices, whose
 * (k / devices + 2)th op it is (its first names its author). */
void gen_device_op(uint64_t seed, const struct gen_scale *sc, int64_t k, struct gen_dev_op *out);

/* Ops before this index are on the server before the snapshot; the rest
 * are written after it, so a new laptop needs the snapshot and segments. */
int64_t gen_tail_start(const struct gen_scale *sc);

#endif
