#!/bin/sh
# The calendar: the agenda opens at today's first meeting, each row with
# its date, weekday and time; Enter opens the
# steering group meeting of 2 October 2015 with its attendees; q goes back.
# Contacts: Hvaler's contact person by the municipality filter.
. "$TESTS_SRCDIR/tui/lib.sh"
make_db
start 80 24
keys 4
wait_for "Agenda"
# The agenda's rows: date, weekday, time or "all day", title, kind.
line_of "Styringsgruppemøte" | grep -q "02.10.2015 *Fri *13:00–15:00 *Styringsgruppemøte" ||
	fail "the steering group meeting's row: $(line_of Styringsgruppemøte)"
line_of "Kurs: Østfoldmodellen" | grep -q "01.09.2015 *Tue *all day *Kurs" ||
	fail "the course's row: $(line_of 'Kurs: Østfoldmodellen')"
keys /; type_text "02.10.2015"; keys Enter
keys Enter
wait_for "Attendees"
screen_has "Styringsgruppemøte"
keys q
wait_for "Agenda"
keys 2
wait_for "contacts — municipality: all"
keys m; type_text "Hvaler"; keys Enter
wait_for "municipality: Hvaler"
screen_has "Hvaler"
keys f
wait_for "group: network"
quit
