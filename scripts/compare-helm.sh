#!/usr/bin/env bash
# Whole-process comparison of `helm template` (v4.1.4) with the HelmSharp CLI (NativeAOT binary) on the
# same charts in one run: wall time, peak RSS and the ratios.
#   scripts/compare-helm.sh [--runs K] [--no-publish] [N ...]
# N = components of the synthetic chart (scripts/gen-large-chart.py); default 50 500 2000, plus the
# testdata charts webapp, tpl-heavy, umbrella and large-20. Each command runs K times (default 3);
# the best wall time and the largest peak RSS are reported. Outputs are checked to be byte-identical.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HELM="${HELM:-$ROOT/.helm/v4/helm}"
[ -x "$HELM" ] || HELM=/work/main/.helm/v4/helm
RUNS=3; PUBLISH=1; SIZES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --no-publish) PUBLISH=0; shift ;;
    *) SIZES+=("$1"); shift ;;
  esac
done
[ ${#SIZES[@]} -gt 0 ] || SIZES=(50 500 2000)
WORK="${TMPDIR:-/tmp}/helmsharp-compare"
BIN="$WORK/aot/helmsharp"
mkdir -p "$WORK"

# NativeAOT prerequisites (clang, zlib) — Debian packages.
if ! command -v clang >/dev/null || ! [ -e /usr/include/zlib.h ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang zlib1g-dev >/dev/null
  else echo "need clang and zlib1g-dev for NativeAOT" >&2; exit 1; fi
fi
[ -x /usr/bin/time ] || { [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }

if [ "$PUBLISH" = 1 ] || [ ! -x "$BIN" ]; then
  echo "publishing NativeAOT CLI..." >&2
  dotnet publish "$ROOT/src/HelmSharp.Cli/HelmSharp.Cli.csproj" -c Release -r linux-x64 -o "$WORK/aot" -nologo -v quiet >&2
fi

charts=()
for n in "${SIZES[@]}"; do
  d="$WORK/large-$n"
  [ -d "$d" ] || python3 "$ROOT/scripts/gen-large-chart.py" "$n" "$d" >/dev/null
  charts+=("$d")
done
for c in webapp tpl-heavy umbrella large-20; do charts+=("$ROOT/testdata/charts/$c"); done

# measure CMD...: prints "best_wall_seconds max_rss_kib best_cpu_seconds(user+sys)"
measure() {
  local best="" rss=0 cpu="" i w m u s c
  for ((i = 0; i < RUNS; i++)); do
    /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.txt" "$@" >"$WORK/out.txt" 2>/dev/null || true
    read -r w m u s < <(tail -1 "$WORK/time.txt")
    c=$(awk -v u="$u" -v s="$s" 'BEGIN{printf "%.2f", u + s}')
    if [ -z "$best" ] || awk "BEGIN{exit !($w < $best)}"; then best=$w; fi
    if [ -z "$cpu" ] || awk "BEGIN{exit !($c < $cpu)}"; then cpu=$c; fi
    [ "$m" -gt "$rss" ] && rss=$m
  done
  echo "$best $rss $cpu"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -srm); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); helm: $("$HELM" version --short 2>/dev/null); runs per command: $RUNS (best wall, max RSS)"
printf "%-16s %8s %8s %8s | %8s %8s %8s | %9s %9s %6s | %s\n" chart helm_s hs_s speedup helm_cpu hs_cpu cpu_x helm_MiB hs_MiB mem_x same
for c in "${charts[@]}"; do
  name=$(basename "$c")
  "$HELM" template x "$c" >"$WORK/helm.out" 2>/dev/null || true
  "$BIN" template x "$c" >"$WORK/hs.out" 2>/dev/null || true
  same=no; cmp -s "$WORK/helm.out" "$WORK/hs.out" && same=yes
  read -r hw hm hc < <(measure "$HELM" template x "$c")
  read -r sw sm sc < <(measure "$BIN" template x "$c")
  awk -v n="$name" -v hw="$hw" -v sw="$sw" -v hm="$hm" -v sm="$sm" -v hc="$hc" -v sc="$sc" -v same="$same" 'BEGIN{
    sp = hw / (sw > 0.01 ? sw : 0.01); cp = hc / (sc > 0.01 ? sc : 0.01);  # times below 10 ms count as 10 ms
    printf "%-16s %8.2f %8.2f %7.1fx | %8.2f %8.2f %7.1fx | %9.1f %9.1f %6.2f | %s\n", n, hw, sw, sp, hc, sc, cp, hm/1024, sm/1024, sm/hm, same }'
done
