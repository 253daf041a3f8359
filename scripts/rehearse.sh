#!/usr/bin/env bash
# gatewayctl's main job, rehearsed on a lab: a real local replica of the
# gateway (Laravel 8, php-fpm, nginx, Redis, a Cal.com stand-in). Preflight and
# the journaled activation (Phases 1 to 4) run for real; then Phase 5 is played
# next to what the model predicts, so the plan's own mistakes show before
# anyone touches production.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh
cargo build --quiet --locked
g="$PWD/target/debug/gatewayctl"
dir="$PWD/target/rehearsal-lab"

step() { printf '\n== %s\n' "$*"; }

# A shorter breaker recovery (5 s instead of the plan's 60 s) keeps the
# rehearsal quick; every other number is the plan's.
config="$PWD/target/rehearsal.toml"
mkdir -p target
cat > "$config" <<'TOML'
[breakers.calcom_api]
failure_threshold = 5
recovery_timeout = "5s"
success_threshold = 2
TOML

"$g" lab down --dir "$dir" >/dev/null 2>&1 || true
trap '"$g" lab down --dir "$dir" >/dev/null 2>&1 || true' EXIT

step "lab up"
"$g" --config "$config" lab up --dir "$dir"
lab="$dir/gatewayctl.toml"
url=$(sed -n 's/^base_url = "\(.*\)"/\1/p' "$lab")

count_statuses() { # method path count [header]
  for _ in $(seq "$3"); do
    curl -s -o /dev/null -w '%{http_code}\n' -X "$1" "$url$2" -H 'Accept: application/json' \
      -H 'Content-Type: application/json' ${4:+-H "$4"} -d '{"service_id":1,"date":"2025-10-02"}'
  done | sort | uniq -c | sed 's/^/   /'
}

step "Phase 1: preflight (GO / NO-GO, with the 8 fixes read from the source)"
"$g" --config "$lab" preflight

step "Phases 1 to 4: activate (journaled; --yes because this is a rehearsal)"
"$g" --config "$lab" activate --dry-run | head -n 12
"$g" --config "$lab" activate --yes

step "Phase 5A as written: 35 requests to /api/health (the plan expects 429 from request 31)"
"$g" --config "$lab" simulate rate-limit --route "GET /api/health" --requests 35
echo "the lab answered:"; count_statuses GET /api/health 35

step "Phase 5A on a limited route: 35 requests to POST /api/v2/bookings"
"$g" --config "$lab" simulate rate-limit --route "POST /api/v2/bookings" --requests 35 --interval 0ms | tail -n 2
echo "the lab answered (422: the controller rejects the probe body, i.e. the limiter let it through):"
count_statuses POST /api/v2/bookings 35 "X-Api-Key: rehearsal-key"

step "Phase 5B: Cal.com fails; six availability checks"
"$g" lab upstream fail --dir "$dir"
count_statuses POST /api/v2/availability/simple 6
"$g" --config "$lab" breaker status

step "After the recovery timeout, Cal.com is back: one success (the plan says that closes it)"
"$g" lab upstream ok --dir "$dir"
sleep 5.2
count_statuses POST /api/v2/availability/simple 1
"$g" --config "$lab" breaker status
step "A second success closes it, as the model predicts"
count_statuses POST /api/v2/availability/simple 1
"$g" --config "$lab" breaker status

step "Redis, with SCAN (the plan uses KEYS)"
"$g" --config "$lab" keys count 'rate_limit:*'
"$g" --config "$lab" keys count 'abuse:*'

step "lab down"
"$g" lab down --dir "$dir"
trap - EXIT
