/* Norwegian order, case-blind names and the NB collation inside SQLite. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/collate.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *const places[] = {
	"Ålesund", "Bø", "Askim", "Østre Toten", "Ærøy", "zeta", "Zulu",
	"Eidsberg", "Moss", "Sør-Varanger", "Guovdageaidnu", "Hobøl", "Hvaler",
	"Rømskog", "Råde", "Rakkestad", "Rygge",
};

static const char *const places_sorted[] = {
	"Askim", "Bø", "Eidsberg", "Guovdageaidnu", "Hobøl", "Hvaler", "Moss",
	"Rakkestad", "Rygge", "Rømskog", "Råde", "Sør-Varanger", "zeta", "Zulu",
	"Ærøy", "Østre Toten", "Ålesund",
};

static int cmp(const char *a, const char *b)
{
	return sam_collate_nb(a, (int)strlen(a), b, (int)strlen(b));
}

static int cmp_qsort(const void *a, const void *b)
{
	return cmp(*(const char *const *)a, *(const char *const *)b);
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

/* Asserts a < b, and b > a. */
static void assert_before(const char *a, const char *b)
{
	if (cmp(a, b) >= 0 || cmp(b, a) <= 0)
		fail_msg("expected \"%s\" before \"%s\"", a, b);
}

/* ------------------------------------------------------------ order */

static void test_sort_places(void **state)
{
	const char *sorted[LEN(places)];

	(void)state;
	memcpy(sorted, places, sizeof(places));
	qsort(sorted, LEN(sorted), sizeof(sorted[0]), cmp_qsort);
	for (size_t i = 0; i < LEN(sorted); i++)
		assert_string_equal(sorted[i], places_sorted[i]);
}

static void test_norwegian_letters_after_z(void **state)
{
	(void)state;
	assert_before("zeta", "Zulu");
	assert_before("Zulu", "Ærøy");
	assert_before("Ærøy", "Østre Toten");
	assert_before("Østre Toten", "Ålesund");
	assert_before("Rygge", "Råde");
	assert_before("Rygge", "Rømskog");
	assert_before("Rømskog", "Råde");
	assert_before("z", "æ");
	assert_before("æ", "ø");
	assert_before("ø", "å");
	assert_before("Z", "Æ");
	assert_before("Æ", "Ø");
	assert_before("Ø", "Å");
	assert_before("Bo", "Bø");
	assert_before("Bø", "Bå");
}

static void test_case_blind_primary(void **state)
{
	(void)state;
	/* Case only decides between otherwise equal strings. */
	assert_before("apple", "Banana");
	assert_before("Apple", "banana");
	assert_before("ærø", "Østre");
	assert_before("Ærø", "østre");
	assert_before("østre", "Åsnes");
	/* ...and then by bytes: capitals first. */
	assert_before("Zulu", "zulu");
	assert_before("ÆRØY", "Ærøy");
	assert_before("Ærøy", "ærøy");
}

static void test_accents(void **state)
{
	(void)state;
	/* é sorts as e, not after å. */
	assert_before("Andre", "André");
	assert_before("André", "Andrea");
	assert_before("Eidsberg", "Évje");
	assert_before("Évje", "Fredrikstad");
	assert_before("Crème", "Cremf");
	assert_before("Crêpe", "Crepf");
	/* á/à/â as a, í as i, ó/ò/ô as o, ç as c, ñ as n. */
	assert_before("Kárášjohka", "Karb");
	assert_before("Kar", "Kárášjohka");
	assert_before("Lim", "Líma");
	assert_before("Líma", "Limb");
	assert_before("Nor", "Nórd");
	assert_before("Nórd", "Nore");
	assert_before("Garçon", "Garcoo");
	assert_before("Garcon", "Garçon");
	assert_before("Espana", "España");
	assert_before("España", "Espanb");
	assert_before("Óslo", "Oslp");
	/* ä as æ, ö as ø, ü as y. */
	assert_before("Zorro", "Ängel");
	assert_before("Ängel", "Ærø");
	assert_before("Ödegaard", "Østby");
	assert_before("Öberg", "Østby");
	assert_before("Ödegaard", "Åse");
	assert_before("Mykle", "Müller");
	assert_before("Müller", "Mz");
	assert_before("Mx", "Müller");
	/* Capitals too. */
	assert_before("ÉVJE", "FREDRIKSTAD");
	assert_before("ÖBERG", "ØSTBY");
	assert_before("ÜBER", "ZETA");
}

static void test_digits_and_punctuation(void **state)
{
	(void)state;
	assert_before("9", "a");
	assert_before("0", "A");
	assert_before("1. etasje", "Andre");
	assert_before("10", "9");
	assert_before("Sør-Varanger", "Sørum");
	assert_before("Moss", "Moss kommune");
	assert_before("Moss kommune", "Mossby");
	assert_before("", "a");
	/* Letters without a Norwegian place come after å, by code point. */
	assert_before("Å", "ß");
	assert_before("å", "š");
}

static void test_equal_and_consistent(void **state)
{
	(void)state;
	assert_int_equal(cmp("Hvaler", "Hvaler"), 0);
	assert_int_equal(cmp("", ""), 0);
	assert_int_not_equal(cmp("Hvaler", "hvaler"), 0);
	assert_int_not_equal(cmp("Evje", "Évje"), 0);
	/* Only the given bytes count. */
	assert_int_equal(sam_collate_nb("Hvaler og Moss", 6, "Hvaler", 6), 0);
	assert_int_equal(sign(sam_collate_nb("Bøx", 3, "Bø", 3)), 0);
	/* A negative length means up to the NUL. */
	assert_int_equal(sam_collate_nb("Råde", -1, "Råde", 5), 0);
	assert_true(sam_collate_nb("Rygge", -1, "Råde", -1) < 0);
}

/* The comparison skips the bytes two strings share and reads ASCII
 * without decoding; neither may change the order. */
static void test_shared_prefix_and_ascii(void **state)
{
	(void)state;
	/* Shared bytes that end inside a letter: é (C3 A9) sorts as e, before
	 * ä (C3 A4) as æ, though its second byte is larger. */
	assert_before("Hé", "Hä");
	assert_before("Bø", "Bå");
	assert_before("Sør", "Såner");
	/* A lead byte without its letter weighs more than any letter. */
	assert_before("A\xc3\xa5", "A\xc3" "B");
	assert_before("Aå", "A\xc3");
	/* "aa" is two a's, not å. */
	assert_before("Aase", "Abel");
	assert_before("Aaron", "Åse");
	assert_before("aa", "å");
	/* Case decides only when nothing else does, after a shared prefix too. */
	assert_before("Anders X", "anders Y");
	assert_before("anders X", "Anders Y");
	assert_before("Anders", "anders");
	assert_before("Ola Nordmann", "Ola nordmann");
	assert_before("Ola Nordmann", "Ola Nordmanné");
	assert_before("Ola Nordmanne", "Ola Nordmanné");
	assert_before("Ola Nordmanné", "Ola Nordmannf");
	/* Equal, one a prefix of the other, embedded NUL, no bytes at all. */
	assert_int_equal(cmp("Ola Nordmann", "Ola Nordmann"), 0);
	assert_before("Ola", "Ola Nordmann");
	assert_true(sam_collate_nb("a\0b", 3, "a\0c", 3) < 0);
	assert_true(sam_collate_nb("a\0", 2, "a", 1) > 0);
	assert_true(sam_collate_nb(NULL, 0, "a", 1) < 0);
	assert_int_equal(sam_collate_nb(NULL, 0, "", 0), 0);
}

/* A prefix of whole characters shared by two strings leaves their order
 * as it was, for every pair of short strings made of letters that the
 * shortcuts treat differently: ASCII in both cases, æøå, accents, "aa",
 * a lone lead byte and a lone continuation byte. */
static void test_shared_prefix_keeps_order(void **state)
{
	static const char *const parts[] = {"", "a", "A", "aa", "b", "e", "\xc3\xa9", "\xc3\xa4",
					    "\xc3\xb8", "\xc3\xa5", "\xc3\x85", "\xc3", "\xa5", " "};
	static const char *const prefixes[] = {"Bø", "Aa", "Ola ", "é"};
	enum { NPARTS = LEN(parts), N = NPARTS * NPARTS };
	char (*words)[8] = calloc(N, sizeof(*words));

	(void)state;
	assert_non_null(words);
	for (size_t i = 0; i < N; i++)
		snprintf(words[i], sizeof(words[i]), "%s%s", parts[i / NPARTS], parts[i % NPARTS]);
	for (size_t i = 0; i < N; i++) {
		for (size_t j = 0; j < N; j++) {
			int r = sign(cmp(words[i], words[j]));
			assert_int_equal(sign(cmp(words[j], words[i])), -r);
			for (size_t p = 0; p < LEN(prefixes); p++) {
				char a[32], b[32];
				snprintf(a, sizeof a, "%s%s", prefixes[p], words[i]);
				snprintf(b, sizeof b, "%s%s", prefixes[p], words[j]);
				if (sign(cmp(a, b)) != r)
					fail_msg("\"%s\" and \"%s\" change order after \"%s\"",
						 words[i], words[j], prefixes[p]);
			}
		}
	}
	free(words);
}

/* Strings that exercise the decoder: invalid, cut short, overlong,
 * surrogates, beyond U+10FFFF, embedded NUL, four-byte characters. */
static const struct {
	const char *bytes;
	int len;
} awkward[] = {
	{"", 0},
	{"a", 1},
	{"A", 1},
	{"z", 1},
	{"\xc3\xa5", 2},           /* å */
	{"\xc3\x85", 2},           /* Å */
	{"\xc3", 1},               /* cut short */
	{"B\xc3", 2},
	{"B\xc3\xb8", 3},          /* Bø */
	{"\xff", 1},
	{"\xfe\xff", 2},
	{"\x80", 1},               /* lone continuation */
	{"\xc0\xaf", 2},           /* overlong / */
	{"\xe0\x80\xaf", 3},       /* overlong / */
	{"\xed\xa0\x80", 3},       /* surrogate */
	{"\xf4\x90\x80\x80", 4},   /* past U+10FFFF */
	{"\xf0\x9f\x98\x80", 4},   /* U+1F600 */
	{"\xf0\x9f\x98", 3},       /* cut short */
	{"\xe2\x82\xac", 3},       /* € */
	{"a\0b", 3},
	{"a\0", 2},
	{"\xc3\x97", 2},           /* × */
	{"\xc3\xb7", 2},           /* ÷ */
	{"9", 1},
	{" ", 1},
	{"~", 1},
};

/* A copy with nothing after the last byte, so that ASan sees any read past
 * the length (SQLite's strings need not end in NUL). */
static char *exact_copy(const char *bytes, int len)
{
	char *p = malloc(len > 0 ? (size_t)len : 1);

	assert_non_null(p);
	memcpy(p, bytes, (size_t)len);
	return p;
}

static void test_awkward_bytes_total_order(void **state)
{
	enum { N = LEN(awkward) };
	char *s[N];
	int order[N][N];

	(void)state;
	for (int i = 0; i < N; i++)
		s[i] = exact_copy(awkward[i].bytes, awkward[i].len);
	for (int i = 0; i < N; i++) {
		for (int j = 0; j < N; j++)
			order[i][j] = sign(sam_collate_nb(s[i], awkward[i].len,
							  s[j], awkward[j].len));
	}
	for (int i = 0; i < N; i++) {
		assert_int_equal(order[i][i], 0);
		for (int j = 0; j < N; j++) {
			assert_int_equal(order[i][j], -order[j][i]);
			if (i != j)
				assert_int_not_equal(order[i][j], 0);
			for (int k = 0; k < N; k++) {
				if (order[i][j] < 0 && order[j][k] < 0)
					assert_int_equal(order[i][k], -1);
			}
		}
	}
	/* Bytes that are not UTF-8 come after every character. */
	assert_true(sam_collate_nb("\xff", 1, "\xf0\x9f\x98\x80", 4) > 0);
	assert_true(sam_collate_nb("\x80", 1, "\xe2\x82\xac", 3) > 0);
	assert_true(sam_collate_nb("\xc3", 1, "\xc3\xa5", 2) > 0);
	for (int i = 0; i < N; i++)
		free(s[i]);
}

static void test_unterminated_buffers(void **state)
{
	char *bo = exact_copy("B\xc3\xb8", 3);
	char *cut = exact_copy("B\xc3", 2);
	char *zulu = exact_copy("Zulu", 4);

	(void)state;
	assert_true(sam_collate_nb(bo, 3, zulu, 4) < 0);
	assert_true(sam_collate_nb(cut, 2, bo, 3) != 0);
	assert_int_equal(sam_collate_nb(cut, 2, cut, 2), 0);
	assert_int_equal(sam_collate_nb(bo, 0, zulu, 0), 0);
	free(bo);
	free(cut);
	free(zulu);
}

/* ------------------------------------------------------------ names */

static void test_name_equal(void **state)
{
	(void)state;
	assert_true(sam_name_equal("hvaler", "HVALER"));
	assert_true(sam_name_equal("Hvaler", "hvaler"));
	assert_true(sam_name_equal("hobøl", "HOBØL"));
	assert_true(sam_name_equal("ÅS", "ås"));
	assert_true(sam_name_equal("ærøy", "ÆRØY"));
	assert_true(sam_name_equal("øyvind", "ØYVIND"));
	assert_true(sam_name_equal("ÉVJE", "évje"));
	assert_true(sam_name_equal("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ",
				   "àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþ"));
	assert_true(sam_name_equal("", ""));
	assert_true(sam_name_equal("Sør-Varanger", "SØR-VARANGER"));
	assert_true(sam_name_equal("×", "×"));
	assert_false(sam_name_equal("Bø", "Bo"));
	assert_false(sam_name_equal("Evje", "Évje"));
	assert_false(sam_name_equal("Ås", "As"));
	assert_false(sam_name_equal("Hvale", "Hvaler"));
	assert_false(sam_name_equal("Hvaler", "Hvale"));
	assert_false(sam_name_equal("Hvaler", ""));
	assert_false(sam_name_equal("×", "÷"));
	assert_false(sam_name_equal("ß", "SS"));
	assert_false(sam_name_equal("Moss", "Moss "));
	assert_false(sam_name_equal(NULL, "Moss"));
	assert_false(sam_name_equal("Moss", NULL));
}

static void assert_fold(const char *in, const char *out)
{
	char *folded = sam_fold_nb(in);

	assert_non_null(folded);
	assert_string_equal(folded, out);
	free(folded);
}

static void test_fold(void **state)
{
	(void)state;
	assert_fold("Ålesund", "ålesund");
	assert_fold("ÆRØY", "ærøy");
	assert_fold("ØSTRE TOTEN", "østre toten");
	assert_fold("Sør-Varanger", "sør-varanger");
	assert_fold("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ",
		    "àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþ");
	assert_fold("already small", "already small");
	assert_fold("", "");
	assert_fold("×÷", "×÷");
	assert_fold("Straße", "straße");
	assert_fold("ŠÁMI", "Šámi"); /* only Latin-1 capitals are folded */
	assert_fold("\xc3", "\xc3");
	assert_fold("A\xc3", "a\xc3");
	assert_fold("\x85\xc3", "\x85\xc3");
	assert_fold("\xff" "A", "\xff" "a");
	assert_fold("1-2 TIL 3", "1-2 til 3");
	assert_null(sam_fold_nb(NULL));
}

/* ------------------------------------------------------------ SQLite */

static sqlite3 *open_places(void)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *ins;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sam_collate_register(db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE place(name TEXT)",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO place VALUES (?)",
					    -1, &ins, NULL), SQLITE_OK);
	for (size_t i = 0; i < LEN(places); i++) {
		sqlite3_bind_text(ins, 1, places[i], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
		sqlite3_reset(ins);
	}
	sqlite3_finalize(ins);
	return db;
}

/* The names a query returns, one a row, in order. */
static void assert_names(sqlite3 *db, const char *sql,
			 const char *const *expected, size_t n)
{
	sqlite3_stmt *st;
	size_t i = 0;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		assert_true(i < n);
		assert_string_equal((const char *)sqlite3_column_text(st, 0),
				    expected[i]);
		i++;
	}
	assert_int_equal(i, n);
	sqlite3_finalize(st);
}

static int query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void test_sqlite_order_by(void **state)
{
	sqlite3 *db = open_places();

	(void)state;
	assert_names(db, "SELECT name FROM place ORDER BY name COLLATE NB",
		     places_sorted, LEN(places_sorted));
	/* Through an index in NB order as well. */
	assert_int_equal(sqlite3_exec(db, "CREATE INDEX place_nb ON "
				      "place(name COLLATE NB)", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_names(db, "SELECT name FROM place INDEXED BY place_nb "
		     "WHERE name > '' COLLATE NB ORDER BY name COLLATE NB",
		     places_sorted, LEN(places_sorted));
	assert_int_equal(query_int(db, "SELECT 'Hvaler' = 'hvaler' COLLATE NB"), 0);
	assert_int_equal(query_int(db, "SELECT 'zeta' < 'Zulu' COLLATE NB"), 1);
	assert_int_equal(query_int(db, "SELECT 'zeta' < 'Zulu' COLLATE BINARY"), 0);
	sqlite3_close(db);
}

static void test_sqlite_nb_fold(void **state)
{
	static const char *const romskog[] = {"Rømskog"};
	static const char *const hobol[] = {"Hobøl"};
	static const char *const folded[] = {"ærøy"};
	sqlite3 *db = open_places();

	(void)state;
	assert_names(db, "SELECT name FROM place "
		     "WHERE nb_fold(name) = nb_fold('RØMSKOG')", romskog, 1);
	assert_names(db, "SELECT name FROM place WHERE nb_fold(name) = 'hobøl'",
		     hobol, 1);
	assert_names(db, "SELECT nb_fold('ÆRØY')", folded, 1);
	assert_int_equal(query_int(db, "SELECT nb_fold(NULL) IS NULL"), 1);
	assert_int_equal(query_int(db, "SELECT nb_fold(42) = '42'"), 1);
	assert_int_equal(query_int(db, "SELECT length(nb_fold('ÅS'))"), 2);
	/* Deterministic, so it may index an expression. */
	assert_int_equal(sqlite3_exec(db, "CREATE INDEX place_fold ON "
				      "place(nb_fold(name))", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_names(db, "SELECT name FROM place INDEXED BY place_fold "
		     "WHERE nb_fold(name) = nb_fold('RØMSKOG')", romskog, 1);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort_places),
		cmocka_unit_test(test_norwegian_letters_after_z),
		cmocka_unit_test(test_case_blind_primary),
		cmocka_unit_test(test_accents),
		cmocka_unit_test(test_digits_and_punctuation),
		cmocka_unit_test(test_equal_and_consistent),
		cmocka_unit_test(test_shared_prefix_and_ascii),
		cmocka_unit_test(test_shared_prefix_keeps_order),
		cmocka_unit_test(test_awkward_bytes_total_order),
		cmocka_unit_test(test_unterminated_buffers),
		cmocka_unit_test(test_name_equal),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_sqlite_order_by),
		cmocka_unit_test(test_sqlite_nb_fold),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
