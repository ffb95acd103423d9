/* One sync's working state, shared by the steps: the database, the open
 * WebDAV connection, the network's identity, progress and the result. */
#ifndef SAMORDNE_SYNC_SESSION_H
#define SAMORDNE_SYNC_SESSION_H

#include "sync/segment.h"
#include "sync/sync.h"
#include "sync/webdav.h"

struct sync_session {
	struct sam_db *db;
	struct webdav *w;
	char ws[SYNC_WS_MAX + 1];
	const struct sam_sync_opts *opts;
	struct sam_sync_result *res;
	struct sam_err *err;
};

/* Connects to url (NULL: the database's network) with the settings'
 * credentials. */
int sync_session_open(struct sync_session *s, struct sam_db *db,
                      const struct sam_sync_settings *set, const char *url, struct sam_err *err);
void sync_session_close(struct sync_session *s);

void sync_progress(struct sync_session *s, const char *fmt, ...) SAM_PRINTF(2, 3);

/* After a transient failure: waits (Retry-After, or backoff with jitter)
 * and returns true while attempts remain. */
bool sync_retry_wait(struct sync_session *s, enum webdav_result r, int *attempt);

/* Fails s->err with the reason for r at path; returns the outcome the
 * sync ends with. */
enum sam_sync_outcome sync_fail_request(struct sync_session *s, enum webdav_result r,
                                        const char *path);

/* The tests' fault injection: if $SAMORDNE_TEST_KILL_AT names this point,
 * the process kills itself with SIGKILL here. */
void sync_test_point(const char *name);

/* The network this database belongs to; false if none. */
bool sync_network_get(struct sam_db *db, char ws[SYNC_WS_MAX + 1], char **url);
int sync_network_set(struct sam_db *db, const char *ws, const char *url, struct sam_err *err);

#endif
