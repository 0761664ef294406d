#!/usr/bin/env bash
# Where the panel's WebAssembly bytes go, by crate. The release wasm in dist/ has no names, so
# this builds the same release wasm with names kept (wasm-bindgen --keep-debug, then binaryen's
# wasm-opt -Oz -g, as Trunk does without -g), has twiggy list every item, and sums them by the
# crate that owns each one. Sizes are raw bytes after wasm-opt, before compression.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --profile wasm-release --target wasm32-unknown-unknown --bin atlas-panel --locked -q
wasm-bindgen --keep-debug --target web --out-dir "$work" target/wasm32-unknown-unknown/wasm-release/atlas-panel.wasm
wasm-opt -Oz -g --enable-bulk-memory --enable-nontrapping-float-to-int \
  "$work/atlas-panel_bg.wasm" -o "$work/named.wasm"
twiggy top -n 1000000 -f csv "$work/named.wasm" > "$work/items.csv"
python3 - "$work/items.csv" <<'PY'
import collections, csv, re, sys

def owner(name):
    """The crate an item belongs to: drop glue by what it drops, the panel by module."""
    if name.startswith("data segment"):
        return "(data: strings, tables)"
    if name.startswith("core::ptr::drop_in_place<"):
        name = name[len("core::ptr::drop_in_place<"):]
    crates = re.findall(r"([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::", name)
    if not crates:
        return "(other)"
    if crates[0] == "atlas_panel":
        return "atlas_panel::" + name.split("::")[1]
    return crates[0]

def page(name):
    """The panel's page or component an item belongs to, for the by-page table."""
    if name.startswith("core::ptr::drop_in_place<"):
        name = name[len("core::ptr::drop_in_place<"):]
    parts = re.sub(r"\[[0-9a-f]+\]", "", name.lstrip("<")).split("::")
    if len(parts) > 2 and parts[0] == "atlas_panel" and parts[1] in ("pages", "components", "coverage", "list"):
        return "::".join(parts[1:3])
    return None

totals = collections.Counter()
pages = collections.Counter()
for row in csv.DictReader(open(sys.argv[1])):
    name = row["Name"]
    if "subsection" in name or name.startswith("custom section"):
        continue
    totals[owner(name)] += int(row["ShallowSize"])
    if page(name):
        pages[page(name)] += int(row["ShallowSize"])
print(f"{sum(totals.values()):9d}  all code and data")
for crate, size in totals.most_common(25):
    print(f"{size:9d}  {crate}")
print("== the panel's own code by page and component (raw bytes; the views' renderer code each")
print("   brings is counted under tachys and reactive_graph above, not here)")
for part, size in pages.most_common():
    print(f"{size:9d}  {part}")
PY
