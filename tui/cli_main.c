/* The frame of both programs' main() (see cli_main.h). */
#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/common.h"
#include "tui/cli_main.h"

static void setup_locale(void)
{
	setlocale(LC_ALL, "");
	/* The tests point this at the catalogue of the build tree. */
	const char *dir = getenv("SAMORDNE_LOCALEDIR");
	bindtextdomain(GETTEXT_PACKAGE, dir && *dir ? dir : LOCALEDIR);
	bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
	textdomain(GETTEXT_PACKAGE);
}

int cli_main(int argc, char **argv, int (*run)(int argc, char **argv, struct cli *cli))
{
	struct cli cli = {0};
	setup_locale();
	int rc = run(argc, argv, &cli);
	cli_close(&cli);
	if (fflush(stdout) != 0 && rc == CLI_OK) {
		cli_error(_("cannot write the output"));
		rc = CLI_FAILED;
	}
	return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
}
