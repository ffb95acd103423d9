#!/bin/sh
# [ and ] change the year; the command line: :year, :go, :view, an unknown
# command reported, :q quits.
. "$TESTS_SRCDIR/tui/lib.sh"
make_db
start 80 24
wait_for "Settlement 2015"
keys ']'; wait_for "Settlement 2016"
keys '[' '['; wait_for "Settlement 2014"
keys :; type_text "year 2016"; keys Enter
wait_for "Settlement 2016"
line_of "0104    Moss" | grep -q "47" || fail "Moss 2016 does not show 47 decided"
keys :; type_text "go Hvaler"; keys Enter
wait_for "Hvaler 0111"
keys :; type_text "view calendar"; keys Enter
wait_for "Agenda"
keys :; type_text "frobnicate"; keys Enter
wait_for "unknown command ':frobnicate'"
keys :; type_text "q"; keys Enter
wait_for "EXITED 0"
