/* The part of `samordne network create|join` and `samordne sync` that
 * talks to the server; in samordne-webdav only (see cli_sync.h). A sync's
 * exit status: 0 done, 1 failed, 2 bad usage, 3 offline or the server
 * unreachable. With --progress-fd N, one line per step goes to file
 * descriptor N, for the full-screen program:
 *
 *   progress listing | progress pushing 2/5 | progress pulling DEV SEG …
 *   done pushed=3 pulled=12 conflicts=1
 *   error MESSAGE    offline MESSAGE    warning MESSAGE
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sync/sync.h"
#include "tui/cli.h"
#include "tui/cli_sync.h"

static void settings(struct cli *cli, struct sam_sync_settings *set)
{
	sam_sync_settings_from_config(cli_config(cli), set);
}

int cli_network_online(struct cli *cli, int argc, char **argv, bool create, const char *url)
{
	(void)argc; /* parsed already */
	(void)argv;
	const char *what = create ? "create" : "join";
	struct sam_sync_settings set;
	settings(cli, &set);
	if (!url)
		url = sam_config_get(cli_config(cli), "sync_url");
	if (!url || !*url)
		return cli_usage_error(_("network %s: give the folder's URL (or set sync_url)"), what);
	struct sam_db *db = cli_db(cli);
	if (!db)
		return CLI_FAILED;
	struct sam_err err;
	int outcome = create ? sam_sync_network_create(db, &set, url, &err)
	                     : sam_sync_network_join(db, &set, url, &err);
	if (outcome != SAM_SYNC_OK) {
		cli_error("%s", err.msg);
		return outcome;
	}
	printf(create ? _("created a network at %s\n") : _("joined the network at %s\n"), url);
	return CLI_OK;
}

static void progress_line(void *ctx, const char *line)
{
	FILE *f = ctx;
	if (f) {
		fprintf(f, "%s\n", line);
		fflush(f);
	}
}

static int record_author(struct sam_db *db, void *ctx, struct sam_err *err)
{
	(void)db;
	(void)ctx;
	(void)err;
	return 0;
}

int cli_sync_online(struct cli *cli, int argc, char **argv, const struct sam_sync_opts *parsed,
                    int fd)
{
	(void)argc; /* parsed already */
	(void)argv;
	struct sam_db *db = cli_db(cli);
	if (!db)
		return CLI_FAILED;
	FILE *progress = NULL;
	if (fd >= 0 && !(progress = fdopen(fd, "w"))) {
		cli_error(_("cannot write to file descriptor %d: %s"), fd, strerror(errno));
		return CLI_USAGE;
	}
	struct sam_sync_opts opts = *parsed;
	opts.progress = progress_line;
	opts.progress_ctx = progress;
	/* Every syncing device has a device record: others show its label. */
	if (cli_write(cli, record_author, NULL) != CLI_OK) {
		if (progress)
			fclose(progress);
		return CLI_FAILED;
	}
	struct sam_sync_settings set;
	settings(cli, &set);
	struct sam_sync_result res;
	struct sam_err err;
	enum sam_sync_outcome outcome = sam_sync_run(db, &set, &opts, &res, &err);
	if (outcome != SAM_SYNC_OK) {
		cli_error("%s", err.msg);
		if (progress)
			fprintf(progress, "%s %s\n", outcome == SAM_SYNC_OFFLINE ? "offline" : "error",
			        err.msg);
	} else {
		if (res.warning[0]) {
			cli_error("%s", res.warning);
			if (progress)
				fprintf(progress, "warning %s\n", res.warning);
		}
		printf(_("synced: %d segments pushed, %d changes received, %d conflicts\n"), res.pushed,
		       res.pulled, res.conflicts);
	}
	if (progress)
		fclose(progress);
	return (int)outcome;
}
