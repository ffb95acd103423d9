/* Tables of text cells and their three writers (see table.h). The text
 * writer measures cells in terminal columns, never bytes, so "Bø",
 * "Sør-Varanger" and wide CJK names keep the columns straight; it cuts
 * nothing, since a list that hides part of a name is worse than a wide one. */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "core/common.h"
#include "core/table.h"

#define COLUMN_GAP 2

/* Every empty cell points here, so a list of 50,000 rows does not make
 * 350,000 empty strings before filling them; it is never freed. */
static char empty_cell[] = "";

static void free_cell(char *cell)
{
	if (cell != empty_cell)
		free(cell);
}

void sam_table_init(struct sam_table *t, int ncols)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	t->cols = xcalloc((size_t)ncols, sizeof(*t->cols));
}

/* Headers are written in capitals, as ps and docker do, so they stand
 * apart from the data without colour; towupper knows Æ, Ø and Å. */
static char *upper_text(const char *s)
{
	struct strbuf sb = {0};
	mbstate_t in, out;
	memset(&in, 0, sizeof in);
	memset(&out, 0, sizeof out);
	size_t left = strlen(s);
	while (left > 0) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, left, &in);
		if (n == (size_t)-1 || n == (size_t)-2) {
			sb_addn(&sb, s, left); /* not text in this locale: as it is */
			break;
		}
		char mb[MB_LEN_MAX];
		size_t m = wcrtomb(mb, (wchar_t)towupper((wint_t)wc), &out);
		if (m == (size_t)-1)
			sb_addn(&sb, s, n);
		else
			sb_addn(&sb, mb, m);
		s += n;
		left -= n;
	}
	return sb_steal(&sb);
}

void sam_table_col(struct sam_table *t, int col, const char *key, const char *head,
                   enum sam_align align)
{
	struct sam_table_col *c = &t->cols[col];
	free(c->key);
	free(c->head);
	c->key = xstrdup(key);
	c->head = upper_text(head);
	c->align = align;
}

int sam_table_add_row(struct sam_table *t)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->cells = xrealloc(t->cells, (size_t)t->cap * (size_t)t->ncols * sizeof(*t->cells));
	}
	int row = t->nrows++;
	for (int c = 0; c < t->ncols; c++)
		t->cells[row * t->ncols + c] = empty_cell;
	return row;
}

void sam_table_set(struct sam_table *t, int row, int col, const char *text)
{
	char **cell = &t->cells[row * t->ncols + col];
	free_cell(*cell);
	*cell = text && *text ? xstrdup(text) : empty_cell;
}

const char *sam_table_get(const struct sam_table *t, int row, int col)
{
	return t->cells[row * t->ncols + col];
}

void sam_table_free(struct sam_table *t)
{
	for (int i = 0; i < t->nrows * t->ncols; i++)
		free_cell(t->cells[i]);
	for (int c = 0; c < t->ncols; c++) {
		free(t->cols[c].key);
		free(t->cols[c].head);
	}
	free(t->cells);
	free(t->cols);
	memset(t, 0, sizeof(*t));
}

/* Bytes of the UTF-8 sequence a lead byte starts; 1 for a stray byte. */
static size_t utf8_seq_len(unsigned char lead)
{
	if (lead >= 0xf0 && lead < 0xf8)
		return 4;
	if (lead >= 0xe0)
		return lead < 0xf0 ? 3 : 1;
	if (lead >= 0xc0)
		return 2;
	return 1;
}

/* Walks s one character at a time and reports its columns. A character
 * the locale cannot decode (a C locale reading UTF-8, a broken byte) or
 * cannot print still takes one column: the writer prints it as it is or
 * as a space, and the column must stay straight either way. */
static const char *next_char(const char *s, size_t rest, int *cols, mbstate_t *st)
{
	wchar_t wc;
	size_t n = mbrtowc(&wc, s, rest, st);
	if (n == (size_t)-1 || n == (size_t)-2) {
		memset(st, 0, sizeof(*st));
		n = utf8_seq_len((unsigned char)*s);
		*cols = 1;
		return s + (n <= rest ? n : rest);
	}
	int w = wcwidth(wc);
	*cols = w < 0 ? 1 : w;
	return s + (n ? n : 1);
}

/* An ASCII byte is one column whatever it is (a control character is
 * printed as a space), so only the other characters ask the locale: most
 * cells of a list are ASCII, and mbrtowc and wcwidth cost a call each. */
int sam_text_width(const char *s)
{
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	const char *end = s + strlen(s);
	int width = 0, cols;
	while (s < end) {
		if ((unsigned char)*s < 0x80) {
			width++;
			s++;
			continue;
		}
		s = next_char(s, (size_t)(end - s), &cols, &st);
		width += cols;
	}
	return width;
}

/* A cell on one line: line breaks and tabs of a note become spaces. */
static void add_cell_text(struct strbuf *line, const char *s)
{
	for (; *s; s++)
		sb_addc(line, (unsigned char)*s < 0x20 ? ' ' : *s);
}

static void add_spaces(struct strbuf *line, int n)
{
	for (; n > 0; n--)
		sb_addc(line, ' ');
}

static void add_aligned(struct strbuf *line, const char *s, int s_width, int width,
                        enum sam_align align)
{
	int pad = width - s_width;
	if (align == SAM_ALIGN_RIGHT)
		add_spaces(line, pad);
	add_cell_text(line, s);
	if (align == SAM_ALIGN_LEFT)
		add_spaces(line, pad);
}

/* One line of the table, without the spaces that would end it. cell_w
 * holds the row's cells' widths; line is reused from row to row. */
static void put_text_row(FILE *out, const struct sam_table *t, const int *widths,
                         const char *(*cell)(const struct sam_table *, int, int), int row,
                         const int *cell_w, struct strbuf *line)
{
	bool first = true;
	line->len = 0;
	for (int c = 0; c < t->ncols; c++) {
		if (t->cols[c].text_hidden)
			continue;
		if (!first)
			add_spaces(line, COLUMN_GAP);
		first = false;
		add_aligned(line, cell(t, row, c), cell_w[c], widths[c], t->cols[c].align);
	}
	while (line->len > 0 && line->buf[line->len - 1] == ' ')
		line->len--;
	fwrite(line->buf ? line->buf : "", 1, line->len, out);
	fputc('\n', out);
}

static const char *head_cell(const struct sam_table *t, int row, int col)
{
	(void)row;
	return t->cols[col].head;
}

static int finish(FILE *out)
{
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

/* Each cell is measured once: row -1 (the header) first, then the rows. */
int sam_table_write_text(FILE *out, const struct sam_table *t)
{
	size_t n = (size_t)t->ncols;
	int *widths = xcalloc(n, sizeof(*widths));
	int *cell_w = xcalloc(n * ((size_t)t->nrows + 1), sizeof(*cell_w));
	for (int c = 0; c < t->ncols; c++) {
		widths[c] = cell_w[c] = sam_text_width(t->cols[c].head);
		for (int r = 0; r < t->nrows; r++) {
			int w = cell_w[(size_t)(r + 1) * n + (size_t)c] =
				sam_text_width(sam_table_get(t, r, c));
			if (w > widths[c])
				widths[c] = w;
		}
	}
	struct strbuf line = {0};
	put_text_row(out, t, widths, head_cell, -1, cell_w, &line);
	for (int r = 0; r < t->nrows; r++)
		put_text_row(out, t, widths, sam_table_get, r, cell_w + (size_t)(r + 1) * n, &line);
	sb_free(&line);
	free(cell_w);
	free(widths);
	return finish(out);
}

/* Room for n more bytes in line. */
static void line_room(struct strbuf *line, size_t n)
{
	if (line->cap - line->len < n) {
		line->cap = 2 * (line->len + n);
		line->buf = xrealloc(line->buf, line->cap);
	}
}

/* RFC 4180 quoting, with "\n" line ends as Unix tools expect. A row is
 * made in line, reused from row to row, and written at once: a list of
 * 50,000 rows would otherwise take 700,000 calls into stdio. A field that
 * needs no quotes is read twice, by strcspn and the copy: where strcspn
 * stops at its end, it has measured it too. */
static void put_csv_row(FILE *out, int ncols, const char *const *cells, struct strbuf *line)
{
	line->len = 0;
	for (int c = 0; c < ncols; c++) {
		const char *s = cells[c];
		size_t plain = strcspn(s, ",\"\r\n");
		if (!s[plain]) {
			line_room(line, plain + 2);
			if (c)
				line->buf[line->len++] = ',';
			memcpy(line->buf + line->len, s, plain);
			line->len += plain;
			continue;
		}
		line_room(line, 2 * strlen(s) + 4); /* every character may double, and quotes */
		char *p = line->buf + line->len;
		if (c)
			*p++ = ',';
		*p++ = '"';
		for (; *s; s++) {
			if (*s == '"')
				*p++ = '"';
			*p++ = *s;
		}
		*p++ = '"';
		line->len = (size_t)(p - line->buf);
	}
	line_room(line, 1);
	line->buf[line->len++] = '\n';
	fwrite(line->buf, 1, line->len, out);
}

void sam_json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		switch (ch) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (ch < 0x20)
				fprintf(out, "\\u%04x", ch);
			else
				fputc(ch, out);
		}
	}
	fputc('"', out);
}

static void put_json_row(FILE *out, const struct sam_table *t, const char *const *cells)
{
	fputc('{', out);
	for (int c = 0; c < t->ncols; c++) {
		if (c)
			fputs(", ", out);
		sam_json_string(out, t->cols[c].key);
		fputs(": ", out);
		sam_json_string(out, cells[c]);
	}
	fputc('}', out);
}

void sam_table_stream_begin(struct sam_table_stream *s, FILE *out, const struct sam_table *t,
                            enum sam_table_format format)
{
	*s = (struct sam_table_stream){out, t, format, 0, false, {0}};
}

/* The header (or the JSON's opening bracket) once, before the first row
 * or at the end. */
static void stream_header(struct sam_table_stream *s)
{
	if (s->started)
		return;
	s->started = true;
	if (s->format == SAM_TABLE_JSON) {
		fputc('[', s->out);
		return;
	}
	const char **keys = xcalloc((size_t)s->t->ncols, sizeof(*keys));
	for (int c = 0; c < s->t->ncols; c++)
		keys[c] = s->t->cols[c].key;
	put_csv_row(s->out, s->t->ncols, keys, &s->line);
	free(keys);
}

void sam_table_stream_row(struct sam_table_stream *s, const char *const *cells)
{
	stream_header(s);
	if (s->format == SAM_TABLE_JSON) {
		fputs(s->nrows ? ",\n  " : "\n  ", s->out);
		put_json_row(s->out, s->t, cells);
	} else {
		put_csv_row(s->out, s->t->ncols, cells, &s->line);
	}
	s->nrows++;
}

int sam_table_stream_end(struct sam_table_stream *s)
{
	stream_header(s);
	if (s->format == SAM_TABLE_JSON)
		fputs(s->nrows ? "\n]\n" : "]\n", s->out);
	sb_free(&s->line);
	return finish(s->out);
}

static int write_streamed(FILE *out, const struct sam_table *t, enum sam_table_format format)
{
	struct sam_table_stream s;
	sam_table_stream_begin(&s, out, t, format);
	for (int r = 0; r < t->nrows; r++)
		sam_table_stream_row(&s, (const char *const *)&t->cells[r * t->ncols]);
	return sam_table_stream_end(&s);
}

int sam_table_write_csv(FILE *out, const struct sam_table *t)
{
	return write_streamed(out, t, SAM_TABLE_CSV);
}

int sam_table_write_json(FILE *out, const struct sam_table *t)
{
	return write_streamed(out, t, SAM_TABLE_JSON);
}
