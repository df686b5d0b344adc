#!/usr/bin/env bash
# Builds the DocC documentation of the PersonalDataLedger library, failing on any warning
# (a broken ``Symbol`` link, an undocumented parameter, an article that does not resolve).
#
#   Documentation/build-docs.sh [OUTPUT_DIR]     # default: .build-docs/PersonalDataLedger.doccarchive
#
# It builds the library in its own scratch folder (.build-docs) with symbol graphs on, so the
# flags do not invalidate the main .build, then runs the toolchain's docc on the catalog.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=.build-docs
output=${1:-$scratch/PersonalDataLedger.doccarchive}
symbol_graphs=$PWD/$scratch/symbol-graphs

if command -v xcrun >/dev/null 2>&1; then
    docc=(xcrun docc)
else
    docc=("$(dirname "$(readlink -f "$(command -v swift)")")/docc")
fi

# The compiler writes symbol graphs only when it compiles: keep them between runs (an up-to-date
# build rewrites nothing), and wipe them only with the scratch folder.
mkdir -p "$symbol_graphs"
swift build --scratch-path "$scratch" --target PersonalDataLedger \
    -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$symbol_graphs"

rm -rf "$output"
"${docc[@]}" convert Sources/PersonalDataLedger/PersonalDataLedger.docc \
    --additional-symbol-graph-dir "$symbol_graphs" \
    --fallback-display-name PersonalDataLedger \
    --fallback-bundle-identifier PersonalDataLedger \
    --output-path "$output" \
    --warnings-as-errors
echo "Documentation built without warnings: $output"
