#!/usr/bin/env bash
# Measures `rollback rate-limit --dry-run` (lex, edit, diff, php -l and
# route:list on a shadow copy) on a lab whose routes/api.php is grown to N
# lines of real routes and comments, with its wall time and peak memory; and
# `diff -u` of the same two files, the peer for the diff alone.
# Usage: bash scripts/bench-large-routes.sh [LINES...]   (default: 20000 80000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-20000 80000}")
# shellcheck disable=SC2206
sizes=(${sizes[*]})

bash scripts/deps.sh
. scripts/lib/bench-lab.sh
bench_lab bench-routes-lab
routes="$dir/app/routes/api.php"
cp "$routes" "$dir/api.php.orig"

for n in "${sizes[@]}"; do
  cp "$dir/api.php.orig" "$routes"
  # Realistic bulk: routes with middleware lists, closures, and // comments.
  awk -v n="$n" 'BEGIN {
    for (i = 0; i < n / 4; i++) {
      printf "// generated route %d: legacy endpoint, keep until the v1 clients are gone\n", i
      printf "Route::get(\x27legacy/item%d/{id}\x27, function ($id) {\n", i
      printf "    return response()->json([\x27id\x27 => $id, \x27n\x27 => %d]);\n", i
      printf "})->middleware([\x27api.logging\x27]);\n"
    }
  }' >> "$routes"
  lines=$(wc -l < "$routes")
  /usr/bin/time -f "%e %M" -o "$dir/time" "$g" --config "$config" rollback rate-limit --dry-run --format json > "$dir/out.json"
  read -r secs kb < "$dir/time"
  # The peer for the diff alone: diff -u of the file and its edited copy.
  sed "0,/'api.rate-limit',/{/'api.rate-limit',/d}" "$routes" > "$dir/edited.php"
  t0=$(date +%s%N); diff -u "$routes" "$dir/edited.php" > /dev/null || true; t1=$(date +%s%N)
  awk -v l="$lines" -v s="$secs" -v kb="$kb" -v ns="$((t1 - t0))" 'BEGIN {
    printf "routes/api.php of %d lines: gatewayctl rollback rate-limit --dry-run %.2f s, peak RSS %.0f MB (diff -u alone: %.3f s)\n", l, s, kb / 1024, ns / 1e9
  }'
done
