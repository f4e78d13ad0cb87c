#!/usr/bin/env bash
# Same bytes before and after a change: builds both sample editions with --press --archive at a
# base revision and in the work tree, and compares the SHA-256 of every file written. Not a test: run it by hand before calling
# a restructuring or a speed change done.
#
#   bash benches/same_bytes.sh BASE_REV
#
# The archive copies attach the project's sources (templates, stories), so a change to a
# template changes the archives' bytes and nothing else; the script says which files differ.
set -euo pipefail
base=${1:?usage: benches/same_bytes.sh BASE_REV}
top=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'git -C "$top" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$top" worktree add -q --detach "$work/base" "$base"
# The base builds in its own worktree with the work tree's target folder (its compiled
# dependencies are reused); its binary is copied aside before the work tree's is built.
(cd "$work/base" && CARGO_TARGET_DIR="$top/target" cargo build --release --bin folio -q)
cp "$top/target/release/folio" "$work/folio-base"
# cargo keeps the work tree's sources in its fingerprints relative to the package root and
# compares modification times: the base build is newer than every file of the work tree, so
# without this the work tree's build would be taken as fresh and be the base's binary.
find "$top/src" "$top/Cargo.toml" -exec touch {} +
(cd "$top" && cargo build --release --bin folio -q)
if cmp -s "$work/folio-base" "$top/target/release/folio"; then
  echo "the work tree's folio is the base's binary: nothing would be compared" >&2
  exit 1
fi
for side in base head; do
  if [ $side = base ]; then dir="$work/base"; bin="$work/folio-base"; else dir="$top"; bin="$top/target/release/folio"; fi
  for e in jiangxi-special jiangxi-tabloid; do
    (cd "$dir" && "$bin" build "content/$e" --out "$work/out-$side" --press --archive --font-path "$top/fonts" >/dev/null)
  done
  (cd "$work/out-$side" && find . -type f ! -name manifest.json | sort | xargs sha256sum) > "$work/$side.sha"
done
if diff "$work/base.sha" "$work/head.sha"; then
  echo "same bytes: every file of both samples ($(wc -l < "$work/head.sha") files)"
else
  echo "the files above differ between $base and the work tree"
  exit 1
fi
