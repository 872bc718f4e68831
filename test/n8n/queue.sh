#!/usr/bin/env bash
# `npm run test:queue`: n8n in queue mode (Redis + Postgres from Debian's packages on loopback, a main and one,
# then two workers) pushing 100 documents through a webhook-triggered OCR workflow; prints documents/minute.
# Not part of .ci/run (it takes a few minutes and two servers); run it where you scale out.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v redis-server >/dev/null || [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends redis-server postgresql-15 >/dev/null
  else
    echo "queue.sh needs redis-server and postgresql-15 (Debian packages)" >&2
    exit 1
  fi
fi
n8n_dir="$(bash test/n8n/install.sh)"
node24="$(bash test/runtimes/node-bin.sh 24)"
node dist/test/n8n/queue.js "$n8n_dir" "$node24"
