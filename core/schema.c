/* The schema, as ordered migrations. Never edit a released step: add one.
 *
 * Record tables are projections of the op log: each column holds the
 * winning value of its field (see write.c), and `deleted` the tombstone.
 * References between records are plain ids with no FOREIGN KEY, on
 * purpose: ops arrive from other laptops in any order, so a contact may be
 * known before its municipality, and a record may be deleted on one laptop
 * while another still refers to it. Queries join and skip what is missing
 * or deleted. Foreign keys are on for the local bookkeeping tables. */
#include <config.h>

#include "core/common.h"
#include "core/schema.h"

static const char v1[] =
	/* This file's own state: device id, clock, counters. */
	"CREATE TABLE local (key TEXT PRIMARY KEY, value ANY) STRICT, WITHOUT ROWID;\n"

	/* The op log: every field-level change ever made or received. */
	"CREATE TABLE op (\n"
	"  dev TEXT NOT NULL, seq INTEGER NOT NULL, hlc INTEGER NOT NULL,\n"
	"  entity TEXT NOT NULL, rid TEXT NOT NULL, field TEXT NOT NULL, value ANY,\n"
	"  PRIMARY KEY (dev, seq)) STRICT, WITHOUT ROWID;\n"
	"CREATE INDEX op_record ON op (rid, hlc);\n"

	/* The winning op of every (record, field), with its value, so unknown
	 * entities and fields survive and rows can be rebuilt. */
	"CREATE TABLE field_clock (\n"
	"  entity TEXT NOT NULL, rid TEXT NOT NULL, field TEXT NOT NULL,\n"
	"  hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL, value ANY,\n"
	"  PRIMARY KEY (entity, rid, field)) STRICT, WITHOUT ROWID;\n"

	"CREATE TABLE municipality (id TEXT PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0,\n"
	"  number TEXT, name TEXT, county TEXT, note TEXT) STRICT;\n"
	"CREATE TABLE organisation (id TEXT PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0,\n"
	"  name TEXT, short_name TEXT, kind TEXT, note TEXT) STRICT;\n"
	"CREATE TABLE settlement (id TEXT PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0,\n"
	"  municipality TEXT, year INTEGER, requested INTEGER, requested_ema INTEGER,\n"
	"  extra_requested INTEGER, extra_requested_ema INTEGER, decided INTEGER,\n"
	"  decided_ema INTEGER, settled INTEGER, settled_ema INTEGER, status TEXT,\n"
	"  decision_date TEXT, note TEXT) STRICT;\n"
	"CREATE INDEX settlement_municipality ON settlement (municipality, year);\n"
	"CREATE TABLE contact (id TEXT PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0,\n"
	"  name TEXT, position TEXT, email TEXT, phone TEXT, municipality TEXT,\n"
	"  organisation TEXT, note TEXT) STRICT;\n"
	"CREATE INDEX contact_municipality ON contact (municipality);\n"
	"CREATE TABLE membership (id TEXT PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0,\n"
	"  contact TEXT, \"group\" TEXT, role TEXT) STRICT;\n"
	"CREATE INDEX membership_contact ON membership (contact);\n"
	"CREATE TABLE grant_application (id TEXT PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0,\n"
	"  scheme TEXT, year INTEGER, positions INTEGER, amount_nok INTEGER, status TEXT,\n"
	"  note TEXT) STRICT;\n"
	"CREATE TABLE grant_municipality (id TEXT PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0,\n"
	"  \"grant\" TEXT, municipality TEXT) STRICT;\n"
	"CREATE INDEX grant_municipality_grant ON grant_municipality (\"grant\");\n"
	"CREATE INDEX grant_municipality_municipality ON grant_municipality (municipality);\n"
	"CREATE TABLE meeting (id TEXT PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0,\n"
	"  title TEXT, kind TEXT, starts_at TEXT, ends_at TEXT, all_day INTEGER, place TEXT,\n"
	"  municipality TEXT, note TEXT) STRICT;\n"
	"CREATE INDEX meeting_start ON meeting (starts_at);\n"
	"CREATE TABLE attendee (id TEXT PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0,\n"
	"  meeting TEXT, contact TEXT) STRICT;\n"
	"CREATE INDEX attendee_meeting ON attendee (meeting);\n"
	"CREATE TABLE visit_question (id TEXT PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0,\n"
	"  number INTEGER, text TEXT) STRICT;\n"
	"CREATE TABLE visit_answer (id TEXT PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0,\n"
	"  municipality TEXT, year INTEGER, question TEXT, answer TEXT) STRICT;\n"
	"CREATE TABLE device (id TEXT PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0,\n"
	"  dev TEXT, user_name TEXT, label TEXT) STRICT;\n"
	"CREATE INDEX device_dev ON device (dev);\n";

/* Sync bookkeeping (see SYNC.md). Local to this file: none of it is an op.
 * sync_network: the one network this file belongs to.
 * sync_outbox: own segments, sealed; their exact bytes until verified on
 *   the server (then only the newest row is kept, for the chain).
 * sync_segment: every applied or sealed segment's range of ops and the
 *   sender's applied vector at sealing, so whether one op had seen another
 *   is decidable on every laptop (conflicts).
 * sync_device: every other device: how far it is applied (cursor), what
 *   its head last said, why it is parked, and what is odd about it.
 * sync_run: the last sync's outcome, for the status bar without network. */
static const char v2[] =
	"CREATE TABLE sync_network (id INTEGER PRIMARY KEY CHECK (id = 1),\n"
	"  ws TEXT NOT NULL, url TEXT NOT NULL) STRICT;\n"
	"CREATE TABLE sync_outbox (dev TEXT NOT NULL, seg INTEGER NOT NULL,\n"
	"  first INTEGER NOT NULL, last INTEGER NOT NULL, sha256 TEXT NOT NULL,\n"
	"  bytes BLOB NOT NULL, verified INTEGER NOT NULL DEFAULT 0,\n"
	"  PRIMARY KEY (dev, seg)) STRICT;\n"
	"CREATE TABLE sync_segment (dev TEXT NOT NULL, seg INTEGER NOT NULL,\n"
	"  first INTEGER NOT NULL, last INTEGER NOT NULL, vec TEXT NOT NULL,\n"
	"  PRIMARY KEY (dev, seg)) STRICT, WITHOUT ROWID;\n"
	"CREATE INDEX sync_segment_last ON sync_segment (dev, last);\n"
	"CREATE TABLE sync_device (dev TEXT PRIMARY KEY,\n"
	"  seg INTEGER NOT NULL DEFAULT 0, seq INTEGER NOT NULL DEFAULT 0, sha256 TEXT NOT NULL DEFAULT '',\n"
	"  head_etag TEXT, head_seg INTEGER, head_time INTEGER, head_label TEXT,\n"
	"  last_seen INTEGER, parked TEXT, flag TEXT) STRICT;\n"
	"CREATE TABLE sync_run (id INTEGER PRIMARY KEY CHECK (id = 1),\n"
	"  finished INTEGER NOT NULL, outcome TEXT NOT NULL, message TEXT NOT NULL,\n"
	"  last_ok INTEGER, pushed INTEGER NOT NULL DEFAULT 0, pulled INTEGER NOT NULL DEFAULT 0,\n"
	"  runs INTEGER NOT NULL DEFAULT 0) STRICT;\n"
	"CREATE TABLE conflict_dismissed (dev TEXT NOT NULL, seq INTEGER NOT NULL,\n"
	"  PRIMARY KEY (dev, seq)) STRICT, WITHOUT ROWID;\n";

/* The meetings by when they are over, for "the next meeting". v6 reads
 * them another way and drops it: by when they are over, SQLite still read
 * every meeting to come to find the first by start. */
static const char v3[] = "CREATE INDEX meeting_until ON meeting (COALESCE(ends_at, starts_at));\n";

/* The contact list's order (listing.c), kept by SQLite as contacts
 * change, so that the list of 50,000 contacts is read in order instead of
 * sorted on every run. It holds every column the list reads, deleted too,
 * so the list never visits the table. NB is registered on every
 * connection (db.c): a write to contact needs it, so such a file cannot be
 * changed by a tool without it, which is as it should be. The order of
 * NB (collate.c) is stored here: changing it needs a migration that runs
 * REINDEX contact_list. */
static const char v4[] =
	"CREATE INDEX contact_list ON contact (\n"
	"  COALESCE(NULLIF(name, ''), position) COLLATE NB, position COLLATE NB, id,\n"
	"  name, email, phone, municipality, organisation, deleted) WHERE deleted = 0;\n";

/* The conflicts, kept per field (conflict.c), so that counting them after
 * a sync reads what changed instead of the whole op log. conflict_cache:
 * each listed conflict, by its field and the losing op. conflict_mark: per
 * device, the last op and the last op in a segment the cache has taken
 * in. IF NOT EXISTS: a test that winds user_version back (test_listing.c)
 * runs this step again on a file that has the tables. */
static const char v5[] =
	"CREATE TABLE IF NOT EXISTS conflict_cache (\n"
	"  entity TEXT NOT NULL, rid TEXT NOT NULL, field TEXT NOT NULL,\n"
	"  ldev TEXT NOT NULL, lseq INTEGER NOT NULL,\n"
	"  PRIMARY KEY (entity, rid, field, ldev)) STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE IF NOT EXISTS conflict_mark (dev TEXT PRIMARY KEY, seq INTEGER NOT NULL,\n"
	"  sealed INTEGER NOT NULL) STRICT, WITHOUT ROWID;\n";

/* "The next meeting" read without reading every meeting to come
 * (calendar.c): by start, from the earliest start a meeting still going
 * on could have. meeting_span bounds that: the longest a meeting lasts,
 * found as the index's last entry. meeting_municipality_start: the next
 * visit to one municipality, by start. The expressions are the ones
 * calendar.c uses. IF [NOT] EXISTS: see v5. */
static const char v6[] =
	"DROP INDEX IF EXISTS meeting_until;\n"
	"CREATE INDEX IF NOT EXISTS meeting_span ON meeting (\n"
	"  unixepoch(COALESCE(ends_at, starts_at)) - unixepoch(starts_at));\n"
	"CREATE INDEX IF NOT EXISTS meeting_municipality_start ON meeting (municipality, starts_at);\n";

const struct sam_migration sam_migrations[] = {
	{"records, op log and field clocks", v1},
	{"sync bookkeeping: network, outbox, segments, devices", v2},
	{"meetings by when they are over", v3},
	{"the contact list's order", v4},
	{"conflicts kept per field", v5},
	{"meetings by how long they last, and by municipality", v6},
};
const int sam_schema_version = (int)SAM_ARRAY_LEN(sam_migrations);
