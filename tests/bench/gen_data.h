/* The benchmark's data set, made from a seed: every record is a pure
 * function of (seed, kind, index), so the database writer, the peers'
 * files (.ics, calcurse, abook, vCard) and the sync devices all see the
 * same meetings and contacts without keeping them in memory, and any one
 * record can be made again without replaying the rest. */
#ifndef SAMORDNE_BENCH_GEN_DATA_H
#define SAMORDNE_BENCH_GEN_DATA_H

#include <stdbool.h>
#include <stdint.h>

#include "core/id.h"

/* splitmix64: small, fast, and the same on every machine. */
struct gen_rng {
	uint64_t s;
};
uint64_t gen_next(struct gen_rng *r);
int gen_below(struct gen_rng *r, int n); /* 0 … n-1 */
/* A generator for one record: the seed mixed with its kind and index. */
struct gen_rng gen_rng_for(uint64_t seed, const char *kind, int64_t index);

/* The scale of the national data set. */
struct gen_scale {
	int municipalities; /* 356 */
	int years;          /* 10, from first_year */
	int first_year;
	int contacts;       /* 50,000 */
	int meetings;       /* 100,000 */
	int grants;         /* 2,000 */
	int devices;        /* 30 */
	int device_ops;     /* 200,000 */
};
extern const struct gen_scale gen_national;

/* A record's id: (seed, kind, index) through core's id derivation. */
void gen_id(uint64_t seed, const char *kind, int64_t index, char out[SAM_ID_BUF]);

struct gen_municipality {
	char id[SAM_ID_BUF];
	char number[5]; /* kommunenummer */
	char name[64];
	const char *county;
};
void gen_municipality(uint64_t seed, int i, struct gen_municipality *out);

struct gen_contact {
	char id[SAM_ID_BUF];
	char given[32], family[48];
	char name[96];
	const char *position;
	char email[160]; /* ASCII: æøå folded as people do (ø → o) */
	char phone[16];  /* "912 34 567" */
	int municipality; /* index */
	bool network;     /* a member of the network group */
};
void gen_contact(uint64_t seed, const struct gen_scale *sc, int i, struct gen_contact *out);

struct gen_meeting {
	char id[SAM_ID_BUF];
	char title[128];
	const char *kind; /* the meeting-kind key */
	int64_t starts, ends; /* UTC seconds; an all-day meeting has ends == 0 */
	bool all_day;
	char place[64];
	int municipality; /* index, or -1 */
	int attendee;     /* a contact's index, or -1 */
};
void gen_meeting(uint64_t seed, const struct gen_scale *sc, int i, struct gen_meeting *out);

struct gen_grant {
	char id[SAM_ID_BUF];
	const char *scheme, *status;
	int year;
	int positions; /* hundredths */
	int64_t amount;
	int municipality;
};
void gen_grant(uint64_t seed, const struct gen_scale *sc, int i, struct gen_grant *out);

/* One municipality-year of settlement figures. */
struct gen_settlement {
	int requested, decided, settled;
	const char *status;
};
void gen_settlement(uint64_t seed, int municipality, int year, struct gen_settlement *out);
/* Its id as core derives it from (municipality, year); the database
 * writer checks the two agree, so gen_derived_id follows core's rule. */
void gen_settlement_id(uint64_t seed, int municipality, int year, char out[SAM_ID_BUF]);

/* The id core derives for a record of entity keyed by (a, b): a group
 * membership, an attendee, a grant's municipality. */
void gen_derived_id(const char *entity, const char *a, const char *b, char out[SAM_ID_BUF]);

/* A device of the sync history: 16 hex digits from (seed, index). */
void gen_dev(uint64_t seed, int device, char out[SAM_DEV_BUF]);

#endif
