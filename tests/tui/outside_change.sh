#!/bin/sh
# A change by another process (here the command line on the same file)
# shows within a second, and the selection stays where it was.
. "$TESTS_SRCDIR/tui/lib.sh"
make_db
start 80 24
keys ']'; wait_for "Settlement 2016"
keys :; type_text "go Moss"; keys Enter
wait_for "Moss 0104"
id=$(cli list settlements --year 2016 --format csv | grep '^Moss,' | sed 's/.*,//')
[ -n "$id" ] || fail "no settlement row of Moss 2016"
cli set "$id" decided=53 >/dev/null || fail "samordne set failed"
wait_for "decided 53"
line_of "0104    Moss" | grep -q "53" || fail "the Moss row does not show 53"
screen_has "Moss 0104"
quit
