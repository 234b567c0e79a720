#!/usr/bin/env bash
# Code each gold set (the shared dev halves and detente's own news set) and score it with
# the shared scorer, on its tuning and check parts apart (see scripts/evaluate.py).
#   scripts/evaluate.sh [SHARED_DIR]      (default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${1:-${DETENTE_SHARED:-../shared}}
exec .venv/bin/python scripts/evaluate.py --shared "$SHARED"
