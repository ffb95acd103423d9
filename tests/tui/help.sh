#!/bin/sh
# The ? screen lists every action of the keymap (the hidden --keys-man
# prints the same table for the man page), and q goes back.
. "$TESTS_SRCDIR/tui/lib.sh"
make_db
"$SAMORDNE" --keys-man >"$T/man" || fail "--keys-man failed"
actions=$(sed -n 's/.*" (\([a-z-]*\))"$/\1/p' "$T/man")
[ "$(echo "$actions" | wc -l)" -gt 30 ] || fail "--keys-man lists too few actions"

start 80 24
keys '?'
wait_for "every action and its keys"
: >"$T/seen"
i=0
while [ $i -lt 6 ]; do
	capture
	cat "$SCREEN" >>"$T/seen"
	keys PgDn
	i=$((i + 1))
done
for a in $actions; do
	grep -q -- "  $a  \| $a " "$T/seen" || { cp "$T/seen" "$SCREEN"; fail "help lacks action $a"; }
done
keys q
wait_for "Settlement 2015"
quit
