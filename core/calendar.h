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
};

struct sam_calendar {
	struct sam_meeting *m; /* by start */
	int n;
};

int sam_calendar_load(struct sam_db *db, struct sam_calendar *out, struct sam_err *err);
/* Only the meetings not over at now (UTC seconds: ends, or starts if it
 * has no end, is now or later): what "next" is chosen from, without
 * reading every meeting ever held. */
int sam_calendar_load_upcoming(struct sam_db *db, int64_t now, struct sam_calendar *out,
                               struct sam_err *err);
void sam_calendar_free(struct sam_calendar *c);

/* "Lars Håkon Larsen (Moss)" for each attendee, in Norwegian order;
 * newly allocated array of newly allocated strings. */
int sam_meeting_attendees(struct sam_db *db, const char *meeting_id, char ***names, int *n,
                          struct sam_err *err);
void sam_strings_free(char **s, int n);

#endif
