/* Norwegian alphabetical order (see collate.h). The order is computed here
 * rather than taken from the C library's locale so that it is the same on
 * every machine and inside SQLite, where the collation decides the order
 * of indexes stored in the file (contact_list, schema.c): a change to the
 * order needs a migration that rebuilds them. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/collate.h"
#include "core/common.h"

/* Primary weights: ASCII punctuation and digits by code point, then the 29
 * letters a–z, æ, ø, å, then every other character by code point, then
 * bytes that are not UTF-8, by value. */
#define LETTER_WEIGHT 0x80u
#define NLETTERS 29u
#define OTHER_WEIGHT (LETTER_WEIGHT + NLETTERS)
#define INVALID_CP 0x110000u /* past Unicode: stands for an invalid byte */

/* Letter ranks, counted from 1 so that 0 means "not one of ours". */
#define RANK(c) ((c) - 'a' + 1)
#define RANK_AE 27
#define RANK_OE 28
#define RANK_AA 29

/* Small letters U+00E0..U+00FF, as the Norwegian letter they sort as. */
static const unsigned char latin1_rank[0x20] = {
	[0x00] = RANK('a'), [0x01] = RANK('a'), [0x02] = RANK('a'), /* à á â */
	[0x04] = RANK_AE, [0x05] = RANK_AA, [0x06] = RANK_AE,       /* ä å æ */
	[0x07] = RANK('c'),                                         /* ç */
	[0x08] = RANK('e'), [0x09] = RANK('e'), [0x0a] = RANK('e'), /* è é ê */
	[0x0d] = RANK('i'),                                         /* í */
	[0x11] = RANK('n'),                                         /* ñ */
	[0x12] = RANK('o'), [0x13] = RANK('o'), [0x14] = RANK('o'), /* ò ó ô */
	[0x16] = RANK_OE, [0x18] = RANK_OE,                         /* ö ø */
	[0x1c] = RANK('y'),                                         /* ü */
};

/* The small letter of an ASCII or Latin-1 capital; × (U+00D7) has none. */
static uint32_t fold_cp(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 0x20;
	if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
		return cp + 0x20;
	return cp;
}

static int utf8_length(unsigned char lead, uint32_t *min_cp)
{
	if (lead >= 0xc2 && lead <= 0xdf) {
		*min_cp = 0x80;
		return 2;
	}
	if (lead >= 0xe0 && lead <= 0xef) {
		*min_cp = 0x800;
		return 3;
	}
	if (lead >= 0xf0 && lead <= 0xf4) {
		*min_cp = 0x10000;
		return 4;
	}
	return 0;
}

/* The code point at s[*pos], reading no further than len, and advances *pos.
 * A byte that does not start a well-formed sequence (overlong, surrogate,
 * past U+10FFFF, cut short) is taken alone as INVALID_CP + byte. */
static uint32_t next_cp(const unsigned char *s, int len, int *pos)
{
	unsigned char lead = s[*pos];
	uint32_t cp, min_cp;
	int n;

	if (lead < 0x80) {
		(*pos)++;
		return lead;
	}
	n = utf8_length(lead, &min_cp);
	if (n == 0 || len - *pos < n)
		goto invalid;
	cp = lead & (0x7fu >> n);
	for (int i = 1; i < n; i++) {
		unsigned char c = s[*pos + i];
		if ((c & 0xc0) != 0x80)
			goto invalid;
		cp = cp << 6 | (c & 0x3fu);
	}
	if (cp < min_cp || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		goto invalid;
	*pos += n;
	return cp;
invalid:
	(*pos)++;
	return INVALID_CP + lead;
}

static uint32_t primary_weight(uint32_t cp)
{
	cp = fold_cp(cp);
	if (cp >= 'a' && cp <= 'z')
		return LETTER_WEIGHT + RANK(cp) - 1;
	if (cp < 0x80)
		return cp;
	if (cp >= 0xe0 && cp <= 0xff && latin1_rank[cp - 0xe0])
		return LETTER_WEIGHT + latin1_rank[cp - 0xe0] - 1u;
	return OTHER_WEIGHT + cp;
}

/* An ASCII character's weight, as primary_weight gives it, without the
 * decoding: most of a name is ASCII. */
static uint32_t ascii_weight(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		c += 0x20;
	if (c >= 'a' && c <= 'z')
		return LETTER_WEIGHT + RANK(c) - 1;
	return c;
}

/* Compares from byte `from` of both strings, which must be where the
 * decoding of both stands after the same characters. */
static int compare_primary(const unsigned char *a, int alen, const unsigned char *b,
			   int blen, int from)
{
	int i = from, j = from;

	while (i < alen && j < blen) {
		uint32_t wa, wb;
		if (a[i] < 0x80 && b[j] < 0x80) {
			wa = ascii_weight(a[i++]);
			wb = ascii_weight(b[j++]);
		} else {
			wa = primary_weight(next_cp(a, alen, &i));
			wb = primary_weight(next_cp(b, blen, &j));
		}
		if (wa != wb)
			return wa < wb ? -1 : 1;
	}
	if (i < alen)
		return 1;
	return j < blen ? -1 : 0;
}

/* Where the primary comparison may start: past the bytes both strings
 * share, backed up to just after an ASCII byte (or to the start). An
 * ASCII byte is a character by itself and never part of another's
 * sequence, well-formed or not, so the shared bytes before it decode to
 * the same characters in both, ending there; a shared prefix that ends
 * inside a character (Bø, Bå: C3 B8, C3 A5) starts again at its lead. */
static int shared_prefix(const unsigned char *a, int alen, const unsigned char *b, int blen)
{
	int n = alen < blen ? alen : blen, p = 0;

	while (p < n && a[p] == b[p])
		p++;
	while (p > 0 && a[p - 1] >= 0x80)
		p--;
	return p;
}

static int compare_bytes(const char *a, int alen, const char *b, int blen)
{
	int n = alen < blen ? alen : blen;
	int r = n > 0 ? memcmp(a, b, (size_t)n) : 0;

	if (r != 0)
		return r < 0 ? -1 : 1;
	return alen < blen ? -1 : alen > blen;
}

/* A negative length is read as "up to the NUL", as SQLite does. */
int sam_collate_nb(const char *a, int alen, const char *b, int blen)
{
	int r;

	if (alen < 0)
		alen = a ? (int)strlen(a) : 0;
	if (blen < 0)
		blen = b ? (int)strlen(b) : 0;
	if (alen == blen && (alen == 0 || memcmp(a, b, (size_t)alen) == 0))
		return 0;
	r = compare_primary((const unsigned char *)a, alen, (const unsigned char *)b, blen,
			    shared_prefix((const unsigned char *)a, alen,
					  (const unsigned char *)b, blen));
	return r != 0 ? r : compare_bytes(a, alen, b, blen);
}

/* Folding works byte by byte because every capital it changes and its small
 * letter have the same length in UTF-8: U+00C0–U+00DE are C3 80–C3 9E and
 * U+00E0–U+00FE are C3 A0–C3 BE. 0xC3 is never a continuation byte, so a
 * byte after it is its second byte. */
static unsigned char fold_byte(const unsigned char *s, size_t i)
{
	unsigned char c = s[i];

	if (c >= 'A' && c <= 'Z')
		return c + 0x20;
	if (i > 0 && s[i - 1] == 0xc3 && c >= 0x80 && c <= 0x9e && c != 0x97)
		return c + 0x20;
	return c;
}

static void fold_into(char *dst, const char *src, size_t n)
{
	const unsigned char *s = (const unsigned char *)src;

	for (size_t i = 0; i < n; i++)
		dst[i] = (char)fold_byte(s, i);
}

bool sam_name_equal(const char *a, const char *b)
{
	const unsigned char *ua = (const unsigned char *)a;
	const unsigned char *ub = (const unsigned char *)b;
	size_t i;

	if (!a || !b)
		return a == b;
	for (i = 0; ua[i] && ub[i]; i++) {
		if (fold_byte(ua, i) != fold_byte(ub, i))
			return false;
	}
	return ua[i] == ub[i];
}

char *sam_fold_nb(const char *s)
{
	size_t n;
	char *folded;

	if (!s)
		return NULL;
	n = strlen(s);
	folded = xmalloc(n + 1);
	fold_into(folded, s, n);
	folded[n] = '\0';
	return folded;
}

/* ---------------------------------------------------------------- SQLite */

static int nb_collation(void *unused, int alen, const void *a, int blen,
			const void *b)
{
	(void)unused;
	return sam_collate_nb(a, alen, b, blen);
}

static void nb_fold_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *text;
	char *folded;
	int n;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	text = (const char *)sqlite3_value_text(argv[0]);
	n = sqlite3_value_bytes(argv[0]);
	if (!text) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	folded = xmalloc((size_t)n + 1);
	fold_into(folded, text, (size_t)n);
	folded[n] = '\0';
	sqlite3_result_text(ctx, folded, n, free);
}

#ifndef SQLITE_INNOCUOUS
#define SQLITE_INNOCUOUS 0
#endif

/* nb_fold is deterministic and innocuous so that it may be used in indexes
 * and in a schema opened with trusted_schema off. */
int sam_collate_register(sqlite3 *db)
{
	int rc = sqlite3_create_collation_v2(db, "NB", SQLITE_UTF8, NULL,
					     nb_collation, NULL);
	if (rc != SQLITE_OK)
		return rc;
	return sqlite3_create_function_v2(db, "nb_fold", 1,
					  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
					  NULL, nb_fold_sql, NULL, NULL, NULL);
}
