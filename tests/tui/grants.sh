#!/bin/sh
# The grants view answers "how do the grants fit together?": both schemes
# side by side, a joint application (Spydeberg/Hobøl) under each of its
# municipalities, and totals written as the figures are ("1 100 000").
. "$TESTS_SRCDIR/tui/lib.sh"
make_db
start 80 24
keys 3
wait_for "Grants 2015"
screen_has "social housing work: 11 positions, 0 NOK"
screen_has "child poverty: 5 positions, 1 100 000 NOK"
screen_has "County total: 16 positions, 1 100 000 NOK"
line_of "Fredrikstad" | grep -q "not applied .* 2 .*1 100 000 .*decided" ||
	fail "Fredrikstad's two schemes are not side by side"
# Hobøl's line is followed by the joint application, named by its partner.
awk '/^Hobøl /{getline; print; exit}' "$SCREEN" | grep -q "↳ with Spydeberg .*on hold" ||
	fail "the joint application is not under Hobøl"
# and Spydeberg, which has no grant of its own, has it too.
keys G
wait_for "↳ with Hobøl"
awk '/^Spydeberg/{getline; print; exit}' "$SCREEN" | grep -q "↳ with Hobøl" ||
	fail "the joint application is not under Spydeberg"
quit
