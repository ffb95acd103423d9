#!/bin/sh
# --demo works on a throwaway copy of the Østfold 2015 network and never
# touches the person's own database.
# shellcheck source=tests/cli/lib.sh
. "$TESTS_SRCDIR/cli/lib.sh"

# The default database, as samordne finds it without --db or $SAMORDNE_DB.
unset SAMORDNE_DB
user_db=$XDG_DATA_HOME/samordne/samordne.db

ok --demo list municipalities
out_lines 19
out_has "Moss"
out_has "decided"
out_has "no letter received"
out_has "positive, not decided"
# Every municipality has a status in the demo.
[ "$(tail -n +2 "$OUT" | grep -c -E 'no letter received|awaiting|later deadline|positive|decided|negative')" -ge 17 ] ||
	fail "municipalities without a status"

ok --demo list contacts --municipality hvaler
out_has "Lars Håkon Larsen"

ok --demo list municipalities --format csv
out_lines 19
csv_parses "$OUT" 10 || fail "CSV does not parse"

ok --demo list contacts --format json
json_parses "$OUT"
case $? in
0) ;;
77) echo "no python3: the JSON check is skipped" >&2 ;;
*) fail "the JSON does not parse" ;;
esac

# Changes to the demo are allowed, and go away with it.
ok --demo add municipality number=0301 name=Oslo
ok --demo list municipalities
out_lacks "Oslo"

ok --demo show Moss
out_has "id: "
out_has "Silje Hobbel"

# Without a command and without a terminal: the municipalities, for scripts.
ok --demo
out_has "Våler"

[ -e "$user_db" ] && fail "--demo created $user_db"
[ -z "$(ls -A "$TMPDIR")" ] || fail "--demo left files in \$TMPDIR: $(ls -A "$TMPDIR")"

# A failure inside a demo run still removes the throwaway file.
run 1 --demo set Moss decided=fourty
[ -z "$(ls -A "$TMPDIR")" ] || fail "a failed --demo run left files in \$TMPDIR"
[ -e "$user_db" ] && fail "--demo created $user_db"

run 2 --demo --db "$T/other.db" list municipalities
err_one_line
[ -e "$T/other.db" ] && fail "--demo with --db made a database"
exit 0
