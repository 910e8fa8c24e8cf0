"""Airflow DAG: the BHXH pipeline's `nightly` command, once a night, one run at a time.

`nightly` loads what is new or changed in the landing zone and recomputes exactly what depends on
it (docs/nightly.md). This DAG only schedules it: one BashOperator running `spark-submit` with the
shaded jobs jar, so the workers need a Spark 3.5 client and nothing from this repository.

Settings, highest first:
  1. the run's params (Trigger DAG w/ config), e.g. {"landing": "hdfs:///bhxh/landing-replay"};
  2. Airflow Variables named `bhxh_nightly_<setting>`, e.g. `bhxh_nightly_warehouse`;
  3. the defaults in SETTINGS below.
They are read when the task runs (Jinja templates), never while the scheduler parses this file.
Secrets (the HMAC key) do not belong here: the pipeline reads its key from the configuration file
or the environment of the worker.

Overlap: max_active_runs=1 keeps Airflow from starting a second run; nightly's own warehouse lock
(pipeline.nightly.lock) covers manual runs and other schedulers. A run that finds the lock taken
exits non-zero with a one-line message naming the holder, and Airflow retries it later.
"""

from __future__ import annotations

import shlex
from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.models.param import Param
from airflow.operators.bash import BashOperator

DAG_ID = "bhxh_nightly"
TIMEZONE = "Asia/Ho_Chi_Minh"
# 01:30 in Hanoi: province offices upload during the working day; the cluster is quiet at night.
SCHEDULE = "30 1 * * *"
MAIN_CLASS = "vn.bhxh.pipeline.jobs.Main"

# Every setting, with its default. Override with a Variable `bhxh_nightly_<name>` or a run param.
SETTINGS = {
    "spark_submit": "spark-submit",
    "master": "yarn",
    "deploy_mode": "client",
    "jobs_jar": "/opt/bhxh-pipeline/bhxh-jobs-0.1.0-SNAPSHOT-spark.jar",
    "config_file": "/etc/bhxh/pipeline.conf",
    "landing": "hdfs:///bhxh/landing",
    "warehouse": "hdfs:///bhxh/warehouse",
}


def setting(name: str) -> str:
    """Jinja for one setting: the run's param if given, else the Variable, else the default,
    shell-quoted."""
    return (
        "{{ (params.%s or var.value.get('bhxh_nightly_%s', %r)) | shell_quote }}"
        % (name, name, SETTINGS[name])
    )


NIGHTLY_COMMAND = " ".join(
    [
        setting("spark_submit"),
        "--master",
        setting("master"),
        "--deploy-mode",
        setting("deploy_mode"),
        "--name",
        "bhxh-nightly-{{ ds_nodash }}",
        "--class",
        MAIN_CLASS,
        setting("jobs_jar"),
        "--config",
        setting("config_file"),
        "nightly",
        "--landing",
        setting("landing"),
        "--warehouse",
        setting("warehouse"),
    ]
)

with DAG(
    dag_id=DAG_ID,
    description="Load new or changed landing files and recompute what depends on them.",
    schedule=SCHEDULE,
    start_date=pendulum.datetime(2026, 1, 1, tz=TIMEZONE),
    # Each night's run covers everything not yet loaded, so missed nights need no backfill.
    catchup=False,
    max_active_runs=1,
    max_active_tasks=1,
    dagrun_timeout=timedelta(hours=8),
    # Empty params mean "use the Variable or the default"; a manual run may override any of them.
    params={
        name: Param("", type="string", description=f"default: {default}")
        for name, default in SETTINGS.items()
    },
    user_defined_filters={"shell_quote": shlex.quote},
    default_args={
        "owner": "bhxh-data-engineering",
        "depends_on_past": False,
        # A lost executor, a busy lock or a flaky HDFS read: a killed nightly is simply run again.
        "retries": 2,
        "retry_delay": timedelta(minutes=15),
        "execution_timeout": timedelta(hours=6),
    },
    tags=["bhxh", "nightly"],
    doc_md=__doc__,
) as dag:
    BashOperator(
        task_id="nightly",
        bash_command=NIGHTLY_COMMAND,
        # Exit codes of the pipeline: 0 done, 1 failed, 2 bad configuration. All but 0 fail the
        # task; retrying a bad configuration is harmless and gives an operator time to fix it.
    )
