# Shared by the bin/ launchers: find the project, build what is missing, find java.
# Sourced, not run.

POXLOG_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# poxlog_jar MODULE: prints the path of MODULE's runnable jar, building the project first when
# the jar is missing or older than the module's sources.
poxlog_jar() {
  local module="$1" jar
  jar=$(ls "$POXLOG_HOME/$module"/target/poxlog-"$module"-*-all.jar 2>/dev/null | head -n 1)
  if [ -z "$jar" ] || [ -n "$(find "$POXLOG_HOME/pom.xml" "$POXLOG_HOME"/*/pom.xml "$POXLOG_HOME"/*/src/main \
        -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
    if ! command -v mvn >/dev/null 2>&1; then
      echo "poxlog: Maven (mvn) is needed to build the project; install Maven 3.8+ and Java 17+" >&2
      return 1
    fi
    echo "poxlog: building (first use or sources changed)..." >&2
    (cd "$POXLOG_HOME" && mvn -B -q -Dstyle.color=never -DskipTests package) >&2 || {
      echo "poxlog: the build failed; run 'mvn -B package' in $POXLOG_HOME to see why" >&2
      return 1
    }
    jar=$(ls "$POXLOG_HOME/$module"/target/poxlog-"$module"-*-all.jar | head -n 1)
  fi
  printf '%s\n' "$jar"
}

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
