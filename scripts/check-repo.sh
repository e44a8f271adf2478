#!/usr/bin/env bash
# The repository's own rules, checked on every `npm test`:
# - it stands on its own: no tracked text file refers to a checkout's surroundings;
# - no Rust file in src/ or sandbox/src/ is over 400 lines (clippy's too_many_lines, set to 60 in
#   clippy.toml, holds the functions);
# - every fixture in tests/fixtures/ has its provenance in that folder's README.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0

# The patterns are put together here so that this file does not match itself.
outside="\\.\\./shared|DESIGN\\.md|docs/comp""utop"
if refs=$(git grep -I -n -E "$outside" -- . ':!scripts/check-repo.sh'); then
  echo "check-repo: files refer to what lies outside the repository:" >&2
  echo "$refs" >&2
  status=1
fi

while read -r lines file; do
  [ "$file" = total ] && continue
  if [ "$lines" -gt 400 ]; then
    echo "check-repo: $file has $lines lines (at most 400)" >&2
    status=1
  fi
done < <(git ls-files -z -- 'src/*.rs' 'sandbox/src/*.rs' | xargs -0 wc -l)

for f in tests/fixtures/*; do
  name=$(basename "$f")
  [ "$name" = README.md ] && continue
  stem=${name%%.*}
  if ! grep -q -F "$stem" tests/fixtures/README.md; then
    echo "check-repo: tests/fixtures/$name has no provenance in tests/fixtures/README.md" >&2
    status=1
  fi
done

[ "$status" -eq 0 ] && echo "check-repo: standalone, files within 400 lines, fixtures with provenance"
exit "$status"
