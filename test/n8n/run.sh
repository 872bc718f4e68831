#!/usr/bin/env bash
# `npm run test:n8n`: a real n8n (installed once into a cache folder, see install.sh) runs the example workflows
# with this package loaded as a community package. Needs `npm run build` and `npm run fixtures` first.
set -euo pipefail
cd "$(dirname "$0")/../.."
n8n_dir="$(bash test/n8n/install.sh)"
node24="$(bash test/runtimes/node-bin.sh 24)"
node dist/test/n8n/e2e.js "$n8n_dir" "$node24"
