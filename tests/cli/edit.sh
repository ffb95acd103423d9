#!/bin/sh
# add, set and delete from the command line: each step shows in the lists
# and in the database file.
# shellcheck source=tests/cli/lib.sh
. "$TESTS_SRCDIR/cli/lib.sh"

SAMORDNE_USER="Test Person"
SAMORDNE_DEVICE_LABEL=test-laptop
export SAMORDNE_USER SAMORDNE_DEVICE_LABEL

is_id() {
	grep -qxE '[0-9a-f]{32}' "$OUT" || fail "add did not print an id"
}

# --- a municipality
ok add municipality number=0104 name=Moss county=Østfold
is_id
moss=$(cat "$OUT")
[ -f "$SAMORDNE_DB" ] || fail "no database at \$SAMORDNE_DB"
ok list municipalities
out_lines 2
out_has "0104"
out_has "Moss"
db_is "SELECT name FROM municipality WHERE id = '$moss' AND deleted = 0" "Moss"

# --- its settlement figures; adding the same year again updates that row.
ok add settlement municipality=Moss year=2016 decided=47
is_id
figures=$(cat "$OUT")
ok list municipalities
out_lines 2
grep -q 'Moss *2016 *47' "$OUT" || fail "the 2016 figures are not listed"

ok add settlement municipality=moss year=2016 decided=48 status=decided
[ "$(cat "$OUT")" = "$figures" ] || fail "the same municipality and year made a new record"
ok list municipalities
out_lines 2
grep -q 'Moss *2016 *48 .*decided' "$OUT" || fail "the second add did not update the figures"
ok list settlements --municipality Moss
out_lines 2
db_is "SELECT count(*) FROM settlement WHERE deleted = 0" "1"
db_is "SELECT decided FROM settlement WHERE id = '$figures'" "48"

# --- a contact with an e-mail address
ok add contact name="Silje Hobbel" municipality=Moss email=silje.hobbel@moss.kommune.no
is_id
ok list contacts
out_lines 2
out_has "Silje Hobbel"
out_has "silje.hobbel@moss.kommune.no"
out_has "Moss"
db_is "SELECT email FROM contact WHERE name = 'Silje Hobbel'" "silje.hobbel@moss.kommune.no"

# --- set fields, by name and by id
ok set "silje hobbel" position="Nestleder helse og sosial" phone="69 24 10 00"
[ -s "$OUT" ] && fail "set printed something"
ok list contacts
out_has "Nestleder helse og sosial"

ok set "$moss" name="Moss kommune"
ok list contacts
out_has "Moss kommune"
ok list municipalities
out_has "Moss kommune"
db_is "SELECT name FROM municipality WHERE id = '$moss'" "Moss kommune"

# An empty value clears a field.
ok set "Silje Hobbel" position=
ok list contacts
out_lacks "Nestleder"
db_is "SELECT position IS NULL FROM contact WHERE name = 'Silje Hobbel'" "1"

ok show "Moss kommune"
out_has "id: $moss"
out_has "number: 0104"
out_has "Silje Hobbel"
out_has "2016"

# --- delete: gone from the lists, kept as a tombstone in the file.
ok delete "Silje Hobbel"
ok list contacts
out_lines 1
db_is "SELECT deleted FROM contact WHERE name = 'Silje Hobbel'" "1"

ok delete "$figures"
ok list municipalities
out_lines 2
grep -q '2016' "$OUT" && fail "deleted figures are still listed"

ok delete "Moss kommune"
ok list municipalities
out_lines 1
run 1 show "Moss kommune"
err_one_line
err_has "Moss kommune"

# The name is free again for a new municipality.
ok add municipality number=0104 name=Moss
ok add settlement municipality=Moss year=2016 decided=47
ok list municipalities
grep -q 'Moss *2016 *47' "$OUT" || fail "figures added again are not listed"
# A grant has no name: a script takes its id from the CSV output, which
# carries it as the last column, and changes it with that.
ok add grant scheme=barnefattigdom year=2016 positions=½ status=applied
ok add grant_municipality grant="$(cat "$OUT")" municipality=Moss
ok list grants --format csv
grant_id=$(awk -F, 'NR == 2 {print $NF}' "$OUT")
[ -n "$grant_id" ] || fail "the grants CSV has no id column"
ok set "$grant_id" status=decided positions=1
ok list grants
grep -q 'child poverty *2016 *Moss *1 *decided' "$OUT" || fail "the grant changed by its id is not listed as changed"
# The start of an id is enough, as with git's hashes; a start that is no
# id's finds nothing and changes nothing.
ok set "$(printf %.8s "$grant_id")" positions=2
db_is "SELECT positions FROM grant_application WHERE id = '$grant_id'" "200"
run 1 set "${grant_id%??????????????????????????}ffffff" positions=3
err_one_line
db_is "SELECT positions FROM grant_application WHERE id = '$grant_id'" "200"
exit 0
