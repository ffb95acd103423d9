/* The lists people ask for: municipalities with their settlement figures,
 * contacts, grants, meetings, organisations — filtered, and sorted in
 * Norwegian order. */
#ifndef SAMORDNE_LISTING_H
#define SAMORDNE_LISTING_H

#include "core/db.h"
#include "core/table.h"

struct sam_list_filter {
	int year;                 /* 0: the newest year each municipality has */
	const char *municipality; /* a name or id, or NULL */
	const char *group;        /* a group key or label, or NULL */
	const char *scheme;       /* a grant scheme key or label, or NULL */
	const char *from, *to;    /* meetings: dates as typed, inclusive, or NULL */
};

/* kind: "municipalities", "contacts", "grants", "meetings", "organisations",
 * "settlements" (every year's figures; also the singulars). A bad filter
 * value fails naming it. */
int sam_list(struct sam_db *db, const char *kind, const struct sam_list_filter *f,
             struct sam_table *out, struct sam_err *err);

/* The same list a row at a time, for a writer that need not hold it all:
 * cols receives the columns and no rows (free it with sam_table_free);
 * then row(ctx, cells) is called for each row with cols->ncols cells,
 * valid during the call only. */
typedef void (*sam_list_row_fn)(void *ctx, const char *const *cells);
int sam_list_each(struct sam_db *db, const char *kind, const struct sam_list_filter *f,
                  struct sam_table *cols, sam_list_row_fn row, void *ctx, struct sam_err *err);

/* Fails with a message unless kind names a list, so a caller can refuse a
 * wrong kind as bad usage before opening any database. */
int sam_list_check_kind(const char *kind, struct sam_err *err);

#endif
