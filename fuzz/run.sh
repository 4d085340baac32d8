#!/usr/bin/env bash
# Fuzzes the parsers with afl-fuzz and SharpFuzz: fuzz/run.sh <target|all> <seconds per target>
#
#   fuzz/run.sh all 25           every target for 25 s (what CI runs)
#   fuzz/run.sh rules 14400      one target for four hours
#   fuzz/run.sh list             the targets
#
# The workflow is SharpFuzz's (its README, "Usage", and scripts/fuzz.ps1): publish the fuzzing project, instrument the
# assemblies under test in place with the `sharpfuzz` tool (SharpFuzz.CommandLine), then run
# `afl-fuzz -i <corpus> -o <findings> -t <ms> -m none -- dotnet <project>.dll <target>` with AFL_SKIP_BIN_CHECK=1,
# since the binary afl-fuzz starts is `dotnet`, not an instrumented native program. Only our own assemblies are
# instrumented (agiident.dll, AgiIdent.Agi.dll); the libraries they call still run, their branches just not counted.
#
# Findings land in fuzz/findings/<target>/default/{crashes,hangs,queue} (not checked in). A later run of the same
# target resumes from there (AFL_AUTORESUME); delete the folder to start from the seeds again. Replay them with
#   dotnet fuzz/out/bin/AgiIdent.Fuzz.dll replay <target> fuzz/findings/<target>/default/crashes
# Exit status: 0 when no target found a crash, 1 when one did, 2 on a usage or setup error.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:-}
seconds=${2:-}
# FUZZ_OUT and FUZZ_FINDINGS move the build and the findings (two runs side by side); FUZZ_NO_BUILD=1 reuses a build.
out=${FUZZ_OUT:-fuzz/out}
findings_root=${FUZZ_FINDINGS:-fuzz/findings}
tools=$out/tools
bin=$out/bin

if [[ -z $target ]]; then
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi

build() {
  if ! command -v afl-fuzz >/dev/null 2>&1; then
    echo "afl-fuzz is missing: apt-get install afl++" >&2
    exit 2
  fi
  if [[ ! -x $tools/sharpfuzz ]]; then
    dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
  fi
  # Fresh every time: the tool instruments in place, and an assembly it already instrumented is refused.
  rm -rf "$bin"
  dotnet publish fuzz/AgiIdent.Fuzz -c Release -o "$bin" -p:UseAppHost=false --nologo -v quiet >/dev/null
  for assembly in agiident.dll AgiIdent.Agi.dll; do
    "$tools/sharpfuzz" "$bin/$assembly" >/dev/null
  done
}

if [[ $target == list ]]; then
  dotnet run --project fuzz/AgiIdent.Fuzz -c Release -- list
  exit 0
fi

if [[ ! $seconds =~ ^[0-9]+$ || $seconds -lt 1 ]]; then
  echo "usage: fuzz/run.sh <target|all> <seconds per target>" >&2
  exit 2
fi

[[ ${FUZZ_NO_BUILD:-0} == 1 && -f $bin/AgiIdent.Fuzz.dll ]] || build
if [[ $target == all ]]; then
  mapfile -t targets < <(dotnet "$bin/AgiIdent.Fuzz.dll" list | awk '{print $1}')
else
  targets=("$target")
fi

# afl-fuzz refuses to start on a machine that pipes core dumps to a handler (core_pattern) or scales CPU frequency,
# unless told that it does not matter here; on a shared machine it must not insist on a core of its own either.
export AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_AUTORESUME=1
# The .NET runtime takes a while to start: give the fork server time, and calibrate each seed three times only.
export AFL_FORKSRV_INIT_TMOUT=${AFL_FORKSRV_INIT_TMOUT:-60000} AFL_FAST_CAL=1
[[ -t 1 ]] || export AFL_NO_UI=1
# Per-input timeout (ms): an input that takes longer is a hang. Generous, the runtime's first JIT of a path is slow.
timeout_ms=${FUZZ_TIMEOUT_MS:-5000}

crashed=0
for name in "${targets[@]}"; do
  corpus=fuzz/corpus/$name
  findings=$findings_root/$name
  if [[ ! -d $corpus ]]; then
    echo "no seed corpus $corpus (fuzz/run.sh list names the targets)" >&2
    exit 2
  fi
  mkdir -p "$findings"
  echo "== $name: $seconds s"
  status=0
  afl-fuzz -i "$corpus" -o "$findings" -t "$timeout_ms" -m none -V "$seconds" -- dotnet "$bin/AgiIdent.Fuzz.dll" "$name" \
    >"$findings/afl.log" 2>&1 || status=$?
  if [[ $status -ne 0 ]]; then
    tail -n 30 "$findings/afl.log" >&2
    echo "afl-fuzz failed for $name (exit $status); its log: $findings/afl.log" >&2
    exit 2
  fi
  crashes=$(find "$findings/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
  hangs=$(find "$findings/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
  execs=$(awk -F' *: *' '$1=="execs_done"{print $2}' "$findings/default/fuzzer_stats" 2>/dev/null || echo "?")
  paths=$(awk -F' *: *' '$1=="corpus_count"{print $2}' "$findings/default/fuzzer_stats" 2>/dev/null || echo "?")
  echo "   $execs executions, $paths inputs in the queue, $crashes crashes, $hangs hangs"
  if [[ $crashes -gt 0 ]]; then
    crashed=1
    dotnet "$bin/AgiIdent.Fuzz.dll" replay "$name" "$findings/default/crashes" | head -n 20 || true
  fi
  if [[ $hangs -gt 0 ]]; then
    echo "   hangs (slower than $timeout_ms ms): $findings/default/hangs" >&2
  fi
done
exit $crashed
