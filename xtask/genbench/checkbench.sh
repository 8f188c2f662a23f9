#!/usr/bin/env bash
# checkbench.sh: times `cargo check` (wall time, peak RSS) of the GitHub and Stripe models generated in the old (f18f612, hand-expanded serde impls) and new (derive) layouts.
#
# Usage: xtask/genbench/checkbench.sh OLD_CHECKOUT [NEW_CHECKOUT] [WORK_DIR]
#   OLD_CHECKOUT  a checkout of commit f18f612 (e.g. `git worktree add /work/wt-old f18f612`)
#   NEW_CHECKOUT  this checkout (default: the repository this script is in)
#   WORK_DIR      scratch directory outside the repository (default: /tmp/checkbench)
# Corpus: $PARTNER_SHARED_DIR/corpus (default: ../shared/corpus beside NEW_CHECKOUT).
#
# For each layout it builds a small generator (release) against that checkout's `codegen`, with
# `codegen::generate_from_path(spec, &codegen::Options::default())`, and writes only the
# generated `models.rs` (no client, no mod.rs) into a scratch crate WORK_DIR/<layout>/<api> whose
# lib.rs is `pub mod models;`. Old crates depend on OLD_CHECKOUT/partner-models (default features
# off: no client), whose `wire` module the old models name; new crates depend on
# NEW_CHECKOUT/codegen/runtime. Both also depend on serde and serde_json (the models name
# `::serde`). Each checkout's Cargo.lock is copied in, so the dependency versions are the ones the
# repository uses. Per crate: `cargo check` once (dependencies and the crate), then `touch
# src/models.rs` and the timed run: `/usr/bin/time -v cargo check --offline` of that crate alone
# (dependencies fresh), with CARGO_INCREMENTAL=0 so that it is a full check of the crate.
# Prints wall time and "Maximum resident set size" (the largest process, rustc) per crate and a
# summary table; full logs in WORK_DIR/logs.
set -euo pipefail
# Without this the touched but unchanged models.rs is re-checked from the incremental cache
# (seconds, not a full check); with it every timed run type-checks the whole crate.
export CARGO_INCREMENTAL=0

old=${1:?usage: checkbench.sh OLD_CHECKOUT [NEW_CHECKOUT] [WORK_DIR]}
new=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
work=${3:-/tmp/checkbench}
old=$(cd "$old" && pwd)
corpus=${PARTNER_SHARED_DIR:-$new/../shared}/corpus
declare -A spec=([github]=github-api-2021.json [stripe]=stripe-spec3-2023-09.yaml)

mkdir -p "$work/logs"

# A generator per layout: spec path in, models.rs out.
for layout in old new; do
    root=$old; [ "$layout" = new ] && root=$new
    g=$work/gen-$layout
    mkdir -p "$g/src"
    cat >"$g/Cargo.toml" <<EOF
[package]
name = "gen-$layout"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
codegen = { path = "$root/codegen" }
EOF
    cat >"$g/src/main.rs" <<'EOF'
fn main() {
    let mut args = std::env::args().skip(1);
    let (spec, out) = (args.next().expect("spec"), args.next().expect("out"));
    let generation = codegen::generate_from_path(spec.as_ref(), &codegen::Options::default())
        .expect("generation");
    let models = generation.files.iter().find(|f| f.path == "models.rs").expect("models.rs");
    std::fs::write(out, &models.contents).expect("write");
}
EOF
    cp "$root/Cargo.lock" "$g/Cargo.lock"
    cargo build --release --quiet --manifest-path "$g/Cargo.toml"
done

for layout in old new; do
    root=$old; [ "$layout" = new ] && root=$new
    if [ "$layout" = old ]; then
        runtime="partner-models = { path = \"$old/partner-models\", default-features = false }"
    else
        runtime="codegen-runtime = { path = \"$new/codegen/runtime\" }"
    fi
    for api in github stripe; do
        c=$work/$layout/$api
        mkdir -p "$c/src"
        cat >"$c/Cargo.toml" <<EOF
[package]
name = "${api}-models"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
$runtime
serde = "1"
serde_json = "1"
EOF
        echo 'pub mod models;' >"$c/src/lib.rs"
        cp "$root/Cargo.lock" "$c/Cargo.lock"
        "$work/gen-$layout/target/release/gen-$layout" "$corpus/${spec[$api]}" "$c/src/models.rs"
        cargo check --offline --quiet --manifest-path "$c/Cargo.toml" 2>"$work/logs/$layout-$api-first.log" ||
            { echo "first check of $layout/$api failed, see $work/logs/$layout-$api-first.log"; exit 1; }
    done
done

printf '| layout | api | models.rs lines | wall | max RSS | load before / after |\n| --- | --- | ---: | ---: | ---: | --- |\n' >"$work/summary.md"
for api in github stripe; do
    for layout in old new; do
        c=$work/$layout/$api
        touch "$c/src/models.rs"
        before=$(cut -d' ' -f1 /proc/loadavg)
        start=$(date -u +%H:%M:%S)
        /usr/bin/time -v cargo check --offline --manifest-path "$c/Cargo.toml" >"$work/logs/$layout-$api.log" 2>&1
        after=$(cut -d' ' -f1 /proc/loadavg)
        wall=$(grep 'Elapsed (wall clock)' "$work/logs/$layout-$api.log" | awk '{print $NF}')
        rss=$(grep 'Maximum resident set size' "$work/logs/$layout-$api.log" | awk '{print $NF}')
        lines=$(wc -l <"$c/src/models.rs")
        echo "$start $layout/$api: wall $wall, max RSS $rss kB, load $before -> $after"
        printf '| %s | %s | %s | %s | %s kB | %s / %s |\n' "$layout" "$api" "$lines" "$wall" "$rss" "$before" "$after" >>"$work/summary.md"
    done
done
cat "$work/summary.md"
