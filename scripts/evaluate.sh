#!/usr/bin/env bash
# Code each gold set in ../shared/eval/dev and score it with the shared scorer.
#   scripts/evaluate.sh [SHARED_DIR]      (default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${1:-${DETENTE_SHARED:-../shared}}
mkdir -p out/eval
for set in petr2_gsr plover conflibert; do
  .venv/bin/detente code "$SHARED/eval/dev/$set.jsonl" -o "out/eval/$set.jsonl" 2>/dev/null || true
  python3 "$SHARED/eval/score.py" "$SHARED/eval/dev/$set.jsonl" "out/eval/$set.jsonl" | tail -1
done
