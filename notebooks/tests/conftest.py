"""Shared fixtures: the warehouse under test and one local Spark session for the whole run.

``pytest notebooks/tests --warehouse DIR`` tests an existing warehouse (CI: the demo warehouse);
without it, the fixture warehouse of make_fixture_warehouse.py is built in a temp folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(NOTEBOOKS))
sys.path.insert(0, str(NOTEBOOKS / "tests"))

import bhxh_tables  # noqa: E402


def pytest_addoption(parser):
    parser.addoption("--warehouse", help="warehouse to test (default: build the fixture warehouse)")


@pytest.fixture(scope="session")
def spark():
    # One session per test run, two cores: the machine is shared.
    os.environ.setdefault(bhxh_tables.MASTER_ENV, "local[2]")
    return bhxh_tables.session(str(NOTEBOOKS), app_name="bhxh notebook tests")


@pytest.fixture(scope="session")
def warehouse(request, spark, tmp_path_factory) -> str:
    given = request.config.getoption("--warehouse")
    if given:
        path = Path(given).resolve()
        assert (path / "indicators" / "_delta_log").is_dir(), f"{path} has no indicators table"
        return str(path)
    import make_fixture_warehouse

    path = tmp_path_factory.mktemp("fixture") / "warehouse"
    make_fixture_warehouse.build(path, seed=20250701)
    return str(path)
