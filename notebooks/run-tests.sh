#!/usr/bin/env bash
# Tests of the analyst notebooks, as CI runs them:
#   1. create or update the venv notebooks/.venv from requirements.txt (Python 3.11);
#   2. check that no notebook is stored with outputs;
#   3. execute every notebook against the warehouse (charts must render, no cell may fail);
#   4. pytest: the second Delta reader (delta-rs) against Spark on `indicators`, and the helpers.
#
#   notebooks/run-tests.sh [WAREHOUSE] [OUT_DIR]
#
# WAREHOUSE defaults to $BHXH_WAREHOUSE; without either, a fixture warehouse is built in a temp
# folder (tests/make_fixture_warehouse.py). Executed notebooks go to OUT_DIR (default:
# $TMPDIR/bhxh-notebooks-executed, never the source tree). Exit code non-zero on any failure.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"

if [[ ! -x "$venv/bin/python" ]]; then
  echo "creating $venv with $("$python" --version)" >&2
  "$python" -m venv "$venv"
fi
# Reinstall only when requirements.txt changed since the last successful install.
stamp="$venv/.requirements.sha256"
wanted="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [[ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  echo "$wanted" > "$stamp"
fi
py="$venv/bin/python"

"$py" "$here/strip_outputs.py" --check

warehouse="${1:-${BHXH_WAREHOUSE:-}}"
scratch="$(mktemp -d -t bhxh-notebooks-XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
if [[ -z "$warehouse" ]]; then
  warehouse="$scratch/warehouse"
  echo "no warehouse given: building the fixture warehouse in $warehouse" >&2
  BHXH_SPARK_MASTER="local[2]" "$py" "$here/tests/make_fixture_warehouse.py" "$warehouse"
fi
out="${2:-${TMPDIR:-/tmp}/bhxh-notebooks-executed}"

"$py" "$here/run_notebooks.py" --warehouse "$warehouse" --out "$out"
cd "$here"
BHXH_SPARK_MASTER="local[2]" "$py" -m pytest tests -q --warehouse "$warehouse"
