#!/bin/sh
# Bad values are refused whole: one line on stderr naming the value and
# the field, exit status 1, the database file unchanged to the byte, and
# the lists as they were.
# shellcheck source=tests/cli/lib.sh
. "$TESTS_SRCDIR/cli/lib.sh"

ok add municipality number=0104 name=Moss
ok add settlement municipality=Moss year=2016 decided=43 status=decided
figures=$(cat "$OUT")
ok add contact name="Silje Hobbel" municipality=Moss

snapshot() {
	cp "$SAMORDNE_DB" "$T/before.db"
	"$SAMORDNE" list municipalities >"$T/before.municipalities" 2>&1
	"$SAMORDNE" list contacts >"$T/before.contacts" 2>&1
}

# refused VALUE FIELD ARGS…: samordne ARGS fails as it should.
refused() {
	value=$1
	field=$2
	shift 2
	snapshot
	run 1 "$@"
	err_one_line
	err_has "$value"
	err_has "$field"
	cmp -s "$SAMORDNE_DB" "$T/before.db" || fail "samordne $* changed the database file"
	"$SAMORDNE" list municipalities >"$T/after" 2>&1
	cmp -s "$T/after" "$T/before.municipalities" || fail "samordne $* changed the municipalities"
	"$SAMORDNE" list contacts >"$T/after" 2>&1
	cmp -s "$T/after" "$T/before.contacts" || fail "samordne $* changed the contacts"
}

refused Nowhere municipality add contact name="Kari Nordmann" municipality=Nowhere
refused fourty decided add settlement municipality=Moss year=2017 decided=fourty
refused fourty decided set "$figures" decided=fourty
refused 31.02.2016 decision_date set "$figures" decision_date=31.02.2016
refused 31.02.2016 starts_at add meeting title=Nettverksmøte starts_at=31.02.2016
refused colour colour set Moss colour=blue
refused maybe status set "$figures" status=maybe
refused kari.nordmann.no email add contact name="Kari Nordmann" email=kari.nordmann.no
refused kari.nordmann.no email set "Silje Hobbel" email=kari.nordmann.no

# The first write of a new author is refused with the change it came with.
SAMORDNE_USER="Someone Else"
export SAMORDNE_USER
refused fourty decided set "$figures" decided=fourty

# Unknown records are a failed operation too, and name what was asked for.
snapshot
run 1 set Atlantis name=Atlantis
err_one_line
err_has Atlantis
cmp -s "$SAMORDNE_DB" "$T/before.db" || fail "an unknown record changed the database file"
run 1 delete Atlantis
err_one_line
run 1 show Atlantis
err_one_line
exit 0
