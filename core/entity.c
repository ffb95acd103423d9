/* The data dictionary (see entity.h). Changing a field's name or type here
 * needs a migration in schema.c: the names are in every file and every
 * sync segment. */
#include <config.h>

#include <string.h>

#include "core/common.h"
#include "core/entity.h"

#define F(nm, lbl, ty, fl) {nm, lbl, ty, fl, NULL, NULL}
#define FE(nm, lbl, en, fl) {nm, lbl, SAM_F_ENUM, fl, &en, NULL}
#define FR(nm, lbl, to, fl) {nm, lbl, SAM_F_REF, fl, NULL, to}
#define REQ SAM_FIELD_REQUIRED
#define KEY (SAM_FIELD_REQUIRED | SAM_FIELD_KEY)
#define LEN(a) ((int)SAM_ARRAY_LEN(a))

static const struct sam_field municipality_fields[] = {
	F("number", N_("number"), SAM_F_MUNI_NO, REQ),
	F("name", N_("name"), SAM_F_TEXT, REQ),
	F("county", N_("county"), SAM_F_TEXT, 0),
	F("note", N_("note"), SAM_F_NOTE, 0),
};
static const char *const municipality_names[] = {"name", "number"};
static const struct sam_entity municipality = {
	.name = "municipality", .table = "municipality", .label = N_("municipality"),
	.plural = "municipalities", .fields = municipality_fields,
	.nfields = LEN(municipality_fields), .title_field = "name",
	.name_fields = municipality_names, .nname_fields = LEN(municipality_names),
};

static const struct sam_field organisation_fields[] = {
	F("name", N_("name"), SAM_F_TEXT, REQ),
	F("short_name", N_("short name"), SAM_F_TEXT, 0),
	FE("kind", N_("kind"), sam_enum_org_kind, 0),
	F("note", N_("note"), SAM_F_NOTE, 0),
};
static const char *const organisation_names[] = {"name", "short_name"};
static const struct sam_entity organisation = {
	.name = "organisation", .table = "organisation", .label = N_("organisation"),
	.plural = "organisations", .fields = organisation_fields,
	.nfields = LEN(organisation_fields), .title_field = "name",
	.name_fields = organisation_names, .nname_fields = LEN(organisation_names),
};

/* Requested, additional request, decided and settled, each with the part
 * of it that is unaccompanied minors (EMA). */
static const struct sam_field settlement_fields[] = {
	FR("municipality", N_("municipality"), "municipality", KEY),
	F("year", N_("year"), SAM_F_YEAR, KEY),
	F("requested", N_("requested"), SAM_F_COUNT, 0),
	F("requested_ema", N_("requested, EMA"), SAM_F_COUNT, 0),
	F("extra_requested", N_("additional request"), SAM_F_COUNT, 0),
	F("extra_requested_ema", N_("additional request, EMA"), SAM_F_COUNT, 0),
	F("decided", N_("decided"), SAM_F_COUNT, 0),
	F("decided_ema", N_("decided, EMA"), SAM_F_COUNT, 0),
	F("settled", N_("settled"), SAM_F_COUNT, 0),
	F("settled_ema", N_("settled, EMA"), SAM_F_COUNT, 0),
	FE("status", N_("status"), sam_enum_settlement_status, 0),
	F("decision_date", N_("decision date"), SAM_F_DATE, 0),
	F("note", N_("note"), SAM_F_NOTE, 0),
};
static const char *const settlement_key[] = {"municipality", "year"};
static const struct sam_entity settlement = {
	.name = "settlement", .table = "settlement", .label = N_("settlement figures"),
	.plural = "settlements", .fields = settlement_fields,
	.nfields = LEN(settlement_fields), .derive_from = settlement_key,
	.nderive = LEN(settlement_key),
};

static const struct sam_field contact_fields[] = {
	F("name", N_("name"), SAM_F_TEXT, 0),
	F("position", N_("position"), SAM_F_TEXT, 0),
	F("email", N_("e-mail"), SAM_F_EMAIL, 0),
	F("phone", N_("phone"), SAM_F_PHONE, 0),
	FR("municipality", N_("municipality"), "municipality", 0),
	FR("organisation", N_("organisation"), "organisation", 0),
	F("note", N_("note"), SAM_F_NOTE, 0),
};
static const char *const contact_names[] = {"name"};
/* A steering group seat may be known by its position before its holder's
 * name is: a contact needs a name or a position. */
static const struct sam_entity contact = {
	.name = "contact", .table = "contact", .label = N_("contact"), .plural = "contacts",
	.fields = contact_fields, .nfields = LEN(contact_fields), .title_field = "name",
	.need_one_of = {"name", "position"},
	.name_fields = contact_names, .nname_fields = LEN(contact_names),
};

static const struct sam_field membership_fields[] = {
	FR("contact", N_("contact"), "contact", KEY),
	FE("group", N_("group"), sam_enum_group, KEY),
	F("role", N_("role"), SAM_F_TEXT, 0),
};
static const char *const membership_key[] = {"contact", "group"};
static const struct sam_entity membership = {
	.name = "membership", .table = "membership", .label = N_("group membership"),
	.plural = "memberships", .fields = membership_fields,
	.nfields = LEN(membership_fields), .derive_from = membership_key,
	.nderive = LEN(membership_key),
};

static const struct sam_field grant_fields[] = {
	FE("scheme", N_("scheme"), sam_enum_grant_scheme, REQ),
	F("year", N_("year"), SAM_F_YEAR, REQ),
	F("positions", N_("positions"), SAM_F_POSITIONS, 0),
	F("amount_nok", N_("amount (NOK)"), SAM_F_NOK, 0),
	FE("status", N_("status"), sam_enum_grant_status, 0),
	F("note", N_("note"), SAM_F_NOTE, 0),
};
static const struct sam_entity grant = {
	.name = "grant", .table = "grant_application", .label = N_("grant"), .plural = "grants",
	.fields = grant_fields, .nfields = LEN(grant_fields),
};

/* A municipality of a grant: one row each, so a joint application of two
 * municipalities made on two laptops keeps both. */
static const struct sam_field grant_municipality_fields[] = {
	FR("grant", N_("grant"), "grant", KEY),
	FR("municipality", N_("municipality"), "municipality", KEY),
};
static const char *const grant_municipality_key[] = {"grant", "municipality"};
static const struct sam_entity grant_municipality = {
	.name = "grant_municipality", .table = "grant_municipality",
	.label = N_("municipality of a grant"), .plural = "grant_municipalities",
	.fields = grant_municipality_fields, .nfields = LEN(grant_municipality_fields),
	.derive_from = grant_municipality_key, .nderive = LEN(grant_municipality_key),
};

/* starts_at and ends_at are instants in UTC. An all-day meeting starts at
 * midnight Oslo time of its first day, and ends_at is midnight of its last
 * day (inclusive), so a one-day meeting has no ends_at. */
static const struct sam_field meeting_fields[] = {
	F("title", N_("title"), SAM_F_TEXT, REQ),
	FE("kind", N_("kind"), sam_enum_meeting_kind, 0),
	F("starts_at", N_("start"), SAM_F_DATETIME, REQ),
	F("ends_at", N_("end"), SAM_F_DATETIME, 0),
	F("all_day", N_("all day"), SAM_F_BOOL, 0),
	F("place", N_("place"), SAM_F_TEXT, 0),
	FR("municipality", N_("municipality"), "municipality", 0),
	F("note", N_("note"), SAM_F_NOTE, 0),
};
static const char *const meeting_names[] = {"title"};
static const struct sam_entity meeting = {
	.name = "meeting", .table = "meeting", .label = N_("meeting"), .plural = "meetings",
	.fields = meeting_fields, .nfields = LEN(meeting_fields), .title_field = "title",
	.name_fields = meeting_names, .nname_fields = LEN(meeting_names),
};

static const struct sam_field attendee_fields[] = {
	FR("meeting", N_("meeting"), "meeting", KEY),
	FR("contact", N_("contact"), "contact", KEY),
};
static const char *const attendee_key[] = {"meeting", "contact"};
static const struct sam_entity attendee = {
	.name = "attendee", .table = "attendee", .label = N_("attendee"), .plural = "attendees",
	.fields = attendee_fields, .nfields = LEN(attendee_fields),
	.derive_from = attendee_key, .nderive = LEN(attendee_key),
};

/* The questions a municipality answers before a visit. */
static const struct sam_field visit_question_fields[] = {
	F("number", N_("number"), SAM_F_COUNT, REQ),
	F("text", N_("question"), SAM_F_NOTE, REQ),
};
static const struct sam_entity visit_question = {
	.name = "visit_question", .table = "visit_question", .label = N_("visit question"),
	.plural = "visit_questions", .fields = visit_question_fields,
	.nfields = LEN(visit_question_fields), .title_field = "text",
};

static const struct sam_field visit_answer_fields[] = {
	FR("municipality", N_("municipality"), "municipality", KEY),
	F("year", N_("year"), SAM_F_YEAR, KEY),
	FR("question", N_("question"), "visit_question", KEY),
	F("answer", N_("answer"), SAM_F_NOTE, 0),
};
static const char *const visit_answer_key[] = {"municipality", "year", "question"};
static const struct sam_entity visit_answer = {
	.name = "visit_answer", .table = "visit_answer", .label = N_("visit answer"),
	.plural = "visit_answers", .fields = visit_answer_fields,
	.nfields = LEN(visit_answer_fields), .derive_from = visit_answer_key,
	.nderive = LEN(visit_answer_key),
};

/* Who is behind a device's changes; an ordinary record, so it syncs and a
 * person's name can be erased like any other value. */
static const struct sam_field device_fields[] = {
	F("dev", N_("device id"), SAM_F_TEXT, KEY),
	F("user_name", N_("person"), SAM_F_TEXT, 0),
	F("label", N_("device"), SAM_F_TEXT, 0),
};
static const char *const device_key[] = {"dev"};
static const struct sam_entity device = {
	.name = "device", .table = "device", .label = N_("device"), .plural = "devices",
	.fields = device_fields, .nfields = LEN(device_fields), .title_field = "label",
	.derive_from = device_key, .nderive = LEN(device_key),
};

const struct sam_entity *const sam_entities[] = {
	&municipality, &organisation, &settlement, &contact, &membership, &grant,
	&grant_municipality, &meeting, &attendee, &visit_question, &visit_answer, &device,
};
const int sam_nentities = LEN(sam_entities);

const struct sam_entity *sam_entity_find(const char *name)
{
	for (int i = 0; i < sam_nentities; i++)
		if (strcmp(sam_entities[i]->name, name) == 0 ||
		    strcmp(sam_entities[i]->plural, name) == 0)
			return sam_entities[i];
	return NULL;
}

int sam_entity_field_index(const struct sam_entity *e, const char *name)
{
	for (int i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].name, name) == 0)
			return i;
	return -1;
}

const struct sam_field *sam_entity_field(const struct sam_entity *e, const char *name)
{
	int i = sam_entity_field_index(e, name);
	return i < 0 ? NULL : &e->fields[i];
}

bool sam_name_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64)
		return false;
	if (!((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}
