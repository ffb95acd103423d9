/* Norwegian alphabetical order and case-blind name matching: æ, ø, å come
 * after z; Æ/æ, Ø/ø, Å/å match each other; é sorts as e, ä as æ, ö as ø,
 * ü as y. Used for sorting lists and for finding a municipality by name. */
#ifndef SAMORDNE_COLLATE_H
#define SAMORDNE_COLLATE_H

#include <sqlite3.h>
#include <stdbool.h>

/* Compares two UTF-8 strings of the given byte lengths in Norwegian order;
 * strings that differ only in case are ordered by their bytes, so the
 * order is total. */
int sam_collate_nb(const char *a, int alen, const char *b, int blen);

/* True when a and b are the same name regardless of case ("hvaler" =
 * "Hvaler", "øyvind" = "ØYVIND"). */
bool sam_name_equal(const char *a, const char *b);

/* A newly allocated case-folded copy, for searching ("Ålesund" → "ålesund"). */
char *sam_fold_nb(const char *s);

/* Registers the collation NB and the SQL function nb_fold(x) on db. */
int sam_collate_register(sqlite3 *db);

#endif
