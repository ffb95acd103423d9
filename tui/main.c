/* samordne's entry point: the locale, the global options, and the table of
 * subcommands that both the dispatch and --help read. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/common.h"
#include "tui/cli.h"
#include "tui/cli_main.h"
#include "tui/cli_sync.h"
#include "tui/keymap.h"
#include "tui/tui.h"

struct command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *usage;   /* N_(): after "samordne " */
	const char *summary; /* N_() */
	void (*more_help)(FILE *out);
};

static void print_list_help(FILE *out);

static const struct command commands[] = {
	{"list", cli_list,
	 N_("list KIND [--format table|csv|json] [FILTERS]"),
	 N_("print a list, sorted in Norwegian order"), print_list_help},
	{"show", cli_show, N_("show ID|NAME"),
	 N_("print a record, its id and what belongs to it"), NULL},
	{"add", cli_add, N_("add KIND FIELD=VALUE…"),
	 N_("add a record and print its id"), cli_print_kinds},
	{"set", cli_set, N_("set ID|NAME FIELD=VALUE…"),
	 N_("change fields of a record (an empty VALUE clears the field)"), NULL},
	{"delete", cli_delete, N_("delete ID|NAME"), N_("delete a record"), NULL},
	{"history", cli_history, N_("history ID|NAME [--format table|csv|json]"),
	 N_("print who changed a record, when, and from what to what"), NULL},
	{"network", cli_network, N_("network create|join [URL]"),
	 N_("make a new shared folder the network's, or join the network in one"), NULL},
	{"sync", cli_sync, N_("sync [--status] [--snapshot] [--progress-fd N]"),
	 N_("send and receive changes (exit 3: offline or the server unreachable)"), NULL},
	{"conflicts", cli_conflicts, N_("conflicts"),
	 N_("print concurrent edits where one laptop's value lost"), NULL},
	{"demo-db", cli_demo_db, N_("demo-db PATH"),
	 N_("write the Østfold 2015 demo network into a new database file"), NULL},
};

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < SAM_ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void print_list_help(FILE *out)
{
	fprintf(out, "\n%s\n",
	        _("KIND is municipalities, contacts, grants, meetings, organisations or\n"
	          "settlements.\n\n"
	          "Filters:\n"
	          "  --year YEAR          municipalities: that year's figures (default: the\n"
	          "                       newest); grants; meetings starting that year\n"
	          "  --municipality NAME  a municipality's name or id\n"
	          "  --group GROUP        contacts in a group: network, steering, project,\n"
	          "                       reference\n"
	          "  --scheme SCHEME      grants of a scheme: housing, child_poverty\n"
	          "  --from DATE          meetings from DATE (dd.mm.yyyy)\n"
	          "  --to DATE            meetings until DATE, that day included"));
}

void cli_print_usage(FILE *out, const char *name)
{
	const struct command *c = find_command(name);
	if (!c)
		fatal("no usage for subcommand %s", name);
	fprintf(out, _("Usage: samordne [GLOBAL OPTIONS] %s\n"), _(c->usage));
	fprintf(out, "%s\n", _(c->summary));
	if (c->more_help)
		c->more_help(out);
}

static void print_help(void)
{
	printf(_("Usage: samordne [GLOBAL OPTIONS] [COMMAND [ARGUMENTS]]\n"
	         "Coordinates the settlement of refugees: municipalities, contacts,\n"
	         "grants and meetings of a county's network.\n\n"
	         "Global options:\n"
	         "  --db PATH    use the database at PATH (default: $SAMORDNE_DB, else\n"
	         "               $XDG_DATA_HOME/samordne/samordne.db)\n"
	         "  --demo       work on a throwaway copy of the Østfold 2015 demo network\n"
	         "  --help       print this help\n"
	         "  --version    print the version\n\n"
	         "Commands:\n"));
	for (size_t i = 0; i < SAM_ARRAY_LEN(commands); i++)
		printf("  samordne %s\n      %s\n", _(commands[i].usage), _(commands[i].summary));
	printf("\n%s\n", _("Without a command, samordne opens the full-screen program (? there\n"
	                   "lists every key); without a terminal it prints the municipalities.\n"
	                   "Each command takes --help. Exit status: 0 done, 1 failed, 2 bad usage."));
}

enum { OPT_DB = 0x200, OPT_DEMO, OPT_VERSION, OPT_KEYS_MAN };

/* Global options stop at the subcommand ('+'): its own options follow it. */
static int parse_global(int argc, char **argv, struct cli *cli)
{
	static const struct option options[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"demo", no_argument, NULL, OPT_DEMO},
		{"help", no_argument, NULL, CLI_HELP},
		{"version", no_argument, NULL, OPT_VERSION},
		/* Hidden: the man page's key section, from the keymap. */
		{"keys-man", no_argument, NULL, OPT_KEYS_MAN},
		{NULL, 0, NULL, 0},
	};
	int c;
	cli_getopt_reset();
	while ((c = cli_getopt(argc, argv, "+h", options)) != -1) {
		switch (c) {
		case OPT_DB:
			cli->db_path = optarg;
			break;
		case OPT_DEMO:
			cli->demo = true;
			break;
		case 'h':
		case CLI_HELP:
			print_help();
			return CLI_HELP_SHOWN;
		case OPT_VERSION:
			printf("samordne %s\n", PACKAGE_VERSION);
			return CLI_HELP_SHOWN;
		case OPT_KEYS_MAN:
			km_print_man(stdout);
			return CLI_HELP_SHOWN;
		default:
			return CLI_USAGE;
		}
	}
	if (cli->demo && cli->db_path)
		return cli_usage_error(_("--db and --demo cannot be used together"));
	return CLI_OK;
}

static int run(int argc, char **argv, struct cli *cli)
{
	int rc = parse_global(argc, argv, cli);
	if (rc != CLI_OK)
		return rc;
	if (optind >= argc)
		return tui_run(cli);
	const struct command *c = find_command(argv[optind]);
	if (!c)
		return cli_usage_error(_("unknown command '%s'"), argv[optind]);
	return c->run(cli, argc - optind, argv + optind);
}

int main(int argc, char **argv)
{
	return cli_main(argc, argv, run);
}
