"""The systemd unit that keeps `nightly --watch` up: a valid unit layout, an ExecStart that runs
bin/pipeline's watch with a valid interval, a SIGTERM stop counted as clean, restarts on failure;
and ExecStart run for real (systemd's ${VAR} expansion done as systemd does it) against a stand-in
bin/pipeline that records its arguments."""

from __future__ import annotations

import re
import shlex
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


@pytest.fixture(scope="module")
def unit(scheduling_dir: Path) -> dict[str, list[tuple[str, str]]]:
    return parse_unit(scheduling_dir / "systemd" / "bhxh-nightly-watch.service")


@pytest.fixture(scope="module")
def maintain_unit(scheduling_dir: Path) -> dict[str, list[tuple[str, str]]]:
    return parse_unit(scheduling_dir / "systemd" / "bhxh-maintain.service")


@pytest.fixture(scope="module")
def maintain_timer(scheduling_dir: Path) -> dict[str, list[tuple[str, str]]]:
    return parse_unit(scheduling_dir / "systemd" / "bhxh-maintain.timer")


def parse_unit(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Section name to its (key, value) lines, in order (keys such as Environment repeat)."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current = None
    text = path.read_text(encoding="utf-8")
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        assert not stripped.endswith("\\"), "no continuation lines: keep each setting on one line"
        if stripped.startswith("[") and stripped.endswith("]"):
            current = stripped[1:-1]
            assert current not in sections, f"section {current} twice"
            sections[current] = []
            continue
        assert current is not None, f"setting outside a section: {line!r}"
        key, sep, value = stripped.partition("=")
        assert sep, f"not key=value: {line!r}"
        sections[current].append((key.strip(), value.strip()))
    return sections


def one(unit, section: str, key: str) -> str:
    values = [v for k, v in unit[section] if k == key]
    assert len(values) == 1, f"{section}.{key}: {values}"
    return values[0]


def environment(unit) -> dict[str, str]:
    return dict(v.split("=", 1) for k, v in unit["Service"] if k == "Environment")


def exec_start(unit, env: dict[str, str]) -> list[str]:
    """ExecStart's words with ${VAR} replaced as systemd does: a word that is exactly ${VAR} stays
    one argument whatever the value holds."""
    words = shlex.split(one(unit, "Service", "ExecStart"))
    expanded = []
    for word in words:
        assert "$" not in VARIABLE.sub("", word), f"only ${{VAR}} is expanded alike: {word}"
        expanded.append(VARIABLE.sub(lambda m: env[m.group(1)], word))
    return expanded


def test_the_unit_has_its_sections_and_runs_the_watch(unit):
    assert set(unit) == {"Unit", "Service", "Install"}
    assert one(unit, "Install", "WantedBy") == "multi-user.target"
    env = environment(unit)
    words = shlex.split(one(unit, "Service", "ExecStart"))
    assert words[0].startswith("/") and words[0].endswith("/bin/pipeline"), "an absolute path"
    for name in VARIABLE.findall(one(unit, "Service", "ExecStart")):
        assert name in env, f"{name} is used but not set"
    args = exec_start(unit, env)
    # Global options before the command, the watch among the command's own.
    assert args.index("--config") < args.index("nightly") < args.index("--watch")
    interval = args[args.index("--watch") + 1]
    assert re.fullmatch(r"[1-9][0-9]*\s*(s|m|h)", interval), interval
    assert "--landing" in args and "--warehouse" in args and "--passes" not in args


def test_a_sigterm_stop_is_clean_and_a_failure_restarts(unit):
    # The JVM exits 143 on SIGTERM (systemctl stop): not a failure of the service.
    assert "143" in one(unit, "Service", "SuccessExitStatus").split()
    assert one(unit, "Service", "Restart") == "on-failure"
    assert re.fullmatch(r"[0-9]+(s|min)", one(unit, "Service", "RestartSec"))
    assert one(unit, "Service", "Type") in ("exec", "simple")


def test_exec_start_runs_the_pipeline_with_each_value_as_one_argument(unit, tmp_path: Path):
    env = environment(unit)
    env["BHXH_LANDING"] = str(tmp_path / "landing with a space")
    pipeline = tmp_path / "pipeline"
    calls = tmp_path / "calls"
    pipeline.write_text(
        '#!/usr/bin/env bash\nfor a in "$@"; do printf "%s\\n" "$a"; done > "$FAKE_CALLS"\n'
    )
    pipeline.chmod(pipeline.stat().st_mode | stat.S_IXUSR)
    args = exec_start(unit, env)
    args[0] = str(pipeline)

    subprocess.run(args, env={"FAKE_CALLS": str(calls)}, check=True, timeout=60)

    assert calls.read_text().splitlines() == [
        "--config",
        "/etc/bhxh/pipeline.conf",
        "nightly",
        "--landing",
        str(tmp_path / "landing with a space"),
        "--warehouse",
        "/data/bhxh/warehouse",
        "--watch",
        "15m",
    ]


def test_the_weekly_timer_starts_maintain(maintain_timer):
    assert set(maintain_timer) == {"Unit", "Timer", "Install"}
    assert one(maintain_timer, "Timer", "OnCalendar") == "Sun *-*-* 04:30:00 Asia/Ho_Chi_Minh"
    assert one(maintain_timer, "Timer", "Persistent") == "true"
    assert one(maintain_timer, "Timer", "Unit") == "bhxh-maintain.service"
    assert one(maintain_timer, "Install", "WantedBy") == "timers.target"
    if shutil.which("systemd-analyze"):
        subprocess.run(
            ["systemd-analyze", "calendar", one(maintain_timer, "Timer", "OnCalendar")],
            check=True,
            capture_output=True,
        )


def test_maintain_runs_once_and_waits_for_a_nightly_pass(maintain_unit, tmp_path: Path):
    assert set(maintain_unit) == {"Unit", "Service"}
    assert one(maintain_unit, "Service", "Type") == "oneshot"
    env = environment(maintain_unit)
    pipeline = tmp_path / "pipeline"
    calls = tmp_path / "calls"
    pipeline.write_text(
        '#!/usr/bin/env bash\nfor a in "$@"; do printf "%s\\n" "$a"; done > "$FAKE_CALLS"\n'
    )
    pipeline.chmod(pipeline.stat().st_mode | stat.S_IXUSR)
    args = exec_start(maintain_unit, env)
    assert args[0].startswith("/") and args[0].endswith("/bin/pipeline"), "an absolute path"
    args[0] = str(pipeline)

    subprocess.run(args, env={"FAKE_CALLS": str(calls)}, check=True, timeout=60)

    assert calls.read_text().splitlines() == [
        "--config",
        "/etc/bhxh/pipeline.conf",
        "--conf",
        "pipeline.nightly.lock.wait-timeout=1h",
        "maintain",
        "--warehouse",
        "/data/bhxh/warehouse",
    ]


@pytest.fixture(scope="module")
def serve_unit(scheduling_dir: Path) -> dict[str, list[tuple[str, str]]]:
    return parse_unit(scheduling_dir / "systemd" / "bhxh-serve.service")


def test_the_query_server_unit_serves_on_loopback_and_stops_cleanly(serve_unit, tmp_path: Path):
    assert set(serve_unit) == {"Unit", "Service", "Install"}
    assert "143" in one(serve_unit, "Service", "SuccessExitStatus").split()
    assert one(serve_unit, "Service", "Restart") == "on-failure"
    env = environment(serve_unit)
    assert env["BHXH_SERVE_HOST"] == "127.0.0.1", "loopback unless authentication is configured"
    pipeline = tmp_path / "pipeline"
    calls = tmp_path / "calls"
    pipeline.write_text(
        '#!/usr/bin/env bash\nfor a in "$@"; do printf "%s\\n" "$a"; done > "$FAKE_CALLS"\n'
    )
    pipeline.chmod(pipeline.stat().st_mode | stat.S_IXUSR)
    args = exec_start(serve_unit, env)
    args[0] = str(pipeline)

    subprocess.run(args, env={"FAKE_CALLS": str(calls)}, check=True, timeout=60)

    assert calls.read_text().splitlines() == [
        "--config",
        "/etc/bhxh/pipeline.conf",
        "serve",
        "--warehouse",
        "/data/bhxh/warehouse",
        "--host",
        "127.0.0.1",
        "--port",
        "10000",
    ]
