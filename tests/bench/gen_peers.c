/* The same meetings and contacts in the files of the peers samordne is
 * compared with, so each tool works on identical data: one .ics file
 * (what `calcurse -i` and an import read), a khal vdir (one .ics per
 * event, as khal keeps a calendar), calcurse's `apts` file, an abook
 * addressbook and a vCard file. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/common.h"
#include "core/oslo_time.h"
#include "tests/bench/gen_peers.h"

static FILE *create(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "gen: cannot write %s: %s\n", path, strerror(errno));
		exit(1);
	}
	free(path);
	return f;
}

static void make_dir(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	if (mkdir(path, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "gen: cannot make %s: %s\n", path, strerror(errno));
		exit(1);
	}
	free(path);
}

static void finish(FILE *f)
{
	if (ferror(f) | fclose(f)) {
		fprintf(stderr, "gen: write error: %s\n", strerror(errno));
		exit(1);
	}
}

/* ------------------------------------------------------------ iCalendar */

/* One content line, folded at 75 octets (RFC 5545 3.1) between UTF-8
 * sequences, never inside one. */
static void ics_line(FILE *f, const char *name, const char *value)
{
	char *line = xasprintf("%s:%s", name, value);
	size_t n = strlen(line), start = 0, width = 75;
	while (n - start > width) {
		size_t cut = start + width;
		while (cut > start && ((unsigned char)line[cut] & 0xC0) == 0x80)
			cut--;
		fprintf(f, "%.*s\r\n ", (int)(cut - start), line + start);
		start = cut;
		width = 74; /* the folded line's leading space counts */
	}
	fprintf(f, "%s\r\n", line + start);
	free(line);
}

static void ics_utc(char out[17], int64_t t)
{
	char iso[21];
	sam_iso_utc_format(t, iso); /* 2016-01-04T07:00:00Z */
	snprintf(out, 17, "%.4s%.2s%.2sT%.2s%.2s%.2sZ", iso, iso + 5, iso + 8, iso + 11, iso + 14,
	         iso + 17);
}

static void ics_date(char out[9], int64_t t, int add_days)
{
	struct sam_civil c;
	sam_utc_to_oslo(t, &c);
	int y, m, d;
	sam_civil_from_days(sam_days_from_civil(c.year, c.month, c.day) + add_days, &y, &m, &d);
	snprintf(out, 9, "%04d%02d%02d", y, m, d);
}

static void ics_event(FILE *f, const struct gen_meeting *mt)
{
	char uid[64], a[17], b[17];
	snprintf(uid, sizeof uid, "%s@bench.samordne", mt->id);
	fputs("BEGIN:VEVENT\r\n", f);
	ics_line(f, "UID", uid);
	ics_line(f, "DTSTAMP", "20151201T080000Z");
	if (mt->all_day) {
		ics_date(a, mt->starts, 0);
		ics_date(b, mt->starts, 1);
		ics_line(f, "DTSTART;VALUE=DATE", a);
		ics_line(f, "DTEND;VALUE=DATE", b);
	} else {
		ics_utc(a, mt->starts);
		ics_utc(b, mt->ends);
		ics_line(f, "DTSTART", a);
		ics_line(f, "DTEND", b);
	}
	ics_line(f, "SUMMARY", mt->title);
	ics_line(f, "LOCATION", mt->place);
	ics_line(f, "CATEGORIES", mt->kind);
	fputs("END:VEVENT\r\n", f);
}

static void ics_begin(FILE *f)
{
	fputs("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//samordne//benchmark//NB\r\n", f);
}

/* ------------------------------------------------------------ calcurse */

/* calcurse's apts: local (Oslo) time, "MM/DD/YYYY @ HH:MM -> … |title"
 * for an appointment, "MM/DD/YYYY [1] title" for an all-day event. */
static void apts_line(FILE *f, const struct gen_meeting *mt)
{
	struct sam_civil s, e;
	sam_utc_to_oslo(mt->starts, &s);
	if (mt->all_day) {
		fprintf(f, "%02d/%02d/%04d [1] %s\n", s.month, s.day, s.year, mt->title);
		return;
	}
	sam_utc_to_oslo(mt->ends, &e);
	fprintf(f, "%02d/%02d/%04d @ %02d:%02d -> %02d/%02d/%04d @ %02d:%02d |%s\n", s.month, s.day,
	        s.year, s.hour, s.minute, e.month, e.day, e.year, e.hour, e.minute, mt->title);
}

void gen_write_calendars(const char *dir, uint64_t seed, const struct gen_scale *sc)
{
	make_dir(dir, "calcurse");
	make_dir(dir, "khal");
	FILE *ics = create(dir, "meetings.ics");
	FILE *apts = create(dir, "calcurse/apts");
	finish(create(dir, "calcurse/todo"));
	ics_begin(ics);
	for (int i = 0; i < sc->meetings; i++) {
		struct gen_meeting mt;
		gen_meeting(seed, sc, i, &mt);
		ics_event(ics, &mt);
		apts_line(apts, &mt);
		char *name = xasprintf("khal/%s.ics", mt.id);
		FILE *one = create(dir, name);
		free(name);
		ics_begin(one);
		ics_event(one, &mt);
		fputs("END:VCALENDAR\r\n", one);
		finish(one);
	}
	fputs("END:VCALENDAR\r\n", ics);
	finish(ics);
	finish(apts);
}

/* ------------------------------------------------------------ contacts */

void gen_write_addressbooks(const char *dir, uint64_t seed, const struct gen_scale *sc)
{
	make_dir(dir, "abook");
	FILE *ab = create(dir, "abook/addressbook");
	FILE *vcf = create(dir, "contacts.vcf");
	fputs("# abook addressbook file\n\n[format]\nprogram=abook\nversion=0.6.1\n\n", ab);
	for (int i = 0; i < sc->contacts; i++) {
		struct gen_contact c;
		struct gen_municipality m;
		gen_contact(seed, sc, i, &c);
		gen_municipality(seed, c.municipality, &m);
		fprintf(ab, "\n[%d]\nname=%s\nemail=%s\nphone=%s\ncity=%s\nnotes=%s\n", i, c.name,
		        c.email, c.phone, m.name, c.position);
		fprintf(vcf,
		        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:%s\r\nFN:%s\r\nN:%s;%s;;;\r\n"
		        "TITLE:%s\r\nORG:%s kommune\r\nEMAIL;TYPE=INTERNET:%s\r\n"
		        "TEL;TYPE=WORK:%s\r\nEND:VCARD\r\n",
		        c.id, c.name, c.family, c.given, c.position, m.name, c.email, c.phone);
	}
	finish(ab);
	finish(vcf);
}
