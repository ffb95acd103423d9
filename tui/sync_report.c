/* The sync child's lines in words (see sync_report.h). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/common.h"
#include "core/oslo_time.h"
#include "tui/sync_report.h"

void sync_report_init(struct sync_report *r)
{
	memset(r, 0, sizeof(*r));
	r->end = SYNC_RUNNING;
	snprintf(r->step, sizeof r->step, "%s", _("syncing…"));
}

/* The text after a line's first word, or NULL if the line starts with
 * another word. */
static const char *after_word(const char *line, const char *word)
{
	size_t n = strlen(word);
	if (strncmp(line, word, n) != 0)
		return NULL;
	if (line[n] == '\0')
		return line + n;
	return line[n] == ' ' ? line + n + 1 : NULL;
}

/* "progress pushing 2/5" and its kin, as "syncing: …". */
static void progress_step(struct sync_report *r, const char *what)
{
	char dev[32];
	int i, n;
	long long seg;
	long ms;
	const char *rest;
	if (strcmp(what, "listing") == 0)
		snprintf(r->step, sizeof r->step, "%s", _("syncing: asking the server what is new"));
	else if (strcmp(what, "sealing") == 0)
		snprintf(r->step, sizeof r->step, "%s", _("syncing: packing this laptop's changes"));
	else if (sscanf(what, "pushing %d/%d", &i, &n) == 2)
		snprintf(r->step, sizeof r->step, _("syncing: pushing %d/%d"), i, n);
	else if (sscanf(what, "pulling %31s %lld", dev, &seg) == 2)
		/* A device id is 16 hex digits; 8 tell laptops apart. */
		snprintf(r->step, sizeof r->step, _("syncing: receiving %.8s, segment %lld"), dev, seg);
	else if (sscanf(what, "waiting %ld", &ms) == 1)
		snprintf(r->step, sizeof r->step, _("syncing: the server is busy, trying again in %ld s"),
		         (ms + 999) / 1000);
	else if ((rest = after_word(what, "snapshot")) != NULL)
		snprintf(r->step, sizeof r->step, "%s",
		         *rest ? _("syncing: reading a snapshot") : _("syncing: writing a snapshot"));
	else
		snprintf(r->step, sizeof r->step, _("syncing: %s"), what);
}

void sync_report_feed(struct sync_report *r, const char *line)
{
	const char *rest;
	if ((rest = after_word(line, "progress")) != NULL) {
		progress_step(r, rest);
	} else if ((rest = after_word(line, "done")) != NULL) {
		int p, q, c;
		if (sscanf(rest, "pushed=%d pulled=%d conflicts=%d", &p, &q, &c) == 3) {
			r->end = SYNC_DONE;
			r->pushed = p;
			r->pulled = q;
			r->conflicts = c;
		}
	} else if ((rest = after_word(line, "warning")) != NULL) {
		snprintf(r->warning, sizeof r->warning, "%s", rest);
	} else if ((rest = after_word(line, "error")) != NULL) {
		r->end = SYNC_ERROR;
		snprintf(r->message, sizeof r->message, "%s", rest);
	} else if ((rest = after_word(line, "offline")) != NULL) {
		r->end = SYNC_OFFLINE;
		snprintf(r->message, sizeof r->message, "%s", rest);
	}
}

void sync_when_text(int64_t ms, int64_t now_ms, char out[32])
{
	struct sam_civil c, now;
	sam_utc_to_oslo(ms / 1000, &c);
	sam_utc_to_oslo(now_ms / 1000, &now);
	if (c.year == now.year && c.month == now.month && c.day == now.day)
		snprintf(out, 32, "%02d:%02d", c.hour, c.minute);
	else
		snprintf(out, 32, "%02d.%02d.%04d %02d:%02d", c.day, c.month, c.year, c.hour,
		         c.minute);
}

static char *synced_text(const struct sync_report *r, const char *when)
{
	char *conflicts = xasprintf(ngettext("%d conflict", "%d conflicts", (unsigned long)r->conflicts),
	                            r->conflicts);
	char *text = xasprintf(_("synced %s: %d sent, %d received, %s"), when, r->pushed, r->pulled,
	                       conflicts);
	free(conflicts);
	if (r->warning[0]) {
		char *with = xasprintf("%s (%s)", text, r->warning);
		free(text);
		text = with;
	}
	return text;
}

char *sync_report_outcome(const struct sync_report *r, int status, int64_t now_ms,
                          bool *is_error)
{
	*is_error = true;
	char when[32];
	switch (r->end) {
	case SYNC_DONE:
		sync_when_text(now_ms, now_ms, when);
		*is_error = false;
		return synced_text(r, when);
	case SYNC_OFFLINE:
		return xasprintf(_("offline: %s"), r->message);
	case SYNC_ERROR:
		return xasprintf(_("sync failed: %s"), r->message);
	case SYNC_RUNNING:
		break;
	}
	/* The child ended without a last line: it could not start, or died. */
	if (status > 128)
		return xasprintf(_("sync failed: stopped by signal %d"), status - 128);
	return xasprintf(_("sync failed (exit status %d)"), status);
}

char *sync_last_text(const struct sam_sync_last *last, int64_t now_ms, bool *is_error)
{
	*is_error = false;
	char when[32];
	if (last->finished_ms <= 0)
		return xstrdup(_("never synced"));
	if (strcmp(last->outcome, "ok") == 0) {
		sync_when_text(last->finished_ms, now_ms, when);
		return xasprintf(_("synced %s"), when);
	}
	if (last->last_ok_ms > 0)
		sync_when_text(last->last_ok_ms, now_ms, when);
	*is_error = true;
	if (strcmp(last->outcome, "offline") == 0)
		return last->last_ok_ms > 0 ? xasprintf(_("offline, last synced %s"), when)
		                            : xstrdup(_("offline, never synced"));
	return xasprintf(_("sync failed: %s"), last->message[0] ? last->message : last->outcome);
}
