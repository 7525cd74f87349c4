#!/usr/bin/env bash
# Refreshes locale/vi/LC_MESSAGES/django.po from the code and fills it with the Vietnamese
# translations kept in locale/fragments/*.po (one file per area, plain msgid/msgstr entries),
# then compiles it. Safe to run again at any time: the fragments and the code are the source.
#   bash scripts/translations.sh          refresh, merge, compile
#   bash scripts/translations.sh --check  also list msgids still untranslated (exit 1 if any)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
po=locale/vi/LC_MESSAGES/django.po
$PY manage.py makemessages -l vi --ignore=.venv --ignore=staticfiles --ignore=locale --no-obsolete -v0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
shopt -s nullglob
fragments=(locale/fragments/*.po)
if [ ${#fragments[@]} -gt 0 ]; then
  # Fragments first: a translation written there wins over an empty or fuzzy one in django.po.
  for f in "${fragments[@]}"; do
    { sed -n '1,/^$/p' "$po"; cat "$f"; } > "$tmp/$(basename "$f")"
  done
  msgcat --use-first "$tmp"/*.po > "$tmp/fragments.po"
  msgattrib --no-fuzzy --translated "$po" > "$tmp/done.po" || true
  msgcat --use-first "$tmp/done.po" "$tmp/fragments.po" > "$tmp/all.po"
  # Keep exactly the code's msgids, translated from the merged catalogue.
  msgmerge -q --no-fuzzy-matching --no-wrap "$tmp/all.po" "$po" -o "$tmp/merged.po"
  msgattrib --no-obsolete --clear-fuzzy --empty "$tmp/merged.po" -o "$tmp/clean.po" 2>/dev/null || cp "$tmp/merged.po" "$tmp/clean.po"
  cp "$tmp/clean.po" "$po"
fi
msgfmt --check -o /dev/null "$po"
$PY manage.py compilemessages -l vi -v0 --ignore=.venv
if [ "${1:-}" = "--check" ]; then
  missing=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid "' || true)
  # The header counts as one.
  if [ "$missing" -gt 1 ]; then
    echo "Untranslated msgids:"; msgattrib --untranslated --no-obsolete --no-wrap "$po" | grep -A1 '^msgid' | grep -v '^--'
    exit 1
  fi
fi
