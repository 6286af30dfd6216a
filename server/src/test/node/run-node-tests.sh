#!/usr/bin/env bash
# The browser viewer's JavaScript tests, run by Maven in the server module's test phase (its pom,
# profile node-tests): every *.test.mjs below DIR, with Node's own test runner. The files are
# named one by one: `node --test DIR` runs a folder in Node 18 and 20 but takes only globs from
# Node 21 on, and Node 20 takes no glob.
# Usage: run-node-tests.sh DIR REQUIRED. Without node on the PATH the tests are skipped, said in
# one line, unless REQUIRED is "true" (-Dpoxlog.node.required=true, or -Dpoxlog.browser.required=true
# as CI runs): then that fails the build.
set -euo pipefail
dir="$1"
required="${2:-false}"
if ! command -v node >/dev/null 2>&1; then
  if [ "$required" = "true" ]; then
    echo "*** NODE TESTS FAILED: no node on the PATH, and they are required (-Dpoxlog.node.required=true): install it with 'apt-get install nodejs' ***" >&2
    exit 1
  fi
  echo "*** NODE TESTS SKIPPED: no node on the PATH: install it with 'apt-get install nodejs' to run the JavaScript tests in $dir (-Dpoxlog.node.required=true makes this fail instead) ***"
  exit 0
fi
files=()
while IFS= read -r -d '' f; do
  files+=("$f")
done < <(find "$dir" -type f -name '*.test.mjs' -print0 | LC_ALL=C sort -z)
if [ "${#files[@]}" -eq 0 ]; then
  echo "NODE TESTS: no *.test.mjs in $dir: nothing would be tested" >&2
  exit 1
fi
echo "NODE TESTS: node $(node --version), ${#files[@]} files in $dir"
exec node --test "${files[@]}"
