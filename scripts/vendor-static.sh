#!/usr/bin/env bash
# Refreshes the vendored front-end files under static/vendor from the npm registry.
# The built files are committed so that `make run` and the running app need no network.
set -euo pipefail
cd "$(dirname "$0")/.."
BOOTSTRAP=bootstrap@5.3.9
ICONS=bootstrap-icons@1.13.2
FONT=@fontsource/be-vietnam-pro@5.3.0
CHARTJS=chart.js@4.6.1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
( cd "$tmp" && npm pack --silent "$BOOTSTRAP" "$ICONS" "$FONT" "$CHARTJS" >/dev/null )
for f in "$tmp"/*.tgz; do d="$tmp/$(basename "$f" .tgz)"; mkdir -p "$d"; tar xzf "$f" -C "$d"; done
out=static/vendor; rm -rf "$out"; mkdir -p "$out/bootstrap" "$out/bootstrap-icons/fonts" "$out/be-vietnam-pro" "$out/chartjs"
cp "$tmp"/bootstrap-5*/package/dist/css/bootstrap.min.css "$out/bootstrap/"
cp "$tmp"/bootstrap-5*/package/dist/js/bootstrap.bundle.min.js "$out/bootstrap/"
cp "$tmp"/bootstrap-5*/package/LICENSE "$out/bootstrap/LICENSE"
cp "$tmp"/bootstrap-icons-*/package/font/bootstrap-icons.min.css "$out/bootstrap-icons/"
cp "$tmp"/bootstrap-icons-*/package/font/fonts/bootstrap-icons.woff2 "$tmp"/bootstrap-icons-*/package/font/fonts/bootstrap-icons.woff "$out/bootstrap-icons/fonts/"
cp "$tmp"/bootstrap-icons-*/package/LICENSE "$out/bootstrap-icons/LICENSE"
font="$tmp"/fontsource-be-vietnam-pro-*/package
for w in 400 600 700; do
  for s in vietnamese latin latin-ext; do cp $font/files/be-vietnam-pro-$s-$w-normal.woff2 "$out/be-vietnam-pro/"; done
done
cp $font/LICENSE "$out/be-vietnam-pro/LICENSE"
# One stylesheet with relative URLs, built from fontsource's own per-subset CSS.
for w in 400 600 700; do
  for s in vietnamese latin-ext latin; do sed -e "s#\./files/#./#g" -e "s#, url([^)]*\.woff) format(.woff.)##" $font/$s-$w.css; echo; done
done > "$out/be-vietnam-pro/be-vietnam-pro.css"
# Chart.js 4: the UMD build (already minified) defines the global `Chart` for static/js/dashboard.js.
cp "$tmp"/chart.js-4*/package/dist/chart.umd.js "$out/chartjs/"
cp "$tmp"/chart.js-4*/package/LICENSE.md "$out/chartjs/LICENSE"
# Drop source-map references: the maps are not vendored, and the manifest storage refuses
# references to missing files.
find "$out" -name "*.js" -o -name "*.css" | while read -r f; do
  sed -i -e 's#//\# sourceMappingURL=.*$##' -e 's#/\*\# sourceMappingURL=[^*]*\*/##' "$f"
done
echo "vendored into $out"
