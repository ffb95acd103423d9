/* What a sync tells the full-screen program, in words for the status bar.
 * The sync runs as a child (`samordne sync --progress-fd N`, see
 * tui/cli_sync.c) that writes one line per step; sync_report_feed reads
 * those lines, and the texts below say them as a person reads them. No
 * curses here, so a unit test can feed it lines. */
#ifndef SAMORDNE_TUI_SYNC_REPORT_H
#define SAMORDNE_TUI_SYNC_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "sync/sync.h"

enum sync_report_end {
	SYNC_RUNNING, /* no last line yet */
	SYNC_DONE,
	SYNC_ERROR,
	SYNC_OFFLINE,
};

struct sync_report {
	enum sync_report_end end;
	int pushed, pulled, conflicts;
	char step[256];    /* the latest progress line in words: "syncing: pushing 2/5" */
	char message[512]; /* the error's or the offline notice's one line */
	char warning[512]; /* a clock or parking notice, or "" */
};

void sync_report_init(struct sync_report *r);
/* One line from the child, without its newline. Unknown lines are
 * ignored, so a newer child can say more. */
void sync_report_feed(struct sync_report *r, const char *line);

/* The outcome once the child has ended with exit status `status` (an
 * exit code, or 128 + a signal): "synced 13:05: 3 sent, 12 received,
 * 1 conflict", "offline: …", "sync failed: …". *is_error tells whether it
 * is shown as an error. now_ms is the time of day shown. Newly allocated. */
char *sync_report_outcome(const struct sync_report *r, int status, int64_t now_ms,
                          bool *is_error);

/* The status bar's sync part from what the database remembers of the last
 * sync: "never synced", "synced 13:05", "sync failed: …", "offline, last
 * synced 13:05". Today's syncs show the time, older ones the date too.
 * Newly allocated. */
char *sync_last_text(const struct sam_sync_last *last, int64_t now_ms, bool *is_error);

/* "13:05" if ms is on the same day as now_ms (in Oslo), else
 * "21.11.2026 13:05". */
void sync_when_text(int64_t ms, int64_t now_ms, char out[32]);

#endif
