#!/bin/sh
# Keys rebound in the config; a bad line is reported with its number and
# the program still starts.
. "$TESTS_SRCDIR/tui/lib.sh"
make_db
cat >"$XDG_CONFIG_HOME/samordne/config" <<'CFG'
# my keys
bind Nosuchkey quit
bind x quit
bind F5 view-overview
unbind q
CFG
start 80 24
wait_for "config:2: unknown key 'Nosuchkey'"
keys F5
wait_for "The county in 2015"
keys q
keys '?'
wait_for "every action and its keys"
line_of " quit " | grep -q "^x  " || fail "help does not show x for quit"
keys /; type_text "view-overview"; keys Enter
wait_for "5, F5"
keys x
wait_for "The county in 2015"
keys x
wait_for "EXITED 0"
grep -q "config:2:" "$T/stderr" || fail "the config problem was not repeated on stderr"
