/* What samordne and samordne-webdav do around their commands: the locale
 * first, then the command, then closing the database and checking that
 * the output was written. */
#ifndef SAMORDNE_CLI_MAIN_H
#define SAMORDNE_CLI_MAIN_H

#include "tui/cli.h"

/* Runs run(argc, argv, cli) and returns main()'s exit status. */
int cli_main(int argc, char **argv, int (*run)(int argc, char **argv, struct cli *cli));

#endif
