#!/bin/sh
# Every view at 80x24 and at 160x50: the tab bar names the active one, and
# each shows its data; Tab cycles; Ctrl-L redraws; q quits cleanly.
. "$TESTS_SRCDIR/tui/lib.sh"
make_db

for size in "80 24" "160 50"; do
	start $size
	wait_for "Settlement 2015"
	screen_has "1 Municipalities"
	screen_has "Moss"
	screen_has "never synced"
	keys 2; wait_for "contacts — municipality: all"
	screen_has "Rådmann"
	keys 3; wait_for "Grants 2015"
	screen_has "County total:"
	screen_has "↳ with"
	keys 4; wait_for "Agenda"
	screen_has "Styringsgruppemøte"
	keys v; wait_for "week"
	screen_has "Mon"
	keys v; wait_for "Agenda"
	keys 6; wait_for "History of"
	keys 5; wait_for "The county in 2015"
	screen_has "Next meetings"
	screen_has "02.10.2015"
	screen_has "Våler"
	keys Tab; wait_for "History of"
	keys Tab; wait_for "No network yet"
	keys Tab; wait_for "Settlement 2015"
	keys BTab; wait_for "No network yet"
	keys BTab; wait_for "History of"
	keys C-l; wait_for "History of"
	quit
done
