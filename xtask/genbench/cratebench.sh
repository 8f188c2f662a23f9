#!/usr/bin/env bash
# cratebench.sh: `cargo check` wall time and peak RSS of the crates the codegen command writes
# (models and client) for Partner Center, GitHub and Stripe.
#
# Usage: xtask/genbench/cratebench.sh [WORK_DIR]
#   WORK_DIR  scratch directory outside the repository (default: /tmp/cratebench)
# Corpus: $PARTNER_SHARED_DIR/corpus (default: ../shared/corpus beside the checkout).
#
# For each spec the command (`cargo run --release -p codegen`) writes a standalone crate into
# WORK_DIR/<api> (default features: models and client); the crates share one target directory,
# WORK_DIR/target. Per crate: `cargo check` once (dependencies and the crate), then `touch
# src/lib.rs` and the timed run, `/usr/bin/time -v cargo check --offline`, with
# CARGO_INCREMENTAL=0 so that it is a full check of the crate. Prints generated lines, wall time
# and "Maximum resident set size" (the largest process: rustc) per crate; logs in WORK_DIR/logs.
set -euo pipefail
export CARGO_INCREMENTAL=0

root=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-/tmp/cratebench}
corpus=${PARTNER_SHARED_DIR:-$root/../shared}/corpus
declare -A spec=(
    [partner-center]=$root/spec/partner-center.yaml
    [github]=$corpus/github-api-2021.json
    [stripe]=$corpus/stripe-spec3-2023-09.yaml
)
mkdir -p "$work/logs"
cargo build --release --quiet -p codegen --manifest-path "$root/Cargo.toml"

echo "| crate | generated lines (models + client) | check wall | check max RSS |"
echo "| --- | ---: | ---: | ---: |"
for api in partner-center github stripe; do
    dir=$work/$api
    "$root/target/release/codegen" --spec "${spec[$api]}" --out "$dir" >"$work/logs/$api.gen.log" 2>&1
    cp "$root/Cargo.lock" "$dir/Cargo.lock"
    (cd "$dir" && CARGO_TARGET_DIR=$work/target cargo check --offline --quiet >"$work/logs/$api.first.log" 2>&1)
    touch "$dir/src/lib.rs"
    (cd "$dir" && CARGO_TARGET_DIR=$work/target /usr/bin/time -v cargo check --offline --quiet \
        >"$work/logs/$api.timed.log" 2>&1)
    lines=$(cat "$dir"/src/generated/*.rs | wc -l)
    wall=$(grep "Elapsed (wall clock)" "$work/logs/$api.timed.log" | awk '{print $NF}')
    rss=$(grep "Maximum resident set size" "$work/logs/$api.timed.log" | awk '{print $NF}')
    echo "| $api | $lines | $wall | $rss kB |"
done
