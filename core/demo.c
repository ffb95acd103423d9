/* The built-in demo (see demo.h). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/batch.h"
#include "core/clock.h"
#include "core/demo.h"
#include "core/oslo_time.h"

/* The demo's changes are stamped as made on 1 August 2015 by a device of
 * its own, so its history reads as the network's, not as today's. */
#define DEMO_DEV "00000000000d3a00"
#define DEMO_TIME "2015-08-01T10:00:00Z"

static int64_t demo_clock_ms;

static int64_t demo_clock(void)
{
	return demo_clock_ms++;
}

int sam_demo_load(struct sam_db *db, struct sam_err *err)
{
	int64_t t;
	if (!sam_iso_utc_parse(DEMO_TIME, &t))
		fatal("bad demo time");
	demo_clock_ms = t * 1000;
	char own_dev[SAM_DEV_BUF];
	memcpy(own_dev, db->dev, sizeof own_dev);
	/* The demo device's counter is not this device's: the demo's ops are
	 * numbered from its own last op, and ours is put back afterwards. */
	int64_t own_seq = sam_db_local_int(db, "seq", 0);
	int64_t demo_seq = 0;
	sqlite3_stmt *st = sam_db_stmt(db, "SELECT coalesce(max(seq), 0) FROM op WHERE dev = ?");
	sqlite3_bind_text(st, 1, DEMO_DEV, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		demo_seq = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (sam_db_local_set_int(db, "seq", demo_seq) < 0)
		return sam_db_fail(db, err);
	memcpy(db->dev, DEMO_DEV, sizeof own_dev);
	sam_clock_set(demo_clock);
	struct sam_author who = {.name = "Fylkesmannen i Østfold", .label = "demo"};
	struct sam_batch_opts opts = {.id_seed = "ostfold-2015"};
	int rc = sam_db_set_author(db, &who, err);
	if (rc == 0)
		rc = sam_batch_run(db, sam_demo_script, "demo", &opts, err);
	sam_clock_set(NULL);
	memcpy(db->dev, own_dev, sizeof own_dev);
	if (sam_db_local_set_int(db, "seq", own_seq) < 0 && rc == 0)
		rc = sam_db_fail(db, err);
	return rc;
}

void sam_demo_remove(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < SAM_ARRAY_LEN(suffixes); i++) {
		char *p = xasprintf("%s%s", path, suffixes[i]);
		unlink(p);
		free(p);
	}
}

int sam_demo_open(struct sam_db **out, char **path_out, struct sam_err *err)
{
	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/samordne-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		sam_fail(err, _("cannot make a file for the demo in %s"), tmp && *tmp ? tmp : "/tmp");
		free(path);
		return -1;
	}
	close(fd);
	/* mkstemp made an empty file: SQLite takes it as a new database. */
	if (sam_db_open(path, SAM_DB_CREATE, out, err) < 0 || sam_demo_load(*out, err) < 0) {
		sam_db_close(*out);
		*out = NULL;
		sam_demo_remove(path);
		free(path);
		return -1;
	}
	*path_out = path;
	return 0;
}
