/* samordne-webdav's entry point: the commands of samordne that talk to
 * the server, started by samordne (see webdav_helper.h), which has
 * checked the command line already. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "tui/cli.h"
#include "tui/cli_main.h"
#include "tui/cli_sync.h"

/* samordne answers --help itself; this is for a person who runs the
 * helper by hand. */
void cli_print_usage(FILE *out, const char *command)
{
	fprintf(out, _("Usage: samordne [GLOBAL OPTIONS] %s\n"), command);
}

static int run(int argc, char **argv, struct cli *cli)
{
	int i = 1;
	if (i < argc && strcmp(argv[i], "--demo") == 0) {
		cli->demo = true;
		i++;
	} else if (i + 1 < argc && strcmp(argv[i], "--db") == 0) {
		cli->db_path = argv[i + 1];
		i += 2;
	}
	const char *command = i < argc ? argv[i] : "";
	if (strcmp(command, "sync") == 0)
		return cli_sync(cli, argc - i, argv + i);
	if (strcmp(command, "network") == 0)
		return cli_network(cli, argc - i, argv + i);
	return cli_usage_error(_("unknown command '%s'"), command);
}

int main(int argc, char **argv)
{
	return cli_main(argc, argv, run);
}
