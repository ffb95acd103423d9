/* Snapshots, snap/<dev>-<n:012>.snap, so a new laptop need not fetch every
 * segment ever written. A snapshot holds every op its writer has applied up
 * to its cursors (so winners, losers, tombstones and history all arrive),
 * the segment vectors (so conflicts come out the same), and per device the
 * segment it covers with that segment's sha256 (so the chain continues).
 * n is the number of ops covered: the larger, the more it saves.
 *
 *   {"t":"snap","fmt":1,"ws":…,"dev":…,"n":…}
 *   {"t":"cur","d":…,"g":<seg>,"s":<last op>,"sha256":…}        one per device
 *   {"t":"sv","d":…,"g":…,"first":…,"last":…,"vec":{…}}         one per segment
 *   {"d":…,"s":…,"h":…,"e":…,"id":…,"f":…,"v":…}                by device, then s
 *   {"t":"end","n":<lines between>,"sha256":…}
 */
#ifndef SAMORDNE_SYNC_SNAPSHOT_H
#define SAMORDNE_SYNC_SNAPSHOT_H

#include "sync/session.h"

#define SYNC_SNAP_CAP (64 * 1024 * 1024)

/* Writes a snapshot of what this database has applied. */
enum sam_sync_outcome sync_snapshot_write(struct sync_session *s);

/* A database that has applied nothing of others loads the largest valid
 * snapshot, if there is one. */
enum sam_sync_outcome sync_snapshot_load(struct sync_session *s);

#endif
