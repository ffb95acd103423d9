/* Finding samordne-webdav, and samordne's side of the commands that talk
 * to the server: it replaces itself with samordne-webdav (see
 * webdav_helper.h), so exit status, messages, the standard streams, a
 * --progress-fd and the environment are the helper's own. */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/cli_sync.h"
#include "tui/webdav_helper.h"

char *webdav_helper_find(struct sam_err *err)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	char *beside = NULL;
	if (n > 0) {
		self[n] = '\0';
		*strrchr(self, '/') = '\0'; /* the kernel's path is absolute */
		beside = xasprintf("%s/%s", self, WEBDAV_HELPER);
		if (access(beside, X_OK) == 0)
			return beside;
	}
	char *installed = xasprintf("%s/%s", SAMORDNE_LIBEXECDIR, WEBDAV_HELPER);
	if (access(installed, X_OK) == 0) {
		free(beside);
		return installed;
	}
	char *looked = beside ? xasprintf("%s, %s", beside, installed) : xstrdup(installed);
	sam_fail(err, _("cannot find the program that talks to the server (looked for %s)"), looked);
	free(looked);
	free(installed);
	free(beside);
	return NULL;
}

/* Never returns if the helper starts. */
static int run_helper(struct cli *cli, int argc, char **argv)
{
	struct sam_err err;
	char *exe = webdav_helper_find(&err);
	if (!exe)
		return cli_fail(&err);
	char db_opt[] = "--db", demo_opt[] = "--demo";
	char *db = cli->db_path ? xstrdup(cli->db_path) : NULL; /* argv is not const */
	char **args = xcalloc((size_t)argc + 4, sizeof *args);
	int n = 0;
	args[n++] = exe;
	if (cli->demo) {
		args[n++] = demo_opt;
	} else if (db) {
		args[n++] = db_opt;
		args[n++] = db;
	}
	memcpy(args + n, argv, (size_t)argc * sizeof *args);
	fflush(stdout);
	execv(exe, args);
	cli_error(_("cannot start the sync (%s): %s"), exe, strerror(errno));
	free(args);
	free(db);
	free(exe);
	return CLI_FAILED;
}

int cli_network_online(struct cli *cli, int argc, char **argv, bool create, const char *url)
{
	(void)create; /* samordne-webdav reads them again from argv */
	(void)url;
	return run_helper(cli, argc, argv);
}

int cli_sync_online(struct cli *cli, int argc, char **argv, const struct sam_sync_opts *opts,
                    int progress_fd)
{
	(void)opts; /* samordne-webdav reads them again from argv */
	(void)progress_fd;
	return run_helper(cli, argc, argv);
}
