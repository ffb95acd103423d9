/* Segment files: log/<dev>/s-<seg:012>.seg (see SYNC.md "Segment format").
 *
 *   {"t":"hdr","fmt":1,"ws":…,"dev":…,"seg":413,"prev":…,"first":…,"last":…,"schema":1,"vec":{…}}
 *   {"d":…,"s":18378,"h":…,"e":"grant","id":…,"f":"amount_nok","v":250000}
 *   {"t":"end","n":25,"sha256":"<sha256 of all preceding bytes>"}
 *
 * Every line ends with '\n'. "prev" is the sha256 of the whole previous
 * segment file ("" for segment 1). "vec" is the sender's applied vector
 * when it sealed the segment. Snapshots reuse the op lines (snapshot.h). */
#ifndef SAMORDNE_SYNC_SEGMENT_H
#define SAMORDNE_SYNC_SEGMENT_H

#include <stdint.h>
#include <stdio.h>

#include "core/write.h"
#include "sync/hash.h"
#include "sync/json.h"
#include "sync/vec.h"

#define SYNC_FORMAT 1
/* The meaning of ops (entities, fields, values). A build refuses, and
 * parks, a segment of a newer data schema rather than misread it. */
#define SYNC_DATA_SCHEMA 1
#define SYNC_SEG_MAX_BYTES (1024 * 1024)
#define SYNC_SEG_MAX_OPS 5000
#define SYNC_LINE_MAX (64 * 1024)
#define SYNC_WS_MAX 64

struct sync_seg_header {
	char ws[SYNC_WS_MAX + 1];
	char dev[SAM_DEV_BUF];
	int64_t seg;
	char prev[SYNC_SHA_HEX]; /* "" for the first */
	int64_t first, last;
	int schema;
	char *vec_json; /* owned; the vector as written */
};

/* A parsed op: sam_op's strings owned here. */
struct sync_op {
	struct sam_op op;
	char *dev, *entity, *rid, *field;
};

struct sync_segment {
	struct sync_seg_header hdr;
	struct sync_op *ops;
	int nops;
	char sha256[SYNC_SHA_HEX]; /* of the whole file */
};

/* What the reader expects of the next segment of a device. */
struct sync_seg_expect {
	const char *ws;
	const char *dev;
	int64_t seg;
	const char *prev;  /* sha256 of segment seg-1, "" for seg 1 */
	int64_t first;     /* the device's next op */
};

/* Builder: the header is written once the last op is known. */
struct sync_seg_builder {
	struct strbuf ops;
	int nops;
	int64_t first, last;
};

/* Appends an op line if it fits in max_bytes/max_ops with the header and
 * trailer; returns false (and adds nothing) if it does not. */
bool sync_seg_add(struct sync_seg_builder *b, const struct sam_op *op, size_t max_bytes,
                  int max_ops);
/* The whole file; the builder is reset. h->first/last are filled. */
void sync_seg_finish(struct sync_seg_builder *b, struct sync_seg_header *h, struct strbuf *out);
void sync_seg_builder_free(struct sync_seg_builder *b);

/* One op line, without the newline. */
void sync_op_line(struct strbuf *sb, const struct sam_op *op);

/* Outcome of reading a segment. */
enum { SYNC_SEG_OK = 0, SYNC_SEG_INVALID = -1, SYNC_SEG_NEWER = -2 };

/* Validates every byte of a downloaded segment against want (NULL
 * fields are not checked) and parses it. On failure nothing is returned,
 * and err says why. */
int sync_segment_parse(sqlite3 *sql, const char *bytes, size_t len,
                       const struct sync_seg_expect *want, struct sync_segment *out,
                       struct sam_err *err);
void sync_segment_free(struct sync_segment *s);

/* Shared with snapshots: splits bytes into lines (each ≤ 64 KiB, ending
 * '\n'), checks UTF-8, and the trailer {"t":"end","n":…,"sha256":…}. The
 * lines between the first and the trailer are body lines; n must equal
 * their count. Calls line() for each line but the trailer. */
typedef int sync_line_fn(void *ctx, int lineno, const char *line, size_t len,
                         struct sam_err *err);
int sync_lines_check(struct sync_jparser *p, const char *bytes, size_t len, sync_line_fn *line,
                     void *ctx, struct sam_err *err);
/* The same, read from f's position to its end one line at a time, so a
 * file of many megabytes is never in memory whole. */
int sync_lines_check_file(struct sync_jparser *p, FILE *f, sync_line_fn *line, void *ctx,
                          struct sam_err *err);

/* Parses an op line; the strings are owned by out. */
int sync_op_parse(struct sync_jparser *p, const char *line, size_t len, struct sync_op *out,
                  struct sam_err *err);
void sync_op_free(struct sync_op *op);

/* "s-000000000413.seg" */
char *sync_seg_name(int64_t seg);

#endif
