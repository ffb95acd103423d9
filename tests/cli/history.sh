#!/bin/sh
# A scripted change shows in `samordne history`: when, who (person and
# device), the field, and old → new.
# shellcheck source=tests/cli/lib.sh
. "$TESTS_SRCDIR/cli/lib.sh"

SAMORDNE_USER="Kari Nordmann"
SAMORDNE_DEVICE_LABEL=laptop-moss
SAMORDNE_NOW=2016-03-01T09:30:00Z
export SAMORDNE_USER SAMORDNE_DEVICE_LABEL SAMORDNE_NOW

ok add municipality number=0104 name=Moss
ok add settlement municipality=Moss year=2016 decided=43
id=$(cat "$OUT")
ok set "$id" decided=50

ok history "$id"
out_has "Kari Nordmann"
out_has "laptop-moss"
grep -E 'decided +43 +50$' "$OUT" >/dev/null || fail "history lacks decided 43 → 50"
grep -E 'decided +43$' "$OUT" >/dev/null || fail "history lacks the first value 43"
# Oslo time: 09:30 UTC is 10:30 in winter.
out_has "01.03.2016 10:3"
first=$(grep -nE 'decided +43$' "$OUT" | cut -d: -f1)
second=$(grep -nE 'decided +43 +50$' "$OUT" | cut -d: -f1)
[ "$first" -lt "$second" ] || fail "history is not in time order"

ok history "$id" --format csv
out_has '"Kari Nordmann, laptop-moss",decided,43,50'

ok history "$id" --format json
json_parses "$OUT"
case $? in 0 | 77) ;; *) fail "history JSON does not parse" ;; esac

# References show by name, deletes as such.
ok history "$id" --format csv
out_has ",municipality,,Moss"
ok delete "$id"
ok history Moss
out_has "name"
run 1 history "$id"
err_one_line

ok set Moss county=Østfold
ok history Moss
grep -E 'county +Østfold$' "$OUT" >/dev/null || fail "history lacks the county"
exit 0
