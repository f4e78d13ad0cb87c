#!/usr/bin/env bash
# Batch benchmark: build 20 copies of the sample edition with `folio build content/*`, once with
# one job and once with two (rayon threads), and print the wall-clock times and the speed-up.
# Not a test: run it by hand on an otherwise idle machine.
#
#   bash benches/batch.sh            # 20 copies, jobs 1 and 2
#   COPIES=8 JOBS="1 2 4" bash benches/batch.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
copies="${COPIES:-20}"
jobs="${JOBS:-1 2}"
extra="${EXTRA:-}"   # e.g. EXTRA="--press --archive"

cargo build --release --manifest-path "$repo/Cargo.toml" >/dev/null
folio="$repo/target/release/folio"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$repo/layouts" "$work/layouts"
mkdir -p "$work/content"
for i in $(seq -w 1 "$copies"); do
  cp -r "$repo/content/jiangxi-special" "$work/content/edition-$i"
done
echo "machine: $(nproc) cores; $copies editions (2 pages + 1 spread each); flags: ${extra:-none}"
declare -A secs
for j in $jobs; do
  rm -rf "$work/out"
  start=$(date +%s.%N)
  (cd "$work" && "$folio" build content/* --out out --font-path "$repo/fonts" --jobs "$j" $extra >/dev/null 2>"$work/err") \
    || { cat "$work/err"; exit 1; }
  end=$(date +%s.%N)
  secs[$j]=$(awk "BEGIN { print $end - $start }")
  awk "BEGIN { printf \"jobs %s: %.1f s (%.2f s per edition)\\n\", $j, ${secs[$j]}, ${secs[$j]} / $copies }"
done
first=$(echo $jobs | cut -d' ' -f1)
for j in $jobs; do
  [ "$j" = "$first" ] && continue
  awk "BEGIN { printf \"speed-up jobs %s vs %s: %.2fx\\n\", $j, $first, ${secs[$first]} / ${secs[$j]} }"
done
