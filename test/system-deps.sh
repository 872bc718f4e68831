#!/usr/bin/env bash
# Debian packages the tests and the benchmark need beyond npm: fonts to render fixtures with known text
# (CJK, OCR-B, condensed), qpdf to encrypt a PDF fixture, strace for the offline test, a C++ toolchain to build n8n's sqlite3 for `npm run test:n8n`,
# and with --bench the native tesseract CLI used as the speed/accuracy baseline.
# Installs only what is missing; a no-op on a machine that has them.
set -euo pipefail
pkgs=()
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || pkgs+=(fonts-dejavu-core)
[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || pkgs+=(fonts-wqy-zenhei)
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || pkgs+=(fonts-noto-cjk)
[ -f /usr/share/fonts/opentype/ocr-b/OCRB.otf ] || pkgs+=(fonts-ocr-b)
# the layout corpus (test/fixtures/layouts/): a condensed face, a CJK Ming (serif) face and a fallback CJK sans
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf ] || pkgs+=(fonts-dejavu-extra)
[ -f /usr/share/fonts/truetype/arphic/uming.ttc ] || pkgs+=(fonts-arphic-uming)
[ -f /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || pkgs+=(fonts-droid-fallback)
command -v qpdf >/dev/null || pkgs+=(qpdf)   # encrypts the encrypted-PDF fixture
command -v g++ >/dev/null || pkgs+=(g++)
command -v make >/dev/null || pkgs+=(make)
command -v python3 >/dev/null || pkgs+=(python3)
command -v strace >/dev/null || pkgs+=(strace)   # the offline test traces every file and socket call
command -v unshare >/dev/null || pkgs+=(util-linux)   # ... inside a network namespace without network
if [ "${1:-}" = "--bench" ]; then
  command -v tesseract >/dev/null || pkgs+=(tesseract-ocr)
  [ -f /usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata ] || pkgs+=(tesseract-ocr-chi-sim)
fi
[ ${#pkgs[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing: ${pkgs[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
