#!/usr/bin/env bash
# Tests of the scheduling assets: imports the Airflow DAG with Airflow's DagBag and checks it, and
# checks the crontab example (syntax, and flock overlap protection run for real).
#
# Creates scheduling/.venv on first use (about 2 minutes: Airflow and its dependencies from PyPI)
# and reinstalls only when requirements.txt changes. Environment: PYTHON (default python3, 3.9-3.12).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"
stamp="$venv/.requirements.sha256"
wanted="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"

if [[ ! -x "$venv/bin/python" || "$(cat "$stamp" 2>/dev/null || true)" != "$wanted" ]]; then
  echo "scheduling: installing Airflow into $venv…" >&2
  started=$SECONDS
  "$python" -m venv --clear "$venv"
  # --no-compile: byte-compiling all of Airflow up front costs about a minute here; Python compiles
  # the few modules the tests import on first use.
  "$venv/bin/pip" install --quiet --no-compile --disable-pip-version-check -r "$here/requirements.txt"
  echo "$wanted" > "$stamp"
  echo "scheduling: installed in $((SECONDS - started)) s" >&2
fi

cd "$here"
exec "$venv/bin/python" -m pytest -p no:cacheprovider -q -rs tests "$@"
