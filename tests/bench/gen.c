/* The benchmark's data generator.
 *
 *   gen [--seed N] [--scale F] [--only db|peers|devices] DIR
 *       DIR/national.db  the national network, written through core
 *       DIR/meetings.ics, DIR/khal/, DIR/calcurse/, DIR/abook/, DIR/contacts.vcf
 *       DIR/devices/dev-NN.db  each sync device with its own ops, up to
 *                              the tail (see gen_ops.h)
 *   gen [--seed N] [--scale F] --device-tail DIR
 *       adds each device's later edits to DIR/devices/dev-NN.db
 *
 * The same seed gives the same data. --scale shrinks every count (for a
 * quick look). It prints what it made and how fast, one `name value unit`
 * line each, for run.sh. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/common.h"
#include "core/demo.h"
#include "core/write.h"
#include "tests/bench/gen_db.h"
#include "tests/bench/gen_ops.h"
#include "tests/bench/gen_peers.h"

static noreturn void usage(void)
{
	fprintf(stderr, "usage: gen [--seed N] [--scale F] [--only db|peers|devices] DIR\n"
	                "       gen [--seed N] [--scale F] --device-tail DIR\n");
	exit(2);
}

static int scaled(int n, double f)
{
	int v = (int)(n * f);
	return v < 1 ? 1 : v;
}

static char *device_path(const char *dir, int d)
{
	return xasprintf("%s/devices/dev-%02d.db", dir, d + 1);
}

/* A device's own database: its id is the history's device id, and its
 * first op names its author as the CLI would (run.sh sets SAMORDNE_USER
 * and SAMORDNE_DEVICE_LABEL to the same), so `samordne sync` pushes the
 * device's ops as its own. */
static struct sam_db *open_device(const char *dir, uint64_t seed, int d, bool fresh)
{
	char *path = device_path(dir, d);
	if (fresh)
		sam_demo_remove(path);
	struct sam_db *db = gen_open(path);
	free(path);
	if (!fresh)
		return db;
	gen_dev(seed, d, db->dev);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db->sql,
	                   "INSERT INTO local (key, value) VALUES ('dev', ?) "
	                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	                   -1, &st, NULL);
	sqlite3_bind_text(st, 1, db->dev, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	struct sam_err err;
	struct sam_author who = {.name = "Benchmark", .label = "bench"};
	if (rc != SQLITE_DONE || sam_db_set_author(db, &who, &err) < 0) {
		fprintf(stderr, "gen: cannot make device %d\n", d + 1);
		exit(1);
	}
	return db;
}

static void write_devices(const char *dir, uint64_t seed, const struct gen_scale *sc, bool tail)
{
	char *sub = xasprintf("%s/devices", dir);
	if (mkdir(sub, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "gen: cannot make %s: %s\n", sub, strerror(errno));
		exit(1);
	}
	free(sub);
	int64_t cut = gen_tail_start(sc);
	for (int d = 0; d < sc->devices; d++) {
		struct sam_db *db = open_device(dir, seed, d, !tail);
		if (tail)
			gen_apply_history(db, seed, sc, cut, sc->device_ops, d);
		else
			gen_apply_history(db, seed, sc, 0, cut, d);
		sam_db_close(db);
	}
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{"seed", required_argument, NULL, 's'},
		{"scale", required_argument, NULL, 'f'},
		{"only", required_argument, NULL, 'o'},
		{"device-tail", no_argument, NULL, 't'},
		{NULL, 0, NULL, 0},
	};
	uint64_t seed = 2015;
	double scale = 1.0;
	const char *only = NULL;
	bool tail = false;
	int c;
	setlocale(LC_ALL, "");
	while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (c) {
		case 's':
			seed = strtoull(optarg, NULL, 10);
			break;
		case 'f':
			scale = strtod(optarg, NULL);
			break;
		case 'o':
			only = optarg;
			break;
		case 't':
			tail = true;
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1 || scale <= 0 || scale > 1)
		usage();
	const char *dir = argv[optind];
	struct gen_scale sc = gen_national;
	sc.contacts = scaled(sc.contacts, scale);
	sc.meetings = scaled(sc.meetings, scale);
	sc.grants = scaled(sc.grants, scale);
	sc.device_ops = scaled(sc.device_ops, scale) / sc.devices * sc.devices;
	if (sc.device_ops < sc.devices * 10)
		sc.device_ops = sc.devices * 10;

	if (tail) {
		double t0 = gen_seconds();
		write_devices(dir, seed, &sc, true);
		printf("gen_device_tail %.1f s\n", gen_seconds() - t0);
		return 0;
	}
	if (!only || strcmp(only, "db") == 0) {
		char *path = xasprintf("%s/national.db", dir);
		struct gen_db_stats st;
		gen_write_national(path, seed, &sc, &st);
		free(path);
		int64_t record_ops = st.ops - sc.device_ops;
		printf("gen_records %" PRId64 " records\n", st.records);
		printf("gen_ops %" PRId64 " ops\n", st.ops);
		printf("gen_write_rate %.0f ops/s\n", (double)record_ops / st.records_s);
		printf("gen_apply_rate %.0f ops/s\n", sc.device_ops / st.history_s);
		printf("gen_db_time %.1f s\n", st.records_s + st.history_s);
	}
	if (!only || strcmp(only, "peers") == 0) {
		double t0 = gen_seconds();
		gen_write_calendars(dir, seed, &sc);
		gen_write_addressbooks(dir, seed, &sc);
		printf("gen_peers_time %.1f s\n", gen_seconds() - t0);
	}
	if (!only || strcmp(only, "devices") == 0) {
		double t0 = gen_seconds();
		write_devices(dir, seed, &sc, false);
		printf("gen_devices_time %.1f s\n", gen_seconds() - t0);
	}
	return 0;
}
