"""The Airflow DAG: imported by Airflow's own DagBag, checked for its schedule and overlap
settings, and its command line rendered by Airflow's templating and run against a stand-in
spark-submit that prints its arguments, so shell quoting is checked end to end."""

from __future__ import annotations

import os
import stat
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from airflow.exceptions import ParamValidationError
from airflow.models import DagBag, Variable
from airflow.models.param import ParamsDict
from airflow.utils.context import VariableAccessor

DAG_ID = "bhxh_nightly"


@pytest.fixture(scope="module")
def dagbag(scheduling_dir: Path) -> DagBag:
    return DagBag(dag_folder=str(scheduling_dir / "airflow"), include_examples=False)


@pytest.fixture(scope="module")
def dag(dagbag: DagBag):
    return dagbag.dags[DAG_ID]


@pytest.fixture()
def metastore_variables():
    """Just the metastore's `variable` table, in the test's SQLite database."""
    from airflow import settings

    Variable.__table__.create(settings.engine, checkfirst=True)
    yield Variable
    Variable.__table__.drop(settings.engine)


def render(dag, params: dict[str, str] | None = None, task_id: str = "nightly") -> str:
    """The task's command as Airflow renders it for a run with these params."""
    task = dag.get_task(task_id)
    run_params = ParamsDict(dag.params)
    run_params.update(params or {})
    context = {
        "params": run_params.validate(),
        "var": {"value": VariableAccessor(deserialize_json=False)},
        "ds_nodash": "20261122",
    }
    return task.render_template(task.bash_command, context, jinja_env=dag.get_template_env())


def run_with_fake_spark_submit(command: str, tmp_path: Path) -> list[str]:
    """Runs a rendered command whose spark-submit prints its arguments, one per line."""
    fake = tmp_path / "spark-submit"
    fake.write_text('#!/usr/bin/env bash\nprintf "%s\\n" "$@"\n')
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    env = dict(os.environ, PATH=f"{tmp_path}:{os.environ['PATH']}")
    result = subprocess.run(
        ["bash", "-c", command], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.splitlines()


def test_the_dag_file_imports_without_errors(dagbag: DagBag):
    assert dagbag.import_errors == {}
    assert sorted(dagbag.dags) == ["bhxh_maintain", DAG_ID, "bhxh_publish"]


def test_one_task_runs_nightly(dag):
    assert dag.task_ids == ["nightly"]
    assert dag.get_task("nightly").task_type == "BashOperator"


def test_schedule_is_nightly_in_hanoi_time_without_catchup(dag):
    assert dag.timetable.summary == "30 1 * * *"
    assert dag.timezone.name == "Asia/Ho_Chi_Minh"
    assert dag.catchup is False


def test_runs_never_overlap_and_retry(dag):
    assert dag.max_active_runs == 1
    assert dag.max_active_tasks == 1
    task = dag.get_task("nightly")
    assert task.retries == 2
    assert task.retry_delay == timedelta(minutes=15)
    assert task.execution_timeout == timedelta(hours=6)
    assert task.depends_on_past is False


def test_the_default_command_line(dag, metastore_variables):
    assert render(dag) == (
        "spark-submit --master yarn --deploy-mode client --name bhxh-nightly-20261122"
        " --class vn.bhxh.pipeline.jobs.Main"
        " /opt/bhxh-pipeline/bhxh-jobs-0.1.0-SNAPSHOT-spark.jar"
        " --config /etc/bhxh/pipeline.conf"
        " nightly --landing hdfs:///bhxh/landing --warehouse hdfs:///bhxh/warehouse"
    )


def test_variables_override_defaults_and_params_override_variables(
    dag, metastore_variables, monkeypatch
):
    metastore_variables.set("bhxh_nightly_warehouse", "hdfs:///from/metastore")
    monkeypatch.setenv("AIRFLOW_VAR_BHXH_NIGHTLY_MASTER", "spark://10.0.0.1:7077")
    metastore_variables.set("bhxh_nightly_landing", "hdfs:///landing/variable")

    command = render(dag, {"landing": "hdfs:///landing/replay"})

    assert "--master spark://10.0.0.1:7077 " in command
    assert "--warehouse hdfs:///from/metastore" in command
    assert "--landing hdfs:///landing/replay " in command


def test_every_value_reaches_spark_submit_as_one_argument(dag, metastore_variables, tmp_path):
    # Spaces, quotes and shell metacharacters stay inside their argument, never run as shell.
    command = render(
        dag,
        {
            "spark_submit": "spark-submit",
            "master": "local[2]",
            "landing": "/data/landing zone/it's here",
            "warehouse": "/data/wh; touch /tmp/pwned",
        },
    )

    args = run_with_fake_spark_submit(command, tmp_path)

    assert args == [
        "--master",
        "local[2]",
        "--deploy-mode",
        "client",
        "--name",
        "bhxh-nightly-20261122",
        "--class",
        "vn.bhxh.pipeline.jobs.Main",
        "/opt/bhxh-pipeline/bhxh-jobs-0.1.0-SNAPSHOT-spark.jar",
        "--config",
        "/etc/bhxh/pipeline.conf",
        "nightly",
        "--landing",
        "/data/landing zone/it's here",
        "--warehouse",
        "/data/wh; touch /tmp/pwned",
    ]


def test_maintain_runs_weekly_after_the_night_without_overlap(dagbag: DagBag):
    maintain = dagbag.dags["bhxh_maintain"]
    assert maintain.task_ids == ["maintain"]
    assert maintain.timetable.summary == "30 4 * * 0"
    assert maintain.timezone.name == "Asia/Ho_Chi_Minh"
    assert maintain.catchup is False
    assert maintain.max_active_runs == 1
    assert maintain.get_task("maintain").retries == 2


def test_maintain_shares_the_nightly_settings_and_waits_for_its_lock(
    dagbag: DagBag, metastore_variables, tmp_path
):
    metastore_variables.set("bhxh_nightly_warehouse", "hdfs:///shared/warehouse")
    command = render(dagbag.dags["bhxh_maintain"], task_id="maintain")
    assert command == (
        "spark-submit --master yarn --deploy-mode client --name bhxh-maintain-20261122"
        " --class vn.bhxh.pipeline.jobs.Main"
        " /opt/bhxh-pipeline/bhxh-jobs-0.1.0-SNAPSHOT-spark.jar"
        " --config /etc/bhxh/pipeline.conf --conf pipeline.nightly.lock.wait-timeout=1h"
        " maintain --warehouse hdfs:///shared/warehouse"
    )
    assert run_with_fake_spark_submit(command, tmp_path)[-3:] == [
        "maintain",
        "--warehouse",
        "hdfs:///shared/warehouse",
    ]


def test_publish_is_triggered_by_hand_one_at_a_time_without_retries(dagbag: DagBag):
    publish = dagbag.dags["bhxh_publish"]
    assert publish.task_ids == ["publish"]
    assert publish.timetable.summary == "None"
    assert publish.max_active_runs == 1
    assert publish.get_task("publish").retries == 0


def test_publish_renders_the_month_and_only_the_options_given(
    dagbag: DagBag, metastore_variables, tmp_path
):
    metastore_variables.set("bhxh_nightly_warehouse", "hdfs:///shared/warehouse")
    publish = dagbag.dags["bhxh_publish"]
    command = render(publish, {"period": "2026-10"}, task_id="publish")
    assert command == (
        "spark-submit --master yarn --deploy-mode client --name bhxh-publish-2026-10"
        " --class vn.bhxh.pipeline.jobs.Main"
        " /opt/bhxh-pipeline/bhxh-jobs-0.1.0-SNAPSHOT-spark.jar"
        " --config /etc/bhxh/pipeline.conf --conf pipeline.nightly.lock.wait-timeout=1h"
        " publish --warehouse hdfs:///shared/warehouse --period 2026-10"
    )
    forced = render(
        publish,
        {"period": "2026-10", "note": "Conference of 5 Nov; $(rm -rf /)", "force": True},
        task_id="publish",
    )
    # The note reaches spark-submit as one argument, never as shell.
    assert run_with_fake_spark_submit(forced, tmp_path)[-8:] == [
        "publish",
        "--warehouse",
        "hdfs:///shared/warehouse",
        "--period",
        "2026-10",
        "--note",
        "Conference of 5 Nov; $(rm -rf /)",
        "--force",
    ]


def test_publish_refuses_a_month_that_is_not_yyyy_mm(dagbag: DagBag):
    publish = dagbag.dags["bhxh_publish"]
    run_params = ParamsDict(publish.params)
    with pytest.raises(ParamValidationError, match="'2026-13' does not match"):
        run_params.update({"period": "2026-13"})
