/* Writes the national data set into a samordne database through core's
 * one write path: every record is ops in the op log and field_clock,
 * exactly as the CLI would make them; the sync history's ops arrive
 * through sam_apply_op with their devices' ids. */
#ifndef SAMORDNE_BENCH_GEN_DB_H
#define SAMORDNE_BENCH_GEN_DB_H

#include <stdint.h>

#include "core/db.h"
#include "tests/bench/gen_data.h"

struct gen_db_stats {
	int64_t records; /* live records of every kind */
	int64_t ops;     /* in the op log */
	double records_s, history_s; /* seconds spent on each part */
};

/* Makes path anew (an old file there is removed). Exits on failure. */
void gen_write_national(const char *path, uint64_t seed, const struct gen_scale *sc,
                        struct gen_db_stats *stats);

/* Opens (or makes) a database; exits with SQLite's message on failure. */
struct sam_db *gen_open(const char *path);
/* Applies ops [from, to) of the sync history whose device is `device`
 * (-1: every device) in transactions of many ops. */
void gen_apply_history(struct sam_db *db, uint64_t seed, const struct gen_scale *sc,
                       int64_t from, int64_t to, int device);
double gen_seconds(void); /* monotonic */

#endif
