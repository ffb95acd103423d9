/* The fixed lists' keys and labels. A key, once released, never changes:
 * it is in every database and every sync file. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/collate.h"
#include "core/common.h"
#include "core/enums.h"

#define ENUM(var, nm, arr) \
	const struct sam_enum var = {nm, arr, (int)SAM_ARRAY_LEN(arr)}

static const struct sam_enum_item settlement_status[] = {
	[SAM_SETTLEMENT_NO_LETTER] = {"no_letter", N_("no letter received"), "ikke mottatt brev"},
	[SAM_SETTLEMENT_AWAITING] = {"awaiting", N_("awaiting"), "avventer"},
	[SAM_SETTLEMENT_LATER_DEADLINE] = {"later_deadline", N_("asked for later deadline"), "bedt om utsatt frist"},
	[SAM_SETTLEMENT_POSITIVE] = {"positive", N_("positive, not decided"), "positiv"},
	[SAM_SETTLEMENT_DECIDED] = {"decided", N_("decided"), "vedtatt"},
	[SAM_SETTLEMENT_DECIDED_IN_PART] = {"decided_in_part", N_("decided in part"), "delvis vedtatt"},
	[SAM_SETTLEMENT_NEGATIVE] = {"negative", N_("negative"), "negativ"},
};
ENUM(sam_enum_settlement_status, "settlement_status", settlement_status);

static const struct sam_enum_item grant_status[] = {
	[SAM_GRANT_APPLIED] = {"applied", N_("applied"), "søkt"},
	[SAM_GRANT_RECOMMENDED] = {"recommended", N_("recommended"), "innstilt"},
	[SAM_GRANT_DECIDED] = {"decided", N_("decided"), "vedtatt"},
	[SAM_GRANT_ON_HOLD] = {"on_hold", N_("on hold"), "på vent"},
	[SAM_GRANT_REJECTED] = {"rejected", N_("rejected"), "avslått"},
	[SAM_GRANT_NOT_APPLIED] = {"not_applied", N_("not applied"), "ikke søkt"},
};
ENUM(sam_enum_grant_status, "grant_status", grant_status);

static const struct sam_enum_item grant_scheme[] = {
	[SAM_SCHEME_HOUSING] = {"housing", N_("social housing work"), "boligsosialt arbeid"},
	[SAM_SCHEME_CHILD_POVERTY] = {"child_poverty", N_("child poverty"), "barnefattigdom"},
};
ENUM(sam_enum_grant_scheme, "grant_scheme", grant_scheme);

static const struct sam_enum_item meeting_kind[] = {
	[SAM_MEETING_NETWORK] = {"network", N_("network meeting"), "nettverksmøte"},
	[SAM_MEETING_STEERING] = {"steering", N_("steering group meeting"), "styringsgruppemøte"},
	[SAM_MEETING_PROJECT] = {"project", N_("project group meeting"), "prosjektgruppemøte"},
	[SAM_MEETING_VISIT] = {"visit", N_("municipality visit"), "kommunebesøk"},
	[SAM_MEETING_COURSE] = {"course", N_("course"), "kurs"},
	[SAM_MEETING_CONFERENCE] = {"conference", N_("conference"), "konferanse"},
	[SAM_MEETING_GATHERING] = {"gathering", N_("gathering"), "samling"},
	[SAM_MEETING_DEADLINE] = {"deadline", N_("deadline"), "frist"},
	[SAM_MEETING_OTHER] = {"other", N_("other"), "annet"},
};
ENUM(sam_enum_meeting_kind, "meeting_kind", meeting_kind);

static const struct sam_enum_item group[] = {
	[SAM_GROUP_NETWORK] = {"network", N_("network"), "nettverk"},
	[SAM_GROUP_STEERING] = {"steering", N_("steering group"), "styringsgruppe"},
	[SAM_GROUP_PROJECT] = {"project", N_("project group"), "prosjektgruppe"},
	[SAM_GROUP_REFERENCE] = {"reference", N_("reference group"), "referansegruppe"},
};
ENUM(sam_enum_group, "group", group);

static const struct sam_enum_item org_kind[] = {
	[SAM_ORG_COUNTY_GOVERNOR] = {"county_governor", N_("county governor"), "statsforvalter"},
	[SAM_ORG_STATE_AGENCY] = {"state_agency", N_("state agency"), "statlig etat"},
	[SAM_ORG_COUNTY_COUNCIL] = {"county_council", N_("county council"), "fylkeskommune"},
	[SAM_ORG_MUNICIPAL_BODY] = {"municipal_body", N_("municipal body"), "kommunalt organ"},
	[SAM_ORG_VOLUNTEER] = {"volunteer", N_("voluntary organisation"), "frivillig organisasjon"},
	[SAM_ORG_CHURCH] = {"church", N_("church"), "kirke"},
	[SAM_ORG_UNION] = {"union", N_("trade union"), "fagforening"},
	[SAM_ORG_OTHER] = {"other", N_("other"), "annet"},
};
ENUM(sam_enum_org_kind, "org_kind", org_kind);

int sam_enum_from_key(const struct sam_enum *e, const char *key)
{
	for (int i = 0; i < e->count; i++)
		if (strcmp(e->items[i].key, key) == 0)
			return i;
	return -1;
}

/* Treats '_' in a key as the space people type. */
static int key_equal(const char *key, const char *text)
{
	for (; *key && *text; key++, text++) {
		char k = *key == '_' ? ' ' : *key;
		char t = *text == '_' ? ' ' : *text;
		if (k != t && !(k >= 'a' && k <= 'z' && t == k - 'a' + 'A'))
			return 0;
	}
	return *key == '\0' && *text == '\0';
}

static int is_prefix_fold(const char *whole, const char *prefix)
{
	char *fw = sam_fold_nb(whole), *fp = sam_fold_nb(prefix);
	int r = strncmp(fw, fp, strlen(fp)) == 0;
	free(fw);
	free(fp);
	return r;
}

int sam_enum_parse(const struct sam_enum *e, const char *text)
{
	if (!text || !*text)
		return -1;
	for (int i = 0; i < e->count; i++) {
		const struct sam_enum_item *it = &e->items[i];
		if (key_equal(it->key, text) || sam_name_equal(it->label, text) ||
		    sam_name_equal(_(it->label), text) || sam_name_equal(it->nb, text))
			return i;
	}
	int found = -1;
	for (int i = 0; i < e->count; i++) {
		const struct sam_enum_item *it = &e->items[i];
		if (is_prefix_fold(it->key, text) || is_prefix_fold(it->label, text) ||
		    is_prefix_fold(_(it->label), text) || is_prefix_fold(it->nb, text)) {
			if (found >= 0)
				return -1;
			found = i;
		}
	}
	return found;
}

const char *sam_enum_label(const struct sam_enum *e, const char *key)
{
	int i = key ? sam_enum_from_key(e, key) : -1;
	return i < 0 ? (key ? key : "") : _(e->items[i].label);
}

char *sam_enum_choices(const struct sam_enum *e)
{
	struct strbuf sb = {0};
	for (int i = 0; i < e->count; i++)
		sb_addf(&sb, "%s%s", i ? ", " : "", _(e->items[i].label));
	return sb_steal(&sb);
}
