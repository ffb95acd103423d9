/* `samordne list KIND`, and what `samordne` alone prints for now. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/common.h"
#include "core/listing.h"
#include "tui/cli.h"

enum { OPT_YEAR = CLI_FORMAT + 1, OPT_MUNICIPALITY, OPT_GROUP, OPT_SCHEME, OPT_FROM, OPT_TO };

static const struct option list_options[] = {
	{"help", no_argument, NULL, CLI_HELP},
	{"format", required_argument, NULL, CLI_FORMAT},
	{"year", required_argument, NULL, OPT_YEAR},
	{"municipality", required_argument, NULL, OPT_MUNICIPALITY},
	{"group", required_argument, NULL, OPT_GROUP},
	{"scheme", required_argument, NULL, OPT_SCHEME},
	{"from", required_argument, NULL, OPT_FROM},
	{"to", required_argument, NULL, OPT_TO},
	{NULL, 0, NULL, 0},
};

/* A year as the settlement figures take it. */
static int parse_year(const char *text, int *year)
{
	char *end;
	long y = strtol(text, &end, 10);
	if (end == text || *end != '\0' || y < 2000 || y > 2100) {
		cli_error(_("'%s' is not a year for --year (2000–2100)"), text);
		return CLI_FAILED;
	}
	*year = (int)y;
	return CLI_OK;
}

struct list_request {
	const char *kind;
	enum cli_format format;
	struct sam_list_filter filter;
};

static int parse_list_args(int argc, char **argv, struct list_request *req)
{
	int c, rc = CLI_OK;
	cli_getopt_reset();
	while (rc == CLI_OK && (c = cli_getopt(argc, argv, "", list_options)) != -1) {
		switch (c) {
		case CLI_HELP:
			cli_print_usage(stdout, argv[0]);
			return CLI_HELP_SHOWN;
		case CLI_FORMAT:
			rc = cli_parse_format(optarg, &req->format);
			break;
		case OPT_YEAR:
			rc = parse_year(optarg, &req->filter.year);
			break;
		case OPT_MUNICIPALITY:
			req->filter.municipality = optarg;
			break;
		case OPT_GROUP:
			req->filter.group = optarg;
			break;
		case OPT_SCHEME:
			req->filter.scheme = optarg;
			break;
		case OPT_FROM:
			req->filter.from = optarg;
			break;
		case OPT_TO:
			req->filter.to = optarg;
			break;
		default:
			return CLI_USAGE;
		}
	}
	if (rc != CLI_OK)
		return rc;
	rc = cli_operands(argc, argv, 1, 1);
	if (rc != CLI_OK)
		return rc;
	req->kind = argv[optind];
	struct sam_err err;
	if (sam_list_check_kind(req->kind, &err) < 0)
		return cli_usage_error("%s", err.msg);
	return CLI_OK;
}

static void stream_row(void *stream, const char *const *cells)
{
	sam_table_stream_row(stream, cells);
}

/* CSV and JSON are written as the rows come, so a list of 50,000 contacts
 * is never held whole; the text table needs every row for its widths. */
static int stream_list(struct sam_db *db, const struct list_request *req)
{
	struct sam_table cols;
	struct sam_table_stream out;
	struct sam_err err;
	/* Nothing is written to stdout before the list; a buffer larger than
	 * a pipe's page makes 16 times fewer write calls. glibc takes the size
	 * only with a buffer given: with NULL it used its 4 KB. */
	static char buffer[1 << 16];
	setvbuf(stdout, buffer, _IOFBF, sizeof(buffer));
	sam_table_stream_begin(&out, stdout, &cols,
	                       req->format == CLI_FORMAT_JSON ? SAM_TABLE_JSON : SAM_TABLE_CSV);
	if (sam_list_each(db, req->kind, &req->filter, &cols, stream_row, &out, &err) < 0) {
		/* Failed part-way (the database, not the filters): what was
		 * written is closed, and the error said. */
		if (out.nrows)
			sam_table_stream_end(&out);
		return cli_fail(&err);
	}
	int rc = sam_table_stream_end(&out);
	sam_table_free(&cols);
	return cli_output_done(rc);
}

static int print_list(struct cli *cli, const struct list_request *req)
{
	struct sam_db *db = cli_db(cli);
	if (!db)
		return CLI_FAILED;
	if (req->format != CLI_FORMAT_TABLE)
		return stream_list(db, req);
	struct sam_table t;
	struct sam_err err;
	if (sam_list(db, req->kind, &req->filter, &t, &err) < 0)
		return cli_fail(&err);
	int rc = cli_print_table(&t, req->format);
	sam_table_free(&t);
	return rc;
}

int cli_list(struct cli *cli, int argc, char **argv)
{
	struct list_request req = {0};
	int rc = parse_list_args(argc, argv, &req);
	return rc == CLI_OK ? print_list(cli, &req) : rc;
}
