#!/usr/bin/env bash
# Peer comparison: gazetag against the shared harness (../shared/bench), with
# gazetag's own aliases as the dictionary, on the same corpus, in one session.
#
#   bash benches/peers.sh                # 3 rounds
#   ROUNDS=5 bash benches/peers.sh
#   SKIP_SPACY=1 bash benches/peers.sh   # spaCy takes ~30 s a round
#   GAZETAG_ARGS=--no-discover bash benches/peers.sh   # gazetag without a stage
#
# Needs: cargo, python3 (flashtext, spacy: `pip install flashtext==2.7
# spacy==3.8.18`; a contender whose package is missing is skipped), GNU time,
# and the Reuters-21578 training split (research use only: the corpus is built
# in a temporary folder and never kept). Prints one line per measurement and a
# summary of ratios (medians over the rounds); the machines are shared and
# noisy, so quote the ratios, not the MB/s.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
src=${SRC:-$repo/../shared/data/reuters21578/train.jsonl}
harness=${HARNESS:-$repo/../shared/bench}
rounds=${ROUNDS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$harness" "$work/peers"
chmod -R u+w "$work/peers"
cd "$work/peers"

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" >&2
(cd "$repo" && cargo build --release --quiet --example gazetag)
(cd rust-peers && cargo build --release --quiet)
bin=$repo/target/release/examples/gazetag
peers=$PWD/rust-peers/target/release/rust-peers

python3 make_corpus.py --src "$src" >&2
# The dictionary: every alias text of every entity, one a line.
"$bin" --list | python3 -c '
import json, sys
seen = set()
for line in sys.stdin:
    for a in json.loads(line)["aliases"]:
        t = a["text"].replace("\n", " ").strip()
        if t and t not in seen:
            seen.add(t)
            print(t)
' > dict-gazetag.txt
# The same corpus as JSON Lines, one document (title, newline, body) a line.
python3 -c '
import json, sys
text = open("corpus.txt", encoding="utf-8").read()
for i, d in enumerate(text.split("\n\n")):
    print(json.dumps({"id": i, "text": d}, ensure_ascii=False))
' > corpus.jsonl
mb=$(python3 -c 'import os; print(os.path.getsize("corpus.txt") / 1e6)')
echo "# corpus: $mb MB, $(wc -l < corpus.jsonl) documents; dictionary: $(wc -l < dict-gazetag.txt) aliases" >&2

out=$work/results.tsv
: > "$out"
have() { python3 -c "import $1" 2>/dev/null; }
# gazetag: wall time and peak RSS of the whole process (build, read, tag, write).
run_gazetag() { # ROUND THREADS INPUT LABEL
  local t; t=$(mktemp)
  # shellcheck disable=SC2086  # GAZETAG_ARGS is a list of flags
  /usr/bin/time -f '%e %M' -o "$t" "$bin" --jsonl --threads "$2" ${GAZETAG_ARGS:-} < "$3" > /dev/null
  read -r secs rss < "$t"; rm -f "$t"
  printf 'gazetag-%s\t%s\t%s\t%s\n' "$4" "$1" "$secs" "$rss" | tee -a "$out"
}
echo '{"id":0,"text":""}' > empty.jsonl
for r in $(seq 1 "$rounds"); do
  "$peers" ac-default dict-gazetag.txt corpus.txt 3 | awk -v r="$r" -F'\t' '{ print "ac-default\t" r "\t" $5 "\t" $7 }' | tee -a "$out"
  run_gazetag "$r" 1 empty.jsonl startup
  run_gazetag "$r" 1 corpus.jsonl 1thread
  run_gazetag "$r" 2 corpus.jsonl 2threads
  if have flashtext; then
    python3 py-peers.py flashtext dict-gazetag.txt corpus.txt 1 | awk -v r="$r" -F'\t' '{ print "flashtext\t" r "\t" $5 "\t" $7 }' | tee -a "$out"
  fi
  if have spacy && [ -z "${SKIP_SPACY:-}" ]; then
    # First line of each repetition: tokenise + match.
    python3 py-peers.py spacy dict-gazetag.txt corpus.txt 1 | head -n1 | awk -v r="$r" -F'\t' '{ print "spacy\t" r "\t" $5 "\t" $7 }' | tee -a "$out"
  fi
done

python3 - "$out" "$mb" <<'EOF'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
mb = float(sys.argv[2])
by = {}
for name, _round, secs, extra in rows:
    by.setdefault(name, []).append(float(secs))
med = {k: statistics.median(v) for k, v in by.items()}
startup = med.get("gazetag-startup", 0.0)
print(f"\nmedian seconds over the rounds ({mb:.1f} MB):")
for k, v in med.items():
    print(f"  {k:20s} {v:8.3f} s  {mb / v if v else 0:8.1f} MB/s")
g1 = med["gazetag-1thread"] - startup
g2 = med["gazetag-2threads"] - startup
print(f"\ngazetag --jsonl, 1 thread, less start-up: {mb / g1:.1f} MB/s (whole process {mb / med['gazetag-1thread']:.1f})")
for peer in ["ac-default", "flashtext", "spacy"]:
    if peer in med:
        print(f"  gazetag / {peer:10s} = {med[peer] / g1:6.2f}x  (whole process: {med[peer] / med['gazetag-1thread']:.2f}x)")
print(f"  2 threads / 1 thread = {g1 / g2:.2f}x  (whole process: {med['gazetag-1thread'] / med['gazetag-2threads']:.2f}x)")
rss = {name: int(extra) for name, _r, _s, extra in rows if name.startswith("gazetag")}
print(f"  peak RSS (KB): " + ", ".join(f"{k} {v}" for k, v in rss.items()))
EOF
