/* The one place samordne asks what time it is, so tests can set it. */
#ifndef SAMORDNE_CLOCK_H
#define SAMORDNE_CLOCK_H

#include <stdint.h>

/* Milliseconds since the Unix epoch, UTC. If the environment variable
 * SAMORDNE_NOW holds a time (2015-10-02T11:00:00Z or milliseconds), the
 * clock starts there and advances with the real clock: the CLI tests use
 * it to make history reproducible. */
int64_t sam_clock_now_ms(void);

/* Tests replace the clock; NULL restores the real one. */
void sam_clock_set(int64_t (*now_ms)(void));

#endif
