#!/bin/sh
# The municipality view's detail pane follows the selection: after a move
# it shows the new municipality's figures, contact persons and grants and
# none of the one before. A change by another process reaches the pane,
# and a part the pane had no room for shows once the terminal grows.
. "$TESTS_SRCDIR/tui/lib.sh"
make_db

# Wide: the pane stands beside the table, as tall as the screen.
start 160 50
wait_for "Settlement 2015"
keys :; type_text "go Halden"; keys Enter
wait_for "Halden 0101"
wait_for "Astrid Nordstrand"
screen_has "2015  decided 48  decided"
screen_has "2015 child poverty:, on hold"
screen_lacks "Christian Gundersen"

# One row down in Norwegian order: Hobøl, with no figures yet.
keys j
wait_for "Hobøl 0138"
wait_for "Eva K. Utne, Skolefaglig rådgiver"
screen_has "2015  no letter received"
screen_lacks "Astrid Nordstrand"
screen_lacks "decided 48"
screen_lacks "Halden 0101"

# Back up: Halden's rows again, none of Hobøl's.
keys k
wait_for "Astrid Nordstrand"
screen_has "2015  decided 48  decided"
screen_lacks "Eva K. Utne"
screen_lacks "2015  no letter received"

# Another process gives Halden's contact a phone number.
id=$(cli list contacts --municipality Halden --format csv | grep '^Astrid Nordstrand,' | sed 's/.*,//')
[ -n "$id" ] || fail "no contact Astrid Nordstrand in Halden"
cli set "$id" phone="69 17 45 00" >/dev/null || fail "samordne set failed"
wait_for "Astrid Nordstrand, 69 17 45 00"
quit

# Small: the pane under the table has no room for the grants; they are
# read when the terminal grows.
start 80 24
keys :; type_text "go Moss"; keys Enter
wait_for "Moss 0104"
wait_for "Silje Hobbel"
screen_has "2016  decided 47  decided"
screen_lacks "child poverty"
screen_lacks "social housing work"
resize 160 50
wait_for "2015 social housing work:, 2 positions, decided"
screen_has "Silje Hobbel, Nestleder kommunalavdeling helse- og sosial"
quit
