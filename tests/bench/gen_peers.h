/* The benchmark's meetings and contacts in the peers' own files. */
#ifndef SAMORDNE_BENCH_GEN_PEERS_H
#define SAMORDNE_BENCH_GEN_PEERS_H

#include <stdint.h>

#include "tests/bench/gen_data.h"

/* dir/meetings.ics, dir/khal/<uid>.ics (a vdir), dir/calcurse/{apts,todo}. */
void gen_write_calendars(const char *dir, uint64_t seed, const struct gen_scale *sc);
/* dir/abook/addressbook, dir/contacts.vcf. */
void gen_write_addressbooks(const char *dir, uint64_t seed, const struct gen_scale *sc);

#endif
