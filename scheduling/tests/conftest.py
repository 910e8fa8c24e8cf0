"""Test set-up: a throw-away AIRFLOW_HOME (set before Airflow is first imported) and a session
that fails when any test was skipped, so a green run means every check ran."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

_AIRFLOW_HOME = tempfile.mkdtemp(prefix="bhxh-airflow-home-")
os.environ["AIRFLOW_HOME"] = _AIRFLOW_HOME
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__CORE__UNIT_TEST_MODE"] = "True"
os.environ["AIRFLOW__CORE__SQL_ALCHEMY_CONN"] = f"sqlite:///{_AIRFLOW_HOME}/airflow.db"

SCHEDULING = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def scheduling_dir() -> Path:
    return SCHEDULING


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and exitstatus == 0:
        session.exitstatus = 1
        if reporter:
            reporter.ensure_newline()
            reporter.write_line(f"{skipped} test(s) skipped: the scheduling checks must all run")
