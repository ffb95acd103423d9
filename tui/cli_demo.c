/* `samordne demo-db PATH`: the demo network in a database file of its
 * own, to try things out on (and for the terminal tests, which need a
 * file that two processes can open). */
#include <config.h>

#include <unistd.h>

#include "core/common.h"
#include "core/demo.h"
#include "tui/cli.h"

int cli_demo_db(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	int rc = cli_parse_options(argc, argv, NULL);
	if (rc == CLI_OK)
		rc = cli_operands(argc, argv, 1, 1);
	if (rc != CLI_OK)
		return rc;
	const char *path = argv[optind];
	if (access(path, F_OK) == 0) {
		cli_error(_("%s exists already; the demo goes into a new file"), path);
		return CLI_FAILED;
	}
	struct sam_db *db;
	struct sam_err err;
	if (sam_db_open(path, SAM_DB_CREATE, &db, &err) < 0)
		return cli_fail(&err);
	rc = sam_demo_load(db, &err) < 0 ? cli_fail(&err) : CLI_OK;
	sam_db_close(db);
	return rc;
}
