/* Shared basics of every samordne module: gettext macros, allocation that
 * never returns NULL, the fatal path for broken invariants, and the error
 * channel for everything a user or a server can cause. */
#ifndef SAMORDNE_COMMON_H
#define SAMORDNE_COMMON_H

#include <libintl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdnoreturn.h>

#define _(s) gettext(s)
#define N_(s) (s)

#define SAM_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define SAM_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SAM_PRINTF(f, a)
#endif

/* Out of memory is not something a user can act on: these abort. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) SAM_PRINTF(1, 2);

/* A broken invariant: print and abort. Never for user or server input. */
noreturn void fatal(const char *fmt, ...) SAM_PRINTF(1, 2);

/* The error channel for what a user, a file or a server can cause: one
 * translated sentence the user can act on. Functions that can fail this way
 * return 0 on success and -1 after filling *err (err may be NULL). */
struct sam_err {
	char msg[512];
};

int sam_fail(struct sam_err *err, const char *fmt, ...) SAM_PRINTF(2, 3);

/* A growing string. */
struct strbuf {
	char *buf;
	size_t len, cap;
};

void sb_add(struct strbuf *sb, const char *s);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) SAM_PRINTF(2, 3);
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap) SAM_PRINTF(2, 0);
char *sb_steal(struct strbuf *sb); /* the string (never NULL); sb is reset */
void sb_free(struct strbuf *sb);

#endif
