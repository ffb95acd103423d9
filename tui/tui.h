/* The full-screen program: what `samordne` without a command runs. */
#ifndef SAMORDNE_TUI_TUI_H
#define SAMORDNE_TUI_TUI_H

#include "tui/cli.h"

/* Runs the program on cli's database (the demo with --demo) until the
 * person quits. Without a terminal it prints the municipalities, as
 * scripts expect. Returns a cli_status. */
int tui_run(struct cli *cli);

#endif
