"""The crontab example: valid cron syntax (5 time fields and a command, each field in range), a
command that bash accepts, and overlap protection that works: run for real with stand-ins for
bin/pipeline, while another process holds the flock."""

from __future__ import annotations

import fcntl
import os
import re
import stat
import subprocess
from pathlib import Path

import pytest

FIELD_RANGES = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]  # minute hour dom month dow
NAMES = {
    3: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
    4: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
}
ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")


@pytest.fixture(scope="module")
def crontab(scheduling_dir: Path) -> str:
    return (scheduling_dir / "cron" / "bhxh-nightly.cron").read_text(encoding="utf-8")


def entries(text: str) -> tuple[dict[str, str], list[tuple[list[str], str]]]:
    """The variable assignments and the job lines (five fields, command) of a crontab."""
    variables: dict[str, str] = {}
    jobs: list[tuple[list[str], str]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if ASSIGNMENT.match(stripped):
            name, value = stripped.split("=", 1)
            variables[name] = value
            continue
        parts = stripped.split(None, 5)
        assert len(parts) == 6, f"not five fields and a command: {line!r}"
        jobs.append((parts[:5], parts[5]))
    return variables, jobs


def valid_field(field: str, index: int) -> bool:
    low, high = FIELD_RANGES[index]

    def value(text: str) -> int | None:
        if text.isdigit():
            return int(text)
        names = NAMES.get(index, [])
        return names.index(text.lower()) + (1 if index == 3 else 0) if text.lower() in names else None

    for item in field.split(","):
        base, _, step = item.partition("/")
        if step and (not step.isdigit() or int(step) == 0):
            return False
        if base == "*":
            continue
        start, _, end = base.partition("-")
        bounds = [value(start)] + ([value(end)] if end else [])
        if any(b is None or not low <= b <= high for b in bounds):
            return False
        if end and bounds[0] > bounds[1]:
            return False
    return True


def test_field_validator_rejects_what_cron_rejects():
    assert valid_field("*/15", 0) and valid_field("1-5", 4) and valid_field("mon-fri", 4)
    assert not valid_field("60", 0) and not valid_field("24", 1) and not valid_field("0", 2)
    assert not valid_field("5-1", 4) and not valid_field("*/0", 0) and not valid_field("x", 3)


def test_a_nightly_and_a_weekly_maintain_job_with_five_valid_fields(crontab: str):
    _, jobs = entries(crontab)
    assert len(jobs) == 2
    (nightly, _), (weekly, command) = jobs
    assert nightly == ["30", "1", "*", "*", "*"]
    assert weekly == ["30", "4", "*", "*", "sun"]
    assert " maintain --warehouse " in command
    assert all(valid_field(field, i) for fields, _ in jobs for i, field in enumerate(fields))


def test_maintain_waits_for_a_running_nightly_then_runs(sandbox_maintain):
    env, command, tmp = sandbox_maintain
    assert re.search(r"\bflock -w \d+ -E 75 \"\$BHXH_LOCK\"", command)
    # The nightly's lock is the same file: maintain never overlaps it.
    assert run(env, command) == 0
    assert (tmp / "calls").read_text() == (
        "pipeline --config /etc/bhxh/pipeline.conf maintain --warehouse /data/bhxh/warehouse\n"
    )
    subprocess.run(["bash", "-n", "-c", command], check=True)
    assert "%" not in command


def test_maintain_gives_up_after_its_wait_and_says_so(sandbox_maintain):
    env, command, tmp = sandbox_maintain
    short = re.sub(r"flock -w \d+", "flock -w 1", command)
    with open(env["BHXH_LOCK"], "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a nightly still running
        assert run(env, short) == 75
    assert not (tmp / "calls").exists()
    assert "maintain skipped: a run still holds " + env["BHXH_LOCK"] in (
        tmp / "nightly.log"
    ).read_text()


def test_the_command_is_protected_by_flock_and_logs_to_a_file(crontab: str):
    variables, jobs = entries(crontab)
    _, command = jobs[0]
    assert re.search(r"\bflock -n\b", command)
    assert "nightly --landing" in command and "--warehouse" in command
    assert '>> "$BHXH_LOG" 2>&1' in command
    # cron turns an unescaped % into a newline: the command must not contain one.
    assert "%" not in command
    for name in ["BHXH_HOME", "BHXH_LOCK", "BHXH_LOG", "BHXH_LANDING", "BHXH_WAREHOUSE"]:
        assert name in variables, f"{name} is used but not set"
    subprocess.run(["bash", "-n", "-c", command], check=True)


@pytest.fixture()
def sandbox(tmp_path: Path, crontab: str):
    """The nightly job in a sandbox (see make_sandbox)."""
    return make_sandbox(tmp_path, crontab, 0)


@pytest.fixture()
def sandbox_maintain(tmp_path: Path, crontab: str):
    """The weekly maintain job in a sandbox (see make_sandbox)."""
    return make_sandbox(tmp_path, crontab, 1)


def make_sandbox(tmp_path: Path, crontab: str, job: int):
    """A copy of the crontab's environment pointing into tmp_path, with a stand-in bin/pipeline
    that records its arguments and exits with $FAKE_EXIT."""
    variables, jobs = entries(crontab)
    home = tmp_path / "home"
    (home / "bin").mkdir(parents=True)
    pipeline = home / "bin" / "pipeline"
    pipeline.write_text(
        '#!/usr/bin/env bash\necho "pipeline $*" >> "$FAKE_CALLS"\nexit "${FAKE_EXIT:-0}"\n'
    )
    pipeline.chmod(pipeline.stat().st_mode | stat.S_IXUSR)
    env = dict(os.environ)
    env.update({k: v for k, v in variables.items() if k not in ("PATH", "CRON_TZ")})
    env.update(
        BHXH_HOME=str(home),
        BHXH_LOG=str(tmp_path / "nightly.log"),
        BHXH_LOCK=str(tmp_path / "nightly.lock"),
        FAKE_CALLS=str(tmp_path / "calls"),
    )
    return env, jobs[job][1], tmp_path


def run(env: dict[str, str], command: str) -> int:
    return subprocess.run(["bash", "-c", command], env=env, timeout=60).returncode


def test_a_night_runs_the_pipeline(sandbox):
    env, command, tmp = sandbox

    assert run(env, command) == 0
    assert (tmp / "calls").read_text() == (
        "pipeline --config /etc/bhxh/pipeline.conf nightly"
        " --landing /data/bhxh/landing --warehouse /data/bhxh/warehouse\n"
    )
    assert "skipped" not in (tmp / "nightly.log").read_text()


def test_a_night_is_skipped_while_the_previous_run_holds_the_lock(sandbox):
    env, command, tmp = sandbox
    with open(env["BHXH_LOCK"], "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # the previous night, still running

        assert run(env, command) == 75

    assert not (tmp / "calls").exists()
    log = (tmp / "nightly.log").read_text()
    assert "nightly skipped: the previous run still holds " + env["BHXH_LOCK"] in log
    # Released (as when its holder exits or is killed): the next night runs.
    assert run(env, command) == 0
    assert (tmp / "calls").exists()


def test_a_failed_night_keeps_its_exit_code_and_is_not_reported_as_skipped(sandbox):
    env, command, tmp = sandbox
    env["FAKE_EXIT"] = "1"

    assert run(env, command) == 1
    assert "skipped" not in (tmp / "nightly.log").read_text()
