#!/usr/bin/env bash
# pgo.sh: remakes cmd/w2c/default.pgo, the CPU profile that `go build` and `go run` of w2c use for
# profile-guided optimization (Go's -pgo=auto: the file beside the main package).
#
#   scripts/pgo.sh            about 5 minutes on 2 cores
#
# The profile is of the workload w2c exists for: the MIPS suite's searches, one seed per task, with
# a w2c built without a profile (-pgo=off), on the pure-Go backend. The compiler uses it to inline
# and devirtualize the hot calls, most of them inside GoMLX's simplego (the training step's
# operations). On amd64 it changes speed only: Go there neither reorders nor fuses floating-point
# operations when it inlines (no FMA below GOAMD64=v3), and every search of the three suites gave
# the same bits (bench/speed.md, "Profile-guided optimization", also has tasks the profile did not
# see). On arm64, where Go fuses multiply-adds, an inlined call can fuse with its caller's
# addition, so the bits there may differ from a build without the profile (not checked here).
# Remake it when the training step's code or GoMLX changes; a stale profile is still valid, only
# less effective.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
go build -pgo=off -o "$TMP/w2c" ./cmd/w2c
"$TMP/w2c" bench -suite mips -seeds 1 -jobs 2 -out "$TMP/mips" -cpuprofile "$TMP/cpu.prof"
# Copied beside the target first: a rename within one file system replaces it atomically.
cp "$TMP/cpu.prof" cmd/w2c/default.pgo.tmp
mv cmd/w2c/default.pgo.tmp cmd/w2c/default.pgo
echo "wrote cmd/w2c/default.pgo ($(wc -c <cmd/w2c/default.pgo) bytes)"
