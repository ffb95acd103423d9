/* A table of text cells with named columns: what `list` produces, written
 * as an aligned table (by display width, so æøå and wide letters keep the
 * columns straight), as CSV (RFC 4180) or as JSON. */
#ifndef SAMORDNE_TABLE_H
#define SAMORDNE_TABLE_H

#include <stdbool.h>
#include <stdio.h>

#include "core/common.h"

enum sam_align { SAM_ALIGN_LEFT, SAM_ALIGN_RIGHT };

struct sam_table_col {
	char *key;  /* stable: the CSV header and the JSON key, "decided" */
	char *head; /* translated: the table's header, "Vedtak" */
	enum sam_align align;
	bool text_hidden; /* for scripts only: in CSV and JSON, not the text table */
};

struct sam_table {
	int ncols;
	struct sam_table_col *cols;
	int nrows, cap;
	char **cells; /* nrows × ncols, row-major, owned, never NULL */
};

void sam_table_init(struct sam_table *t, int ncols);
void sam_table_col(struct sam_table *t, int col, const char *key, const char *head,
                   enum sam_align align);
int sam_table_add_row(struct sam_table *t); /* returns the row index; cells "" */
void sam_table_set(struct sam_table *t, int row, int col, const char *text);
const char *sam_table_get(const struct sam_table *t, int row, int col);
void sam_table_free(struct sam_table *t);

/* Display width of UTF-8 text in terminal columns (wcwidth). */
int sam_text_width(const char *s);

int sam_table_write_text(FILE *out, const struct sam_table *t);
int sam_table_write_csv(FILE *out, const struct sam_table *t);
int sam_table_write_json(FILE *out, const struct sam_table *t);

/* CSV or JSON written a row at a time, for a list too long to hold whole:
 * the text table cannot be, as its widths depend on every row. t gives
 * the columns (its rows are not read); each row is t->ncols cells.
 * Nothing is written before the first row or the end, so t's columns may
 * be set up after begin, and a list that fails before its first row
 * writes nothing. */
enum sam_table_format { SAM_TABLE_CSV, SAM_TABLE_JSON };

struct sam_table_stream {
	FILE *out;
	const struct sam_table *t;
	enum sam_table_format format;
	int nrows;
	bool started; /* the header is written */
	struct strbuf line;
};

void sam_table_stream_begin(struct sam_table_stream *s, FILE *out, const struct sam_table *t,
                            enum sam_table_format format);
void sam_table_stream_row(struct sam_table_stream *s, const char *const *cells);
int sam_table_stream_end(struct sam_table_stream *s); /* 0, or -1 if writing failed */

/* JSON string escaping, shared with other writers. */
void sam_json_string(FILE *out, const char *s);

#endif
