/* `samordne network create|join`, `samordne sync` and `samordne
 * conflicts`: their command lines, `sync --status` and `conflicts`, which
 * read only the database. What talks to the server is in cli_sync_run.c,
 * in samordne-webdav (see cli_sync.h). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/conflict.h"
#include "core/oslo_time.h"
#include "core/record.h"
#include "sync/sync.h"
#include "tui/cli.h"
#include "tui/cli_sync.h"

/* Oslo time of ms since the epoch, "02.10.2015 13:00". */
static void format_ms(int64_t ms, char out[32])
{
	if (ms <= 0) {
		snprintf(out, 32, "%s", _("never"));
		return;
	}
	struct sam_civil c;
	sam_utc_to_oslo(ms / 1000, &c);
	snprintf(out, 32, "%02d.%02d.%04d %02d:%02d", c.day, c.month, c.year, c.hour, c.minute);
}

/* ------------------------------------------------------------ network */

int cli_network(struct cli *cli, int argc, char **argv)
{
	int rc = cli_parse_options(argc, argv, NULL);
	if (rc != CLI_OK)
		return rc;
	if ((rc = cli_operands(argc, argv, 1, 2)) != CLI_OK)
		return rc;
	const char *what = argv[optind];
	bool create = strcmp(what, "create") == 0;
	if (!create && strcmp(what, "join") != 0)
		return cli_usage_error(_("network: unknown action '%s' (choose: create, join)"), what);
	return cli_network_online(cli, argc, argv, create,
	                          optind + 1 < argc ? argv[optind + 1] : NULL);
}

/* ------------------------------------------------------------ sync */

static int print_status(struct sam_db *db)
{
	struct sam_sync_status st;
	struct sam_err err;
	if (sam_sync_status_load(db, &st, &err) < 0)
		return cli_fail(&err);
	char when[32], ok[32];
	format_ms(st.last.finished_ms, when);
	format_ms(st.last.last_ok_ms, ok);
	printf(_("network:      %s\n"), st.url ? st.url : _("none (samordne network join URL)"));
	printf(_("last sync:    %s (%s)%s%s\n"), when, st.last.outcome[0] ? st.last.outcome : "-",
	       st.last.message[0] ? ": " : "", st.last.message);
	printf(_("last success: %s\n"), ok);
	printf(_("not pushed:   %lld changes\n"), (long long)st.last.unpushed);
	printf(_("devices:      %d\n"), st.ndev);
	for (int i = 0; i < st.ndev; i++) {
		const struct sam_sync_device_status *d = &st.dev[i];
		char seen[32];
		format_ms(d->last_seen_ms, seen);
		if (d->head_seg >= 0)
			printf(_("  %s  %s  last seen %s  applied %lld of %lld\n"), d->dev, d->label, seen,
			       (long long)d->applied_seg, (long long)d->head_seg);
		else
			printf(_("  %s  %s  last seen %s  applied %lld\n"), d->dev, d->label, seen,
			       (long long)d->applied_seg);
		if (d->parked)
			printf(_("      parked: %s\n"), d->parked);
		if (d->flag)
			printf(_("      note: %s\n"), d->flag);
	}
	sam_sync_status_free(&st);
	return CLI_OK;
}

enum { OPT_STATUS = 0x300, OPT_PROGRESS_FD, OPT_SNAPSHOT };

int cli_sync(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{"help", no_argument, NULL, CLI_HELP},
		{"status", no_argument, NULL, OPT_STATUS},
		{"progress-fd", required_argument, NULL, OPT_PROGRESS_FD},
		{"snapshot", no_argument, NULL, OPT_SNAPSHOT},
		{NULL, 0, NULL, 0},
	};
	bool status = false;
	struct sam_sync_opts opts = {0};
	int fd = -1, c;
	cli_getopt_reset();
	while ((c = cli_getopt(argc, argv, "", options)) != -1) {
		switch (c) {
		case CLI_HELP:
			cli_print_usage(stdout, argv[0]);
			return CLI_HELP_SHOWN;
		case OPT_STATUS:
			status = true;
			break;
		case OPT_SNAPSHOT:
			opts.write_snapshot = true;
			break;
		case OPT_PROGRESS_FD: {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end || v < 3 || v > 1024)
				return cli_usage_error(_("--progress-fd needs a file descriptor number "
				                         "above 2"));
			fd = (int)v;
			break;
		}
		default:
			return CLI_USAGE;
		}
	}
	int rc = cli_operands(argc, argv, 0, 0);
	if (rc != CLI_OK)
		return rc;
	if (!status)
		return cli_sync_online(cli, argc, argv, &opts, fd);
	struct sam_db *db = cli_db(cli);
	return db ? print_status(db) : CLI_FAILED;
}

/* ------------------------------------------------------------ conflicts */

static void print_side(struct sam_db *db, const char *what, const struct sam_conflict *c,
                       const struct sam_conflict_side *s)
{
	const struct sam_entity *e = sam_entity_find(c->entity);
	const struct sam_field *f = e ? sam_entity_field(e, c->field) : NULL;
	char *value = f                             ? cli_value_text(db, f, &s->value)
	              : s->value.kind == SAM_V_TEXT ? xstrdup(s->value.s)
	              : s->value.kind == SAM_V_INT  ? xasprintf("%lld", (long long)s->value.i)
	                                            : xstrdup("");
	char when[32];
	format_ms(s->ms, when);
	printf("  %-6s %s  (%s, %s)\n", what, value, s->who, when);
	free(value);
}

int cli_conflicts(struct cli *cli, int argc, char **argv)
{
	int rc = cli_parse_options(argc, argv, NULL);
	if (rc != CLI_OK || (rc = cli_operands(argc, argv, 0, 0)) != CLI_OK)
		return rc;
	struct sam_db *db = cli_db(cli);
	if (!db)
		return CLI_FAILED;
	struct sam_conflicts cs;
	struct sam_err err;
	if (sam_conflicts_load(db, &cs, &err) < 0)
		return cli_fail(&err);
	for (int i = 0; i < cs.n; i++) {
		const struct sam_conflict *c = &cs.c[i];
		const struct sam_entity *e = sam_entity_find(c->entity);
		char *title = e ? sam_record_title(db, e, c->rid) : xstrdup(c->rid);
		printf("%s: %s\n", title, c->field);
		print_side(db, _("kept"), c, &c->winner);
		print_side(db, _("lost"), c, &c->loser);
		free(title);
	}
	sam_conflicts_free(&cs);
	return CLI_OK;
}
