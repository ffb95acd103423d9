/* The sync subcommands (see cli_sync.c). */
#ifndef SAMORDNE_CLI_SYNC_H
#define SAMORDNE_CLI_SYNC_H

#include <stdbool.h>

#include "tui/cli.h"

/* Exit status of `samordne sync` when the server cannot be reached. */
#define CLI_OFFLINE 3

int cli_network(struct cli *cli, int argc, char **argv);
int cli_sync(struct cli *cli, int argc, char **argv);
int cli_conflicts(struct cli *cli, int argc, char **argv);

/* The part of `network` and `sync` that talks to the server, once the
 * command line has been checked. samordne holds no network code (loading
 * libcurl would be most of its start-up): its versions
 * (webdav_helper.c) run the command with the same arguments again in
 * samordne-webdav, whose versions (cli_sync_run.c) do the work with the
 * options as parsed. */
struct sam_sync_opts;
int cli_network_online(struct cli *cli, int argc, char **argv, bool create, const char *url);
int cli_sync_online(struct cli *cli, int argc, char **argv, const struct sam_sync_opts *opts,
                    int progress_fd);

#endif
