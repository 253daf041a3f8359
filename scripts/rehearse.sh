#!/usr/bin/env bash
# gatewayctl's main job, rehearsed: the activation plan's scenarios played
# through the gateway model, showing where the plan's own expectations are
# wrong before anyone touches production.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh
cargo build --quiet --locked
g=target/debug/gatewayctl

step() { printf '\n== %s\n' "$*"; }

step "Phase 5A as the plan writes it: 35 requests to /api/health"
"$g" simulate rate-limit --route "GET /api/health" --requests 35 --interval 500ms

step "Phase 5A on a route that has the limiter: POST /api/v2/bookings"
"$g" simulate rate-limit --route "POST /api/v2/bookings" --requests 35 --interval 500ms

step "Phase 5B: five Cal.com failures, 60 s, then two successes"
"$g" simulate breaker --events fail,fail,fail,fail,fail,wait:60,ok,ok

step "The plan says one success closes the breaker; the model disagrees"
"$g" simulate breaker --events fail,fail,fail,fail,fail,wait:60,ok
