/* The fixed lists. Each is a C enum whose values index a table of stable
 * text keys (what the database and the sync files hold, never translated)
 * and labels (what people read, translated). */
#ifndef SAMORDNE_ENUMS_H
#define SAMORDNE_ENUMS_H

#include <stdbool.h>

enum sam_settlement_status {
	SAM_SETTLEMENT_NO_LETTER,       /* no formal letter received */
	SAM_SETTLEMENT_AWAITING,
	SAM_SETTLEMENT_LATER_DEADLINE,  /* asked for a later deadline */
	SAM_SETTLEMENT_POSITIVE,        /* positive, not yet decided */
	SAM_SETTLEMENT_DECIDED,
	SAM_SETTLEMENT_DECIDED_IN_PART,
	SAM_SETTLEMENT_NEGATIVE,
};

enum sam_grant_status {
	SAM_GRANT_APPLIED,
	SAM_GRANT_RECOMMENDED,
	SAM_GRANT_DECIDED,
	SAM_GRANT_ON_HOLD,
	SAM_GRANT_REJECTED,
	SAM_GRANT_NOT_APPLIED,
};

enum sam_grant_scheme {
	SAM_SCHEME_HOUSING,       /* boligsosialt arbeid */
	SAM_SCHEME_CHILD_POVERTY, /* barnefattigdom */
};

enum sam_meeting_kind {
	SAM_MEETING_NETWORK,
	SAM_MEETING_STEERING,
	SAM_MEETING_PROJECT,
	SAM_MEETING_VISIT,
	SAM_MEETING_COURSE,
	SAM_MEETING_CONFERENCE,
	SAM_MEETING_GATHERING,
	SAM_MEETING_DEADLINE,
	SAM_MEETING_OTHER,
};

enum sam_group {
	SAM_GROUP_NETWORK,
	SAM_GROUP_STEERING,
	SAM_GROUP_PROJECT,
	SAM_GROUP_REFERENCE,
};

enum sam_org_kind {
	SAM_ORG_COUNTY_GOVERNOR,
	SAM_ORG_STATE_AGENCY,
	SAM_ORG_COUNTY_COUNCIL,
	SAM_ORG_MUNICIPAL_BODY,
	SAM_ORG_VOLUNTEER,
	SAM_ORG_CHURCH,
	SAM_ORG_UNION,
	SAM_ORG_OTHER,
};

struct sam_enum_item {
	const char *key;   /* stable, in the database: "decided_in_part" */
	const char *label; /* N_(): "decided in part" */
	/* The Norwegian term of the field ("delvis vedtatt"): the words of
	 * the slides and letters, accepted as input whatever the language of
	 * the program, since that is what people will type. */
	const char *nb;
};

struct sam_enum {
	const char *name; /* "settlement_status" */
	const struct sam_enum_item *items;
	int count;
};

extern const struct sam_enum sam_enum_settlement_status;
extern const struct sam_enum sam_enum_grant_status;
extern const struct sam_enum sam_enum_grant_scheme;
extern const struct sam_enum sam_enum_meeting_kind;
extern const struct sam_enum sam_enum_group;
extern const struct sam_enum sam_enum_org_kind;

/* The index of a stored key, or -1. */
int sam_enum_from_key(const struct sam_enum *e, const char *key);
/* The index of what a person typed: the key, the label in English or in
 * the current language, or the Norwegian term, case-blind; or a prefix of
 * one of them that fits one item only.
 * -1 if none or several fit. */
int sam_enum_parse(const struct sam_enum *e, const char *text);
/* The translated label of a stored key; the key itself if unknown. */
const char *sam_enum_label(const struct sam_enum *e, const char *key);
/* "applied, recommended, decided, …" (translated labels), for messages. */
char *sam_enum_choices(const struct sam_enum *e);

#endif
