#!/usr/bin/env bash
# Checks that the committed service modules are exactly what the code generator produces from the
# vendored models: builds and tests CodeGenerator/, generates into a scratch directory, and diffs.
# Usage: scripts/check-generated.sh
set -euo pipefail
AYAME_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$AYAME_ROOT"

swift build --package-path CodeGenerator -Xswiftc -warnings-as-errors >/dev/null
swift test --package-path CodeGenerator -Xswiftc -warnings-as-errors --quiet
scratch="$(mktemp -d -t ayame-generated.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
"$(swift build --package-path CodeGenerator --show-bin-path)/ayame-codegen" generate --root "$AYAME_ROOT" --output "$scratch" >/dev/null

status=0
for generated in "$scratch"/*/Generated; do
    module="$(basename "$(dirname "$generated")")"
    if ! diff -r "$generated" "Sources/$module/Generated" >/dev/null; then
        echo "Sources/$module/Generated differs from the generator's output:" >&2
        diff -r "$generated" "Sources/$module/Generated" | head -20 >&2 || true
        status=1
    fi
done
if [ "$status" -ne 0 ]; then
    echo "regenerate with: swift run --package-path CodeGenerator ayame-codegen generate" >&2
fi
exit "$status"
