#!/bin/sh
# samordne itself links no network code: loading libcurl and the
# libraries it needs would be most of the start-up of every command and of
# the full-screen program. samordne-webdav, beside it, runs the commands
# that need them.
# shellcheck source=tests/cli/lib.sh
. "$TESTS_SRCDIR/cli/lib.sh"

command -v readelf >/dev/null 2>&1 || skip "readelf (binutils) is not installed"

# needed PROGRAM: the shared libraries PROGRAM names, one a line.
needed() {
	readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
}

needed "$SAMORDNE" >"$OUT" || fail "readelf cannot read $SAMORDNE"
grep -q '^libsqlite3\.' "$OUT" || fail "samordne does not name libsqlite3: is this readelf's output?"
for lib in libcurl libexpat libsodium; do
	grep -q "^$lib\." "$OUT" && fail "samordne needs $lib"
done

helper=$(dirname "$SAMORDNE")/samordne-webdav
needed "$helper" >"$OUT" || fail "readelf cannot read $helper"
grep -q '^libcurl\.' "$OUT" || fail "samordne-webdav does not need libcurl"
exit 0
