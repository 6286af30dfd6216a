# Shared by the bin/ launchers: find the project, build what is missing, find java.
# Sourced, not run.

POXLOG_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# poxlog_jar MODULE: prints the path of MODULE's runnable jar, building the project first when
# the jar is missing or older than the module's sources.
# Safe under `set -euo pipefail` on a fresh clone (no target/ yet): no command here may fail
# merely because the jar does not exist.
poxlog_jar() {
  local module="$1" jar
  jar=$(poxlog_find_jar "$module")
  if [ -z "$jar" ] || [ -n "$(find "$POXLOG_HOME/pom.xml" "$POXLOG_HOME"/*/pom.xml "$POXLOG_HOME"/*/src/main \
        -newer "$jar" -type f -print -quit 2>/dev/null || true)" ]; then
    if ! command -v mvn >/dev/null 2>&1; then
      echo "poxlog: Maven (mvn) is needed to build the project; install Maven 3.8+ and Java 17+" >&2
      return 1
    fi
    echo "poxlog: building (first use or sources changed)..." >&2
    # Maven 3.8 writes colour resets (ESC[0m) even with -B -q: strip them from what we show.
    (set -o pipefail; cd "$POXLOG_HOME" && mvn -B -q -Dstyle.color=never -DskipTests package 2>&1 \
        | sed 's/\x1b\[[0-9;]*m//g') >&2 || {
      echo "poxlog: the build failed; run 'mvn -B package' in $POXLOG_HOME to see why" >&2
      return 1
    }
    jar=$(poxlog_find_jar "$module")
    if [ -z "$jar" ]; then
      echo "poxlog: the build did not make $module/target/poxlog-$module-*-all.jar" >&2
      return 1
    fi
  fi
  printf '%s\n' "$jar"
}

# poxlog_find_jar MODULE: prints MODULE's runnable jar, or nothing when it is not built.
poxlog_find_jar() {
  local candidate
  for candidate in "$POXLOG_HOME/$1"/target/poxlog-"$1"-*-all.jar; do
    if [ -f "$candidate" ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 0
}

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
