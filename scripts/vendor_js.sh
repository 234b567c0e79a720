#!/usr/bin/env bash
# Refresh the charting libraries shipped with the dashboard (no CDN: the dashboard works
# offline). Pinned versions; run from the project root with Node.js and npm.
set -euo pipefail
VEGA=5.33.1 VEGA_LITE=5.23.0 VEGA_EMBED=6.29.0
tmp=$(mktemp -d)
(cd "$tmp" && npm init -y >/dev/null && npm install --silent "vega@$VEGA" "vega-lite@$VEGA_LITE" "vega-embed@$VEGA_EMBED")
out=src/detente/web/static/vendor
mkdir -p "$out"
cp "$tmp/node_modules/vega/build/vega.min.js" "$tmp/node_modules/vega-lite/build/vega-lite.min.js" \
   "$tmp/node_modules/vega-embed/build/vega-embed.min.js" "$out/"
for p in vega vega-lite vega-embed; do cp "$tmp/node_modules/$p/LICENSE" "$out/LICENSE.$p"; done
echo "vega $VEGA, vega-lite $VEGA_LITE, vega-embed $VEGA_EMBED -> $out"
