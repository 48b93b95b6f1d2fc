#!/usr/bin/env bash
# Whole-run benchmark of zhnews against the jieba-rs `tag` floor (and,
# optionally, the Python stack). Prints one table.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/bench.sh [options] [INPUT...]

Runs, interleaved, N times each and reports medians:
  zhnews extract - -j 1      MB/s and articles/s (streamed input)
  zhnews extract - -j 2      MB/s, articles/s, peak RSS
  examples/tag_floor         jieba-rs `tag` alone over the same text, 1 thread
and once: start-up time (`zhnews extract` on one small file, median of
--startup-runs runs), the peak RSS of `-j 2` on the first tenth of the input
(memory must not grow with corpus size), and a check that every run wrote
exactly one record per input article and did not panic.

INPUT is a JSON Lines file (each line an object with `id` and `text` or
`content`) or a folder of article files (read as UTF-8, lossy). All inputs
are converted into one stream file of {"id","text"} lines. Default: the news
flashes and CCTV stories in the nearest shared/data/ folder beside the
repository (newsflash-2026-05-06.jsonl, xwlb-2019-2021.jsonl).

options:
  -n, --runs N          runs per contender (default 3)
  --limit N             use only the first N articles (default: all)
  --startup-runs N      runs for the start-up median (default 20)
  --python              also run scripts/python_stack.py (jieba posseg +
                        JioNLP extract_money + OpenCC t2s), installed with pip
                        into a throwaway virtualenv (default
                        /tmp/zhnews-pystack, reused if present), on a subset
  --python-subset N     articles in the Python subset (default 1000)
  --no-build            do not run `cargo build --release` first
  -h, --help            this text

needs: cargo, python3, /usr/bin/time (GNU time: `apt-get install time`).
Every figure includes process start-up, input parsing and JSON output
written to /dev/null; MB/s counts bytes of article text (UTF-8). On a busy
machine wall-clock figures wander; CPU seconds (user + system, from GNU
time) and MB per CPU second are steadier for the -j 1 / floor ratio.
EOF
}

runs=3
limit=0
startup_runs=20
python=0
py_subset=1000
build=1
inputs=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n|--runs) runs="$2"; shift 2 ;;
    --limit) limit="$2"; shift 2 ;;
    --startup-runs) startup_runs="$2"; shift 2 ;;
    --python) python=1; shift ;;
    --python-subset) py_subset="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "bench.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) inputs+=("$1"); shift ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ${#inputs[@]} -eq 0 ]; then
  dir="$root"
  data=""
  while [ "$dir" != "/" ]; do
    dir="$(dirname "$dir")"
    if [ -f "$dir/shared/data/newsflash-2026-05-06.jsonl" ]; then
      data="$dir/shared/data"
      break
    fi
  done
  if [ -z "$data" ]; then
    echo "bench.sh: no INPUT given and no shared/data/ found beside the repository" >&2
    exit 2
  fi
  inputs=("$data/newsflash-2026-05-06.jsonl" "$data/xwlb-2019-2021.jsonl")
fi

TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
  echo "bench.sh: $TIME not found (GNU time); install it with: apt-get install time" >&2
  exit 2
fi

if [ "$build" = 1 ]; then
  (cd "$root" && cargo build --release --quiet --bin zhnews --example tag_floor)
fi
zhnews="$root/target/release/zhnews"
floor="$root/target/release/examples/tag_floor"

work="$(mktemp -d /tmp/zhnews-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
stream="$work/stream.jsonl"

# Inputs to one stream file; prints "articles bytes".
python3 - "$stream" "$limit" "${inputs[@]}" >"$work/meta" <<'PY'
import json, os, sys
out_path, limit, inputs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
n = nbytes = 0
with open(out_path, "w", encoding="utf-8") as out:
    def emit(id_, text):
        global n, nbytes
        if limit and n >= limit:
            return False
        out.write(json.dumps({"id": id_, "text": text}, ensure_ascii=False) + "\n")
        n += 1
        nbytes += len(text.encode("utf-8"))
        return True
    for path in inputs:
        base = os.path.basename(path.rstrip("/"))
        if os.path.isdir(path):
            files = []
            for d, dirs, names in os.walk(path):
                dirs[:] = sorted(x for x in dirs if not x.startswith("."))
                files += [os.path.join(d, x) for x in names if not x.startswith(".")]
            for f in sorted(files):
                with open(f, "rb") as fh:
                    text = fh.read().decode("utf-8", "replace")
                if text.strip() and not emit(os.path.relpath(f, path), text):
                    break
        else:
            with open(path, encoding="utf-8") as fh:
                for i, line in enumerate(fh, 1):
                    try:
                        obj = json.loads(line)
                    except ValueError:
                        continue
                    text = obj.get("text") or obj.get("content") or ""
                    if not text.strip():
                        continue
                    if not emit(f"{base}:{obj.get('id', i)}", text):
                        break
print(n, nbytes)
PY
read -r articles bytes <"$work/meta"
if [ "$articles" -eq 0 ]; then
  echo "bench.sh: no articles in ${inputs[*]}" >&2
  exit 2
fi
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1e6 }')
echo "input: $articles articles, $mb MB of text from ${inputs[*]}" >&2

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
now_ns() { date +%s%N; }

# run NAME OUTFILE CMD...: stdin from $stream; appends "seconds" to
# $work/NAME.t, "KB" to $work/NAME.rss and CPU seconds (user + system) to
# $work/NAME.cpu.
run() {
  local name="$1" out="$2"; shift 2
  local t0 t1
  t0=$(now_ns)
  if ! "$TIME" -f "%M %U %S" -o "$work/$name.rss1" "$@" <"$stream" >"$out" 2>"$work/$name.err"; then
    echo "bench.sh: $name failed:" >&2
    cat "$work/$name.err" >&2
    exit 1
  fi
  t1=$(now_ns)
  if grep -q "panicked" "$work/$name.err"; then
    echo "bench.sh: $name panicked:" >&2
    cat "$work/$name.err" >&2
    exit 1
  fi
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", (b - a) / 1e9 }' >>"$work/$name.t"
  tail -n 1 "$work/$name.rss1" | awk '{ print $1 }' >>"$work/$name.rss"
  tail -n 1 "$work/$name.rss1" | awk '{ print $2 + $3 }' >>"$work/$name.cpu"
}

check_records() {
  local name="$1" file="$2" got
  got=$(wc -l <"$file")
  if [ "$got" -ne "$articles" ]; then
    echo "bench.sh: $name wrote $got records for $articles articles" >&2
    exit 1
  fi
  errors=$(grep -c '"error":{' "$file" || true)
  echo "$name: $got records for $articles articles ($errors error records)" >&2
}

contenders=(j1 j2 floor)
for ((r = 0; r < runs; r++)); do
  for ((k = 0; k < 3; k++)); do
    c=${contenders[$(((r + k) % 3))]}
    out=/dev/null
    [ "$r" -eq 0 ] && [ "$c" != floor ] && out="$work/$c.jsonl"
    case "$c" in
      j1) run j1 "$out" "$zhnews" extract - -j 1 -q ;;
      j2) run j2 "$out" "$zhnews" extract - -j 2 -q ;;
      floor) run floor "$out" "$floor" - ;;
    esac
    if [ "$out" != /dev/null ]; then
      check_records "$c" "$out"
      rm -f "$out"
    fi
    echo "run $((r + 1))/$runs $c: $(tail -n 1 "$work/$c.t")s" >&2
  done
done

# Peak RSS on the first tenth of the input: flat memory means about the same.
head -n $(((articles + 9) / 10)) "$stream" >"$work/tenth.jsonl"
"$TIME" -f "%M" -o "$work/tenth.rss" "$zhnews" extract - -j 2 -q <"$work/tenth.jsonl" >/dev/null
rss_tenth=$(tail -n 1 "$work/tenth.rss")

# Start-up: one small article file, median of many runs.
printf '示例公司今天宣布完成1亿元融资。\n' >"$work/small.txt"
for ((i = 0; i < startup_runs; i++)); do
  t0=$(now_ns)
  "$zhnews" extract "$work/small.txt" -q -o /dev/null
  t1=$(now_ns)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", (b - a) / 1e6 }' >>"$work/startup.ms"
done

py_line=""
if [ "$python" = 1 ]; then
  venv="${ZHNEWS_PYSTACK_VENV:-/tmp/zhnews-pystack}"
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import jieba, jionlp, opencc" 2>/dev/null; then
    echo "installing jieba, jionlp and opencc into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet jieba jionlp opencc
  fi
  head -n "$py_subset" "$stream" >"$work/subset.jsonl"
  sub_n=$(wc -l <"$work/subset.jsonl")
  py_json=$("$venv/bin/python" "$root/scripts/python_stack.py" "$work/subset.jsonl" 2>/dev/null | tail -n 1)
  py_mbs=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["mb_per_s"])' "$py_json")
  py_aps=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["articles_per_s"])' "$py_json")
  py_load=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["load_s"])' "$py_json")
  sub_bytes=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["bytes"])' "$py_json")
  for ((r = 0; r < runs; r++)); do
    t0=$(now_ns)
    "$zhnews" extract - -j 1 -q <"$work/subset.jsonl" >/dev/null
    t1=$(now_ns)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", (b - a) / 1e9 }' >>"$work/sub.t"
  done
  sub_t=$(median <"$work/sub.t")
  # Start-up is left out on both sides (Python's import and load time is
  # not in its figure either).
  sub_mbs=$(awk -v b="$sub_bytes" -v t="$sub_t" -v s="$(median <"$work/startup.ms")" \
    'BEGIN { w = t - s / 1000; if (w < 0.001) w = 0.001; printf "%.3f", b / 1e6 / w }')
  py_line=$(printf '%s\t%s\t%s\t%s' "$sub_n" "$py_mbs" "$py_aps" "$py_load")
fi

t_j1=$(median <"$work/j1.t")
t_j2=$(median <"$work/j2.t")
t_fl=$(median <"$work/floor.t")
rss_j1=$(median <"$work/j1.rss")
rss_j2=$(median <"$work/j2.rss")
rss_fl=$(median <"$work/floor.rss")
startup=$(median <"$work/startup.ms")
c_j1=$(median <"$work/j1.cpu")
c_j2=$(median <"$work/j2.cpu")
c_fl=$(median <"$work/floor.cpu")

row() { # name seconds rss_kb cpu_seconds
  awk -v n="$1" -v t="$2" -v k="$3" -v c="$4" -v b="$bytes" -v a="$articles" \
    'BEGIN { printf "| %-24s | %9.2f | %8.2f | %10.0f | %8.0f | %8.2f | %10.2f |\n", n, t, b / 1e6 / t, a / t, k / 1024, c, b / 1e6 / c }'
}

echo
echo "zhnews whole-run benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "input: $articles articles, $mb MB; medians of $runs runs; load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| contender                | seconds   | MB/s     | articles/s | RSS MB   | CPU s    | MB/CPU-s   |"
echo "|--------------------------|-----------|----------|------------|----------|----------|------------|"
row "zhnews extract - -j 1" "$t_j1" "$rss_j1" "$c_j1"
row "zhnews extract - -j 2" "$t_j2" "$rss_j2" "$c_j2"
row "jieba-rs tag (floor)" "$t_fl" "$rss_fl" "$c_fl"
echo
awk -v j1="$t_j1" -v j2="$t_j2" -v fl="$t_fl" -v cj1="$c_j1" -v cfl="$c_fl" -v s="$startup" -v r2="$rss_j2" -v r10="$rss_tenth" '
  BEGIN {
    printf "| figure                         | value    | target   |\n"
    printf "|--------------------------------|----------|----------|\n"
    printf "| -j 1 / floor (throughput)      | %6.2fx  | >= 1.0x  |\n", fl / j1
    printf "| -j 1 / floor (per CPU second)  | %6.2fx  | >= 1.0x  |\n", cfl / cj1
    printf "| -j 2 / -j 1 (throughput)       | %6.2fx  | >= 1.9x  |\n", j1 / j2
    printf "| start-up (ms, median)          | %8.1f | <= 150   |\n", s
    printf "| peak RSS -j 2, full input (MB) | %8.1f | <= 150   |\n", r2 / 1024
    printf "| peak RSS -j 2, first 10%% (MB)  | %8.1f | flat     |\n", r10 / 1024
  }'
if [ -n "$py_line" ]; then
  IFS=$'\t' read -r sub_n py_mbs py_aps py_load <<<"$py_line"
  awk -v n="$sub_n" -v p="$py_mbs" -v pa="$py_aps" -v l="$py_load" -v z="$sub_mbs" '
    BEGIN {
      printf "| Python stack, %5d articles   | %8.4f MB/s, %.1f articles/s (load %.1fs not counted) |\n", n, p, pa, l
      printf "| zhnews -j 1, same subset       | %8.3f MB/s (start-up not counted) |\n", z
      printf "| zhnews -j 1 / Python           | %6.0fx  | >= 300x  |\n", z / p
    }'
fi
