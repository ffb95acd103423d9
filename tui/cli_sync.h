/* The sync subcommands (see cli_sync.c). */
#ifndef SAMORDNE_CLI_SYNC_H
#define SAMORDNE_CLI_SYNC_H

#include "tui/cli.h"

/* Exit status of `samordne sync` when the server cannot be reached. */
#define CLI_OFFLINE 3

int cli_network(struct cli *cli, int argc, char **argv);
int cli_sync(struct cli *cli, int argc, char **argv);
int cli_conflicts(struct cli *cli, int argc, char **argv);

#endif
