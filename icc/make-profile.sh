#!/usr/bin/env bash
# Rebuild icc/CGATS-TR002-newsprint.icc from icc/TR002.ti3 (the characterization data of
# ANSI CGATS/SNAP TR 002-2007, coldset printing on newsprint) with ArgyllCMS's colprof.
# Needs: apt-get install argyll. The profile is committed; folio does not run this at build time.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp TR002.ti3 "$tmp/TR002.ti3"
# -qm: medium quality tables (168 KB); -l240: 240 % total ink, the newsprint limit of TR 002/SNAP.
colprof -qm -l240 \
  -D "CGATS TR 002 coldset newsprint (folio build)" \
  -C "Built by folio from ANSI CGATS/SNAP TR 002-2007 characterization data (c) 2007 NPES; see icc/README.md" \
  "$tmp/TR002"
cp "$tmp/TR002.icc" CGATS-TR002-newsprint.icc
echo "wrote icc/CGATS-TR002-newsprint.icc"
