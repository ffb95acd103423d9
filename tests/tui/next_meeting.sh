#!/bin/sh
# "Next meeting" on the screen, with the clock at 1 October 2015 10:00:
# the overview lists the first three meetings not over, the course begun
# in September among them; the municipality view shows the next visit to
# the selected municipality, else the next meeting of all that is not a
# deadline; a visit another process adds shows without a restart.
. "$TESTS_SRCDIR/tui/lib.sh"
make_db
cli add meeting title="Frist for søknad om tilskudd" kind=deadline \
	starts_at="01.10.2015 12:00" >/dev/null || fail "cannot add the deadline"
cli add meeting title="Besøk i Halden" starts_at="15.10.2015 10:00" \
	municipality=Halden >/dev/null || fail "cannot add the visit"

start 160 50
wait_for "Settlement 2015"
keys 5; wait_for "Next meetings"
screen_has "Kurs: Østfoldmodellen"
screen_has "Frist for søknad om tilskudd"
screen_has "Styringsgruppemøte"
screen_lacks "Besøk i Halden"

keys 1; wait_for "Settlement 2015"
keys :; type_text "go Halden"; keys Enter
wait_for "Halden 0101"
wait_for "Next: 15.10.2015 Besøk i Halden"

keys :; type_text "go Moss"; keys Enter
wait_for "Moss 0104"
wait_for "Next: 01.09.2015 Kurs: Østfoldmodellen"
screen_lacks "Besøk i Halden"
screen_lacks "Frist for søknad"

cli add meeting title="Besøk i Moss" starts_at="05.10.2015 09:00" \
	municipality=Moss >/dev/null || fail "cannot add the visit to Moss"
wait_for "Next: 05.10.2015 Besøk i Moss"
screen_lacks "Kurs: Østfoldmodellen"
quit
