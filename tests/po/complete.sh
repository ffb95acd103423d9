#!/bin/sh
# The Norwegian translation is part of the product: every string a user
# can read must be in po/nb.po, translated and not fuzzy, and every source
# file with translatable strings must be listed in po/POTFILES.
: "${TESTS_SRCDIR:?}"
top=$TESTS_SRCDIR/..
command -v xgettext >/dev/null && command -v msgmerge >/dev/null || {
	echo "SKIP: gettext tools are not installed" >&2
	exit 77
}
T=$(mktemp -d "${TMPDIR:-/tmp}/samordne-po.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
cd "$top" || exit 1
status=0

for f in $(grep -l -E '(^|[^A-Za-z_])N?_\("' core/*.c tui/*.c sync/*.c 2>/dev/null); do
	grep -qx "$f" po/POTFILES || { echo "FAIL: $f has translatable strings but is not in po/POTFILES" >&2; status=1; }
done

xgettext --from-code=UTF-8 -k_ -kN_ -o "$T/samordne.pot" -f po/POTFILES || exit 1
msgmerge --quiet --no-fuzzy-matching -o "$T/nb.po" po/nb.po "$T/samordne.pot" || exit 1
untranslated=$(msgattrib --untranslated --no-obsolete --no-wrap "$T/nb.po" | grep -c '^msgid "[^"]')
fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$T/nb.po" | grep -c '^msgid "[^"]')
if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
	echo "FAIL: po/nb.po lacks $untranslated translations and has $fuzzy fuzzy ones:" >&2
	msgattrib --untranslated --no-obsolete --no-wrap "$T/nb.po" | grep '^msgid "[^"]' >&2
	msgattrib --only-fuzzy --no-obsolete --no-wrap "$T/nb.po" | grep '^msgid "[^"]' >&2
	echo "run 'make update-po' and translate them" >&2
	status=1
fi
msgfmt --check -o /dev/null po/nb.po || status=1
exit $status
