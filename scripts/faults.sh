#!/usr/bin/env bash
# The long fault campaign (the test suite runs a bounded slice of it):
#   - every mutating command killed with SIGKILL at a random moment (KILLS rounds),
#     each followed by the checks: every file original or completely edited, the
#     journal readable, preflight naming what is half done, and a rerun or undo
#     reaching a state observed over HTTP;
#   - two operators racing random pairs of mutating commands (RACES rounds):
#     their journal runs never interleave;
#   - `model probe` killed at random moments (KILLS rounds), nothing of its
#     identity left after the next probe; a fleet undo killed (KILLS rounds),
#     finished by its resume; an undo killed before its cache rebuild (in
#     transactions::, KILLS rounds);
#   - a multi-file rollback killed part-way (KILLS rounds), a failed third write
#     (chattr +i), a journal append past a file-size limit (prlimit --fsize),
#     Redis killed under a rollback;
#   - the PHP lexer and the editors fuzzed with arbitrary bytes and generated
#     PHP (CASES cases each).
# Usage: bash scripts/faults.sh [KILLS=1000] [RACES=100] [CASES=200000] [SEED]
# Servers listen on loopback only; every loop is bounded by its round count.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh

kills=${1:-1000}
races=${2:-100}
cases=${3:-200000}
seed=${4:-$(date +%s)}
export CI=true GATEWAYCTL_FAULT_ROUNDS=$kills GATEWAYCTL_RACE_ROUNDS=$races PROPTEST_CASES=$cases
export GATEWAYCTL_FAULT_SEED=$seed
started=$(date +%s)
echo "== fuzz: $cases cases each"
cargo test --locked --release --lib rollback::fuzz
echo "== faults: $kills kill rounds, $races race rounds (seed $seed)"
cargo test --locked --test main -- --test-threads 2 faults:: transactions:: probe::probes_killed_at_random_moments \
  fleet::a_fleet_undo_killed_at_a_random_moment
echo "faults: $kills kill rounds, $races race rounds, $cases fuzz cases, seed $seed: every check held in $(( $(date +%s) - started ))s"
