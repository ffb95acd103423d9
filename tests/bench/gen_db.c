/* The national database (see gen_db.h). Records are written field by
 * field with sam_write_field. The settlement figures go through
 * sam_record_add, as the CLI adds them, and the id core derives there is
 * checked against gen_derived_id, which the other keyed records
 * (memberships, attendees, a grant's municipalities) then use:
 * sam_record_add finds each referred record by `id LIKE ?`, a scan of its
 * table, which at 100,000 meetings would make the generator quadratic.
 * Many records share one transaction, as an import does. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/demo.h"
#include "core/entity.h"
#include "core/oslo_time.h"
#include "core/record.h"
#include "core/write.h"
#include "tests/bench/gen_db.h"
#include "tests/bench/gen_ops.h"

/* Ops per transaction: large enough that commits cost nothing, small
 * enough that the WAL stays a few hundred MB at most. */
#define OPS_PER_TX 200000

double gen_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static noreturn void die(const struct sam_err *err)
{
	fprintf(stderr, "gen: %s\n", err->msg);
	exit(1);
}

struct sam_db *gen_open(const char *path)
{
	struct sam_db *db;
	struct sam_err err;
	if (sam_db_open(path, SAM_DB_CREATE, &db, &err) < 0)
		die(&err);
	/* A big page cache: the op log's and field_clock's indexes are keyed
	 * by random ids, so each insert touches a different page. */
	sqlite3_exec(db->sql, "PRAGMA cache_size = -262144", NULL, NULL, NULL);
	return db;
}

/* The records' changes are stamped from December 2015, a millisecond
 * apart, so the file is the same for the same seed and the devices'
 * later edits (2016 on) win. */
static int64_t fake_ms;
static int64_t fake_clock(void)
{
	return fake_ms++;
}

struct writer {
	struct sam_db *db;
	int64_t ops_in_tx;
};

static void tx_begin(struct writer *w)
{
	struct sam_err err;
	if (sam_tx_begin(w->db, &err) < 0)
		die(&err);
	w->ops_in_tx = 0;
}

static void tx_commit(struct writer *w)
{
	struct sam_err err;
	if (sam_tx_commit(w->db, &err) < 0)
		die(&err);
}

/* Called after each record: a new transaction once the open one is big. */
static void tx_maybe_split(struct writer *w, int ops)
{
	w->ops_in_tx += ops;
	if (w->ops_in_tx >= OPS_PER_TX) {
		tx_commit(w);
		tx_begin(w);
	}
}

static void put(struct writer *w, const char *entity, const char *rid, const char *field,
                const struct sam_value *v)
{
	struct sam_err err;
	if (sam_write_field(w->db, entity, rid, field, v, &err) < 0)
		die(&err);
}

static void put_text(struct writer *w, const char *entity, const char *rid, const char *field,
                     const char *s)
{
	struct sam_value v = {0};
	sam_value_set_text(&v, s);
	put(w, entity, rid, field, &v);
	sam_value_clear(&v);
}

static void put_int(struct writer *w, const char *entity, const char *rid, const char *field,
                    int64_t i)
{
	struct sam_value v = {.kind = SAM_V_INT, .i = i};
	put(w, entity, rid, field, &v);
}

/* A record with a derived id, from field=value text as the CLI takes it. */
static void add_derived(struct writer *w, const char *entity, const struct sam_assign *a, int n,
                        char id_out[SAM_ID_BUF])
{
	struct sam_err err;
	if (sam_record_add(w->db, sam_entity_find(entity), a, n, id_out, &err) < 0)
		die(&err);
}

/* A record keyed by two references (both ids), written as sam_record_add
 * would: its two key fields under the derived id. */
static void add_pair(struct writer *w, const char *entity, const char *fa, const char *a,
                     const char *fb, const char *b)
{
	char id[SAM_ID_BUF];
	gen_derived_id(entity, a, b, id);
	put_text(w, entity, id, fa, a);
	put_text(w, entity, id, fb, b);
}

/* ------------------------------------------------------------ records */

static void write_municipalities(struct writer *w, uint64_t seed, const struct gen_scale *sc)
{
	for (int i = 0; i < sc->municipalities; i++) {
		struct gen_municipality m;
		gen_municipality(seed, i, &m);
		put_text(w, "municipality", m.id, "number", m.number);
		put_text(w, "municipality", m.id, "name", m.name);
		put_text(w, "municipality", m.id, "county", m.county);
		tx_maybe_split(w, 3);
	}
}

static void write_settlements(struct writer *w, uint64_t seed, const struct gen_scale *sc)
{
	for (int i = 0; i < sc->municipalities; i++) {
		struct gen_municipality m;
		gen_municipality(seed, i, &m);
		for (int y = sc->first_year; y < sc->first_year + sc->years; y++) {
			struct gen_settlement s;
			gen_settlement(seed, i, y, &s);
			char year[8], req[16], dec[16], set[16], id[SAM_ID_BUF], want[SAM_ID_BUF];
			snprintf(year, sizeof year, "%d", y);
			snprintf(req, sizeof req, "%d", s.requested);
			snprintf(dec, sizeof dec, "%d", s.decided);
			snprintf(set, sizeof set, "%d", s.settled);
			const struct sam_assign a[] = {
				{"municipality", m.id}, {"year", year}, {"requested", req},
				{"decided", dec}, {"settled", set}, {"status", s.status},
			};
			add_derived(w, "settlement", a, 6, id);
			gen_settlement_id(seed, i, y, want);
			if (strcmp(id, want) != 0) {
				fprintf(stderr, "gen: core derives settlement ids differently now; "
				                "update gen_settlement_id\n");
				exit(1);
			}
			tx_maybe_split(w, 6);
		}
	}
}

static void write_contacts(struct writer *w, uint64_t seed, const struct gen_scale *sc)
{
	for (int i = 0; i < sc->contacts; i++) {
		struct gen_contact c;
		struct gen_municipality m;
		gen_contact(seed, sc, i, &c);
		gen_municipality(seed, c.municipality, &m);
		put_text(w, "contact", c.id, "name", c.name);
		put_text(w, "contact", c.id, "position", c.position);
		put_text(w, "contact", c.id, "email", c.email);
		put_text(w, "contact", c.id, "phone", c.phone);
		put_text(w, "contact", c.id, "municipality", m.id);
		int ops = 5;
		if (c.network) {
			add_pair(w, "membership", "contact", c.id, "group", "network");
			ops += 2;
		}
		tx_maybe_split(w, ops);
	}
}

static void write_grants(struct writer *w, uint64_t seed, const struct gen_scale *sc)
{
	for (int i = 0; i < sc->grants; i++) {
		struct gen_grant g;
		struct gen_municipality m;
		gen_grant(seed, sc, i, &g);
		gen_municipality(seed, g.municipality, &m);
		put_text(w, "grant", g.id, "scheme", g.scheme);
		put_int(w, "grant", g.id, "year", g.year);
		put_int(w, "grant", g.id, "positions", g.positions);
		put_int(w, "grant", g.id, "amount_nok", g.amount);
		put_text(w, "grant", g.id, "status", g.status);
		add_pair(w, "grant_municipality", "grant", g.id, "municipality", m.id);
		tx_maybe_split(w, 7);
	}
}

static void write_meetings(struct writer *w, uint64_t seed, const struct gen_scale *sc)
{
	for (int i = 0; i < sc->meetings; i++) {
		struct gen_meeting mt;
		gen_meeting(seed, sc, i, &mt);
		char iso[21];
		int ops = 5;
		put_text(w, "meeting", mt.id, "title", mt.title);
		put_text(w, "meeting", mt.id, "kind", mt.kind);
		sam_iso_utc_format(mt.starts, iso);
		put_text(w, "meeting", mt.id, "starts_at", iso);
		if (mt.all_day) {
			put_int(w, "meeting", mt.id, "all_day", 1);
		} else {
			sam_iso_utc_format(mt.ends, iso);
			put_text(w, "meeting", mt.id, "ends_at", iso);
		}
		put_text(w, "meeting", mt.id, "place", mt.place);
		if (mt.municipality >= 0) {
			struct gen_municipality m;
			gen_municipality(seed, mt.municipality, &m);
			put_text(w, "meeting", mt.id, "municipality", m.id);
			ops++;
		}
		if (mt.attendee >= 0) {
			char cid[SAM_ID_BUF];
			gen_id(seed, "contact", mt.attendee, cid);
			add_pair(w, "attendee", "meeting", mt.id, "contact", cid);
			ops += 2;
		}
		tx_maybe_split(w, ops);
	}
}

/* ------------------------------------------------------------ history */

void gen_apply_history(struct sam_db *db, uint64_t seed, const struct gen_scale *sc,
                       int64_t from, int64_t to, int device)
{
	struct writer w = {db, 0};
	tx_begin(&w);
	for (int64_t k = from; k < to; k++) {
		if (device >= 0 && k % sc->devices != device)
			continue;
		struct gen_dev_op o;
		struct sam_err err;
		gen_device_op(seed, sc, k, &o);
		if (sam_apply_op(db, &o.op, &err) < 0)
			die(&err);
		tx_maybe_split(&w, 1);
	}
	tx_commit(&w);
}

static int64_t count(struct sam_db *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t n = 0;
	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int64_t live_records(struct sam_db *db)
{
	int64_t n = 0;
	for (int i = 0; i < sam_nentities; i++) {
		char *sql = xasprintf("SELECT count(*) FROM \"%s\" WHERE deleted = 0",
		                      sam_entities[i]->table);
		n += count(db, sql);
		free(sql);
	}
	return n;
}

void gen_write_national(const char *path, uint64_t seed, const struct gen_scale *sc,
                        struct gen_db_stats *stats)
{
	sam_demo_remove(path);
	struct sam_db *db = gen_open(path);
	int64_t t;
	sam_iso_utc_parse("2015-12-01T08:00:00Z", &t);
	fake_ms = t * 1000;
	sam_clock_set(fake_clock);
	struct sam_err err;
	struct sam_author who = {.name = "Benchmark", .label = "bench-gen"};
	if (sam_db_set_author(db, &who, &err) < 0)
		die(&err);

	double t0 = gen_seconds();
	struct writer w = {db, 0};
	tx_begin(&w);
	write_municipalities(&w, seed, sc);
	write_settlements(&w, seed, sc);
	write_contacts(&w, seed, sc);
	write_grants(&w, seed, sc);
	write_meetings(&w, seed, sc);
	tx_commit(&w);
	double t1 = gen_seconds();
	gen_apply_history(db, seed, sc, 0, sc->device_ops, -1);
	stats->history_s = gen_seconds() - t1;
	stats->records_s = t1 - t0;
	sam_clock_set(NULL);
	sqlite3_exec(db->sql, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	stats->records = live_records(db);
	stats->ops = count(db, "SELECT count(*) FROM op");
	sam_db_close(db);
}
