#!/bin/sh
# `samordne list` over the demo network: Norwegian order, filters, the
# three formats, columns that stay straight, and bad filter values.
# shellcheck source=tests/cli/lib.sh
. "$TESTS_SRCDIR/cli/lib.sh"

# --- municipalities: 18 rows after the header, æøå after z.
ok --demo list municipalities
out_lines 19
head -n 1 "$OUT" | grep -q '^NUMBER  *NAME  *YEAR' || fail "unexpected header"
in_order Aremark Askim Fredrikstad Moss Rakkestad Rygge Rømskog Råde Sarpsborg Trøgstad Våler
tail -n 1 "$OUT" | grep -q 'Våler' || fail "Våler is not last"
out_has "no letter received"
out_has "asked for later deadline"

# The columns line up by characters, not bytes: "Rømskog" and "Rygge" have
# their year in the same column.
col_of_year() {
	grep -F "$1" "$OUT" | sed 's/2015.*//' | tr -d '\n' | wc -m
}
[ "$(col_of_year Rømskog)" -eq "$(col_of_year Rygge)" ] || fail "columns are not aligned"
[ "$(col_of_year Råde)" -eq "$(col_of_year Askim)" ] || fail "columns are not aligned"

ok --demo list municipalities --year 2015 --municipality moss
out_lines 2
out_has "43"

# --- contacts
ok --demo list contacts --municipality hvaler
out_lines 2
out_has "Lars Håkon Larsen"
ok --demo list contacts --municipality HVALER
out_has "Lars Håkon Larsen"

ok --demo list contacts --group steering
n=$(wc -l <"$OUT")
[ "$n" -gt 5 ] || fail "too few steering group seats"
[ "$(grep -c 'steering group' "$OUT")" -eq $((n - 1)) ] || fail "a row is not in the steering group"

# --- grants: a joint application names both, in Norwegian order.
ok --demo list grants --municipality spydeberg
out_has "Hobøl / Spydeberg"
ok --demo list grants --scheme housing
out_lacks "child poverty"
out_has "social housing work"

# --- meetings: October 2015 holds the steering group meeting at 13:00.
ok --demo list meetings --from 01.10.2015 --to 31.10.2015
out_has "02.10.2015"
out_has "13:00–15:00"
out_has "Styringsgruppemøte"
out_lacks "06.2015"

ok --demo list organisations
out_has "FMØ"
in_order "Utlendingsdirektoratet" "Østfold idrettskrets"

# --- CSV and JSON read back as what they claim to be.
ok --demo list municipalities --format csv
out_lines 19
head -n 1 "$OUT" | grep -qx 'number,name,year,requested,decided,settled,ema,status,met,id' ||
	fail "unexpected CSV header"
csv_parses "$OUT" 10 || fail "CSV does not parse into 10 columns"
ok --demo list grants --format csv
csv_parses "$OUT" 8 || fail "grants CSV does not parse into 8 columns"

for kind in municipalities contacts grants meetings organisations; do
	ok --demo list "$kind" --format json
	json_parses "$OUT"
	case $? in
	0 | 77) ;;
	*) fail "list $kind --format json is not JSON" ;;
	esac
done

# --- a bad filter value: one line naming it, exit 1, nothing on stdout.
run 1 --demo list meetings --from 31.02.2016
err_one_line
err_has "31.02.2016"
err_has "--from"
[ -s "$OUT" ] && fail "a failed list printed something"

run 1 --demo list contacts --municipality Atlantis
err_one_line
err_has "Atlantis"

run 1 --demo list contacts --group choir
err_one_line
err_has "choir"
err_has "steering group"

run 1 --demo list municipalities --year twenty
err_one_line
err_has "twenty"
err_has "--year"

# --- in Norwegian, where this machine has the locale.
loc=$(nb_locale)
mo=$(dirname "$SAMORDNE")/po/nb.gmo
if [ -n "$loc" ] && [ -f "$mo" ]; then
	mkdir -p "$T/locale/nb/LC_MESSAGES"
	cp "$mo" "$T/locale/nb/LC_MESSAGES/samordne.mo"
	(
		SAMORDNE_LOCALEDIR=$T/locale LC_ALL=$loc LANG=$loc
		export SAMORDNE_LOCALEDIR LC_ALL LANG
		run 0 --demo list municipalities
		out_lines 19
		in_order Rygge Rømskog Råde Våler
		label=$(TEXTDOMAINDIR=$T/locale gettext samordne "no letter received")
		out_has "$label"
	) || exit 1
else
	echo "no nb_NO.UTF-8 locale or catalogue here: the Norwegian check is skipped" >&2
fi
exit 0
