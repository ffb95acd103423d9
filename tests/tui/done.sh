#!/bin/sh
# The "done when", at 80x24 and 160x50, with and without colour:
# with only the ? screen, find Moss and change its 2016 decided figure,
# find Hvaler's contact person, open the steering group meeting of
# 2 October 2015, see the county's totals on the overview, and undo the
# change — checked on the screen and in the database.
. "$TESTS_SRCDIR/tui/lib.sh"

moss_decided() {
	cli list municipalities --year 2016 --format csv | grep ',Moss,' | cut -d, -f5
}

for size in "80 24" "160 50"; do
	for colour in "" NO_COLOR=1; do
		rm -f "$DB" "$DB-wal" "$DB-shm"
		make_db
		start $size $colour
		keys '?'
		wait_for "every action and its keys"
		screen_has "search as you type"
		keys q
		wait_for "Settlement 2015"
		keys ']'
		wait_for "Settlement 2016"

		# Moss's decided figure for 2016: 47 → 50.
		keys /; type_text "Moss"; keys Enter
		wait_for "Moss 0104"
		keys e
		wait_for "Ctrl-S"
		keys Down Down Down Down C-u
		type_text "50"
		keys C-s
		wait_for "saved"
		[ "$(moss_decided)" = 50 ] || fail "Moss 2016 decided is $(moss_decided), not 50"
		line_of "0104    Moss" | grep -q " 50 " || fail "the Moss row does not show 50"

		# Hvaler's contact person.
		keys 2
		wait_for "contacts — municipality: all"
		keys /; type_text "Hvaler"; keys Enter
		capture
		line_of "Hvaler" >/dev/null || fail "no contact of Hvaler found"

		# The steering group meeting of 2 October 2015.
		keys 4
		wait_for "Agenda"
		keys /; type_text "Styringsgruppe"; keys Enter
		keys Enter
		wait_for "Attendees"
		screen_has "02.10.2015"
		keys q
		wait_for "Agenda"

		# The county's totals.
		keys 5
		wait_for "The county in 2016"
		screen_has "decided 102"

		# Undo.
		keys u
		wait_for "Undid: Moss 2016, decided 50 → 47"
		wait_for "decided 99"
		[ "$(moss_decided)" = 47 ] || fail "after undo Moss 2016 decided is $(moss_decided)"
		quit
	done
done
