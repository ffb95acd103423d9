/* The meetings as the calendar needs them: instants, not text, so the
 * agenda can grey the past, mark today and lay out a month; and the
 * attendees of one meeting. */
#ifndef SAMORDNE_CALENDAR_H
#define SAMORDNE_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>

#include "core/db.h"

struct sam_meeting {
	char id[SAM_ID_BUF];
	int64_t starts, ends; /* UTC seconds; ends = starts if none */
	bool all_day;
	char *title, *kind, *place, *municipality, *note; /* kind: the stored key */
	char municipality_id[SAM_ID_BUF];                 /* "" when none */
};

struct sam_calendar {
	struct sam_meeting *m; /* by start */
	int n;
};

int sam_calendar_load(struct sam_db *db, struct sam_calendar *out, struct sam_err *err);

/* Which of the meetings not over at a time to read. */
struct sam_upcoming {
	const char *municipality; /* its id: only the visits to it; NULL: all */
	bool no_deadlines;        /* leave out meetings of kind "deadline" */
	int limit;                /* at most this many, the first; 0: all */
};

/* The meetings not over at now (UTC seconds: ends, or starts if it has no
 * end, is now or later), by start, as `which` says: what "next" is chosen
 * from. It reads from the earliest start a meeting still going on can
 * have, so the cost is the meetings returned, not the years before or
 * after them. */
int sam_calendar_load_upcoming(struct sam_db *db, int64_t now, const struct sam_upcoming *which,
                               struct sam_calendar *out, struct sam_err *err);
void sam_calendar_free(struct sam_calendar *c);

/* "Lars Håkon Larsen (Moss)" for each attendee, in Norwegian order;
 * newly allocated array of newly allocated strings. */
int sam_meeting_attendees(struct sam_db *db, const char *meeting_id, char ***names, int *n,
                          struct sam_err *err);
void sam_strings_free(char **s, int n);

#endif
