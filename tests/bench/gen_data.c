/* The benchmark's data set (see gen_data.h). Names are Norwegian, with æ,
 * ø and å where real names have them, so sorting, searching and column
 * widths are measured on the letters users have. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/common.h"
#include "core/oslo_time.h"
#include "tests/bench/gen_data.h"

const struct gen_scale gen_national = {
	.municipalities = 356, .years = 10, .first_year = 2016, .contacts = 50000,
	.meetings = 100000, .grants = 2000, .devices = 30, .device_ops = 200000,
};

uint64_t gen_next(struct gen_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

int gen_below(struct gen_rng *r, int n)
{
	return (int)(gen_next(r) % (uint64_t)n);
}

struct gen_rng gen_rng_for(uint64_t seed, const char *kind, int64_t index)
{
	struct gen_rng r = {seed};
	for (const char *p = kind; *p; p++)
		r.s = (r.s ^ (unsigned char)*p) * 0x100000001b3ULL;
	r.s ^= (uint64_t)index * 0xd6e8feb86659fd93ULL;
	gen_next(&r);
	return r;
}

#define PICK(r, a) ((a)[gen_below((r), (int)SAM_ARRAY_LEN(a))])

void gen_id(uint64_t seed, const char *kind, int64_t index, char out[SAM_ID_BUF])
{
	char s[24], i[24];
	snprintf(s, sizeof s, "%" PRIu64, seed);
	snprintf(i, sizeof i, "%" PRId64, index);
	const char *parts[] = {"bench", s, kind, i};
	sam_id_derive(out, parts, 4);
}

void gen_dev(uint64_t seed, int device, char out[SAM_DEV_BUF])
{
	char id[SAM_ID_BUF];
	gen_id(seed, "device", device, id);
	memcpy(out, id, SAM_DEV_LEN);
	out[SAM_DEV_LEN] = '\0';
}

/* ------------------------------------------------------------ names */

static const char *const places[] = {
	"Bø", "Ålesund", "Sørfold", "Grue", "Åmot", "Våler", "Rømskog", "Hægebostad",
	"Løten", "Årdal", "Øyer", "Bærum", "Fræna", "Hå", "Tønsberg", "Førde", "Kvæfjord",
	"Sømna", "Lødingen", "Bjørnafjorden", "Hjelmeland", "Vågå", "Tysnes", "Lærdal",
	"Snåsa", "Røros", "Frøya", "Træna", "Værøy", "Røst", "Øksnes", "Måsøy", "Båtsfjord",
	"Nesodden", "Hurdal", "Eidskog", "Stor-Elvdal", "Tynset", "Dovre", "Skjåk", "Lom",
	"Gjøvik", "Nittedal", "Flå", "Nore", "Rollag", "Ål", "Hol", "Seljord", "Fyresdal",
	"Åseral", "Sirdal", "Gjesdal", "Sauda", "Suldal", "Utsira", "Bremanger", "Gloppen",
	"Stryn", "Sykkylven", "Aukra", "Smøla", "Rindal", "Meråker", "Frosta", "Leka",
};
static const char *const place_prefix[] = {"", "Nord-", "Sør-", "Øvre ", "Nedre ", "Vestre ", "Østre "};
static const char *const counties[] = {
	"Oslo", "Rogaland", "Møre og Romsdal", "Nordland", "Viken", "Innlandet",
	"Vestfold og Telemark", "Agder", "Vestland", "Trøndelag", "Troms og Finnmark",
};
static const char *const county_codes[] = {"03", "11", "15", "18", "30", "34",
                                           "38", "42", "46", "50", "54"};

static const char *const given_names[] = {
	"Åse", "Bjørn", "Kåre", "Sølvi", "Ørjan", "Kjærsti", "Håkon", "Ingebjørg", "Mari",
	"Ole", "Kari", "Per", "Siv", "Tore", "Åshild", "Børge", "Gøril", "Jørgen", "Lærke",
	"Mette", "Nils", "Øystein", "Ragnhild", "Sigrún", "Torbjørn", "Vigdis", "Åsmund",
	"Ida", "Jonas", "Hanne", "Rune", "Solveig", "Trond", "Guri", "Ståle", "Liv",
	"Amina", "Mohammed", "Sara", "Ahmad", "Fatima", "Yonas", "Aster", "Ali",
};
static const char *const family_names[] = {
	"Bråthen", "Sæther", "Løvås", "Ødegård", "Grønli", "Kjær", "Hågensen", "Aasen",
	"Strøm", "Dæhli", "Haugen", "Hansen", "Johansen", "Olsen", "Larsen", "Berg",
	"Sørensen", "Nygård", "Bakken", "Lie", "Kristiansen", "Solberg", "Mæland", "Ås",
	"Fjellstad", "Gjærde", "Holmøy", "Rønning", "Skår", "Tveiten", "Vågen", "Østby",
	"Ali", "Hussein", "Tesfaye", "Nguyen",
};
static const char *const positions[] = {
	"flyktningkonsulent", "leder flyktningtjenesten", "NAV-leder", "rådgiver",
	"kommunalsjef", "boligkonsulent", "programrådgiver", "seniorrådgiver",
	"enhetsleder", "rådmann", "prosjektleder", "avdelingsleder",
};
static const char *const meeting_titles[][2] = {
	{"Nettverksmøte", "network"}, {"Styringsgruppemøte", "steering"},
	{"Prosjektgruppemøte", "project"}, {"Kommunebesøk", "visit"},
	{"Kurs i bosettingsarbeid", "course"}, {"Fagsamling", "gathering"},
	{"Konferanse om integrering", "conference"}, {"Frist: søknad tilskudd", "deadline"},
	{"Møte med IMDi", "other"},
};

/* æ → ae, ø → o, å → aa, as in the addresses people make; other letters
 * outside ASCII are left out. */
static void ascii_fold(const char *s, char *out, size_t size)
{
	static const char *const map[][2] = {
		{"æ", "ae"}, {"ø", "o"}, {"å", "aa"}, {"Æ", "ae"}, {"Ø", "o"}, {"Å", "aa"}, {"ú", "u"},
	};
	size_t n = 0;
	while (*s && n + 3 < size) {
		bool done = false;
		for (size_t k = 0; k < SAM_ARRAY_LEN(map) && !done; k++) {
			size_t len = strlen(map[k][0]);
			if (strncmp(s, map[k][0], len) == 0) {
				n += (size_t)snprintf(out + n, size - n, "%s", map[k][1]);
				s += len;
				done = true;
			}
		}
		if (done)
			continue;
		unsigned char c = (unsigned char)*s++;
		if (c >= 'A' && c <= 'Z')
			out[n++] = (char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')
			out[n++] = (char)c;
		else if (c == ' ')
			out[n++] = '.';
	}
	out[n] = '\0';
}

/* ------------------------------------------------------------ records */

void gen_municipality(uint64_t seed, int i, struct gen_municipality *out)
{
	int nplaces = (int)SAM_ARRAY_LEN(places);
	gen_id(seed, "municipality", i, out->id);
	snprintf(out->name, sizeof out->name, "%s%s", place_prefix[(i / nplaces) % 7],
	         places[i % nplaces]);
	int county = i % (int)SAM_ARRAY_LEN(counties);
	out->county = counties[county];
	snprintf(out->number, sizeof out->number, "%s%02d", county_codes[county],
	         (i / (int)SAM_ARRAY_LEN(counties)) % 100 + 1);
}

void gen_contact(uint64_t seed, const struct gen_scale *sc, int i, struct gen_contact *out)
{
	struct gen_rng r = gen_rng_for(seed, "contact", i);
	gen_id(seed, "contact", i, out->id);
	snprintf(out->given, sizeof out->given, "%s", PICK(&r, given_names));
	snprintf(out->family, sizeof out->family, "%s", PICK(&r, family_names));
	snprintf(out->name, sizeof out->name, "%s %s", out->given, out->family);
	out->position = PICK(&r, positions);
	out->municipality = gen_below(&r, sc->municipalities);
	char local[64], dom[64];
	struct gen_municipality m;
	gen_municipality(seed, out->municipality, &m);
	ascii_fold(out->name, local, sizeof local);
	ascii_fold(m.name, dom, sizeof dom);
	/* The index keeps two Kari Hansens of one municipality apart. */
	snprintf(out->email, sizeof out->email, "%s%d@%s.kommune.no", local, i % 97, dom);
	int p = 40000000 + gen_below(&r, 59999999);
	snprintf(out->phone, sizeof out->phone, "%03d %02d %03d", p / 100000, p / 1000 % 100,
	         p % 1000);
	out->network = gen_below(&r, 5) == 0;
}

/* Meetings are spread evenly over the years, on weekdays in office hours
 * (Oslo time); one in twenty is all day. */
void gen_meeting(uint64_t seed, const struct gen_scale *sc, int i, struct gen_meeting *out)
{
	struct gen_rng r = gen_rng_for(seed, "meeting", i);
	gen_id(seed, "meeting", i, out->id);
	int64_t first = sam_days_from_civil(sc->first_year, 1, 1);
	int64_t span = sam_days_from_civil(sc->first_year + sc->years, 1, 1) - first;
	int64_t day = first + (int64_t)i * span / sc->meetings;
	int y, mo, d;
	sam_civil_from_days(day, &y, &mo, &d);
	while (sam_weekday(y, mo, d) > 5)
		sam_civil_from_days(--day, &y, &mo, &d);
	int t = gen_below(&r, (int)SAM_ARRAY_LEN(meeting_titles));
	out->kind = meeting_titles[t][1];
	out->municipality = gen_below(&r, 3) ? gen_below(&r, sc->municipalities) : -1;
	struct gen_municipality m = {0};
	if (out->municipality >= 0)
		gen_municipality(seed, out->municipality, &m);
	if (out->municipality >= 0 && strcmp(out->kind, "visit") == 0)
		snprintf(out->title, sizeof out->title, "%s i %s", meeting_titles[t][0], m.name);
	else
		snprintf(out->title, sizeof out->title, "%s %d", meeting_titles[t][0], i % 1000);
	snprintf(out->place, sizeof out->place, "%s", out->municipality >= 0 ? m.name : "Fylkeshuset");
	out->all_day = gen_below(&r, 20) == 0;
	struct sam_civil c = {y, mo, d, 0, 0, 0};
	if (out->all_day) {
		out->starts = sam_oslo_to_utc(&c);
		out->ends = 0;
	} else {
		c.hour = 8 + gen_below(&r, 8);
		c.minute = 15 * gen_below(&r, 4);
		out->starts = sam_oslo_to_utc(&c);
		out->ends = out->starts + 1800 * (1 + gen_below(&r, 4));
	}
	out->attendee = gen_below(&r, 2) ? gen_below(&r, sc->contacts) : -1;
}

void gen_grant(uint64_t seed, const struct gen_scale *sc, int i, struct gen_grant *out)
{
	static const char *const schemes[] = {"housing", "child_poverty"};
	static const char *const status[] = {"applied", "recommended", "decided", "on_hold",
	                                     "rejected"};
	struct gen_rng r = gen_rng_for(seed, "grant", i);
	gen_id(seed, "grant", i, out->id);
	out->scheme = PICK(&r, schemes);
	out->status = PICK(&r, status);
	out->year = sc->first_year + gen_below(&r, sc->years);
	out->positions = 50 * (1 + gen_below(&r, 4));
	out->amount = 100000 * (2 + gen_below(&r, 20));
	out->municipality = gen_below(&r, sc->municipalities);
}

void gen_settlement(uint64_t seed, int municipality, int year, struct gen_settlement *out)
{
	static const char *const status[] = {"awaiting", "positive", "decided", "decided",
	                                     "decided_in_part", "negative"};
	struct gen_rng r = gen_rng_for(seed, "settlement", municipality * 10000 + year);
	out->requested = 5 + gen_below(&r, 60);
	out->decided = out->requested * (50 + gen_below(&r, 60)) / 100;
	out->settled = out->decided * (60 + gen_below(&r, 41)) / 100;
	out->status = PICK(&r, status);
}

void gen_settlement_id(uint64_t seed, int municipality, int year, char out[SAM_ID_BUF])
{
	char mid[SAM_ID_BUF], y[8];
	gen_id(seed, "municipality", municipality, mid);
	snprintf(y, sizeof y, "%d", year);
	gen_derived_id("settlement", mid, y, out);
}

void gen_derived_id(const char *entity, const char *a, const char *b, char out[SAM_ID_BUF])
{
	const char *parts[] = {entity, a, b};
	sam_id_derive(out, parts, 3);
}
