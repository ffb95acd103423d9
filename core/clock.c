/* The clock (see clock.h). */
#include <config.h>

#include <stdlib.h>
#include <time.h>

#include "core/clock.h"
#include "core/oslo_time.h"

static int64_t (*clock_override)(void);

static int64_t real_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* SAMORDNE_NOW shifts the real clock so that it started at the given time
 * when first asked; it keeps advancing, so stamps stay ordered. */
static int64_t env_offset_ms(void)
{
	static int done;
	static int64_t offset;
	if (done)
		return offset;
	done = 1;
	const char *s = getenv("SAMORDNE_NOW");
	if (!s || !*s)
		return 0;
	int64_t t;
	char *end;
	if (sam_iso_utc_parse(s, &t)) {
		offset = t * 1000 - real_now_ms();
	} else {
		long long ms = strtoll(s, &end, 10);
		if (*end == '\0' && ms > 0)
			offset = ms - real_now_ms();
	}
	return offset;
}

int64_t sam_clock_now_ms(void)
{
	if (clock_override)
		return clock_override();
	return real_now_ms() + env_offset_ms();
}

void sam_clock_set(int64_t (*now_ms)(void))
{
	clock_override = now_ms;
}
