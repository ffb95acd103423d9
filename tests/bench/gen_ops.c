/* The sync history (see gen_ops.h). */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "core/oslo_time.h"
#include "tests/bench/gen_ops.h"

int64_t gen_tail_start(const struct gen_scale *sc)
{
	/* A whole number of rounds, so every device has a tail. */
	int64_t k = (int64_t)sc->device_ops * 9 / 10;
	return k - k % sc->devices;
}

static void set_text(struct gen_dev_op *o, const char *entity, const char *field)
{
	o->op.entity = entity;
	o->op.field = field;
	o->op.v = (struct sam_value){.kind = SAM_V_TEXT, .s = o->text};
}

static void set_int(struct gen_dev_op *o, const char *entity, const char *field, int64_t i)
{
	o->op.entity = entity;
	o->op.field = field;
	o->op.v = (struct sam_value){.kind = SAM_V_INT, .i = i};
}

void gen_device_op(uint64_t seed, const struct gen_scale *sc, int64_t k, struct gen_dev_op *o)
{
	struct gen_rng r = gen_rng_for(seed, "device-op", k);
	memset(o, 0, sizeof *o);
	o->device = (int)(k % sc->devices);
	gen_dev(seed, o->device, o->dev);
	o->op.dev = o->dev;
	/* The device's first op is its author record (gen_device_db). */
	o->op.seq = k / sc->devices + 2;
	/* Spread over the years of the data, a few minutes apart; the
	 * device's number in the counter bits keeps stamps distinct. */
	int64_t t0 = sam_days_from_civil(sc->first_year, 1, 1) * 86400 * 1000;
	int64_t span = (int64_t)sc->years * 365 * 86400 * 1000;
	int64_t ms = t0 + k * (span / sc->device_ops);
	o->op.hlc = (ms << 16) | o->device;
	o->op.rid = o->rid;
	switch (gen_below(&r, 5)) {
	case 0: { /* a contact's new phone */
		int c = gen_below(&r, sc->contacts);
		gen_id(seed, "contact", c, o->rid);
		int p = 40000000 + gen_below(&r, 59999999);
		snprintf(o->text, sizeof o->text, "%03d %02d %03d", p / 100000, p / 1000 % 100,
		         p % 1000);
		set_text(o, "contact", "phone");
		break;
	}
	case 1: { /* a contact's new note */
		int c = gen_below(&r, sc->contacts);
		gen_id(seed, "contact", c, o->rid);
		snprintf(o->text, sizeof o->text, "Ringt %d. gang – følger opp søknaden", (int)(k % 9) + 1);
		set_text(o, "contact", "note");
		break;
	}
	case 2:
	case 3: { /* minutes of a meeting */
		int m = gen_below(&r, sc->meetings);
		gen_id(seed, "meeting", m, o->rid);
		snprintf(o->text, sizeof o->text,
		         "Referat: %d kommuner møtte. Neste steg: avklare boliger før fristen (sak %lld).",
		         2 + gen_below(&r, 30), (long long)k);
		set_text(o, "meeting", "note");
		break;
	}
	default: { /* a municipality's decided figure */
		int mu = gen_below(&r, sc->municipalities);
		int year = sc->first_year + gen_below(&r, sc->years);
		gen_settlement_id(seed, mu, year, o->rid);
		set_int(o, "settlement", "decided", 5 + gen_below(&r, 80));
		break;
	}
	}
}
