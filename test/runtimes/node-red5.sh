#!/usr/bin/env bash
# The Node-RED node tests against Node-RED 5 on Node 22 (the devDependency is Node-RED 4, which runs on Node 20).
# Node-RED 5 is installed once into a cache folder outside the repository. Needs `npm run build` and the fixtures.
set -euo pipefail
cd "$(dirname "$0")/../.."
node22="$(bash test/runtimes/node-bin.sh 22)"
dir="${LOCAL_OCR_NODE_RED_CACHE:-$HOME/.cache/local-ocr-node-red}/5"
if [ ! -f "$dir/.installed" ]; then
  mkdir -p "$dir"
  (cd "$dir" && echo '{"name":"node-red-5","private":true}' > package.json \
    && PATH="$(dirname "$node22"):$PATH" npm install --no-audit --no-fund --omit=optional node-red@5 >&2)
  touch "$dir/.installed"
fi
red="$(cd "$dir" && "$node22" -p "require.resolve('node-red')")"
LOCAL_OCR_NODE_RED="$red" "$node22" --experimental-vm-modules node_modules/jest/bin/jest.js --runInBand dist/test/nodes/node-red.test.js
