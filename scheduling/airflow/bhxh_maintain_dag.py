"""Airflow DAG: the BHXH pipeline's `maintain` command, weekly (docs/maintain.md).

`maintain` compacts the small files every nightly adds (OPTIMIZE per period partition), vacuums the
files that no version of the last 7 days needs and checkpoints the Delta logs; it prints a line per
table and logs a `runs` row. Like bhxh_nightly, one BashOperator running `spark-submit` with the
shaded jobs jar. Settings are those of bhxh_nightly (Variables `bhxh_nightly_<setting>`, run params,
then the defaults), so both DAGs point at the same warehouse.

Overlap: maintain takes the warehouse lock that nightly takes. Scheduled on Sunday mornings after
the night's run; if a nightly still holds the lock, maintain waits up to an hour
(pipeline.nightly.lock.wait-timeout) and then exits 75, and Airflow retries it later.
"""

from __future__ import annotations

import shlex
from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.models.param import Param
from airflow.operators.bash import BashOperator

DAG_ID = "bhxh_maintain"
TIMEZONE = "Asia/Ho_Chi_Minh"
# 04:30 on Sundays in Hanoi: three hours after the nightly (01:30), before the working week.
SCHEDULE = "30 4 * * 0"
MAIN_CLASS = "vn.bhxh.pipeline.jobs.Main"
LOCK_WAIT = "pipeline.nightly.lock.wait-timeout=1h"

SETTINGS = {
    "spark_submit": "spark-submit",
    "master": "yarn",
    "deploy_mode": "client",
    "jobs_jar": "/opt/bhxh-pipeline/bhxh-jobs-0.1.0-SNAPSHOT-spark.jar",
    "config_file": "/etc/bhxh/pipeline.conf",
    "warehouse": "hdfs:///bhxh/warehouse",
}


def setting(name: str) -> str:
    """Jinja for one setting: the run's param if given, else bhxh_nightly's Variable, else the
    default, shell-quoted."""
    return (
        "{{ (params.%s or var.value.get('bhxh_nightly_%s', %r)) | shell_quote }}"
        % (name, name, SETTINGS[name])
    )


MAINTAIN_COMMAND = " ".join(
    [
        setting("spark_submit"),
        "--master",
        setting("master"),
        "--deploy-mode",
        setting("deploy_mode"),
        "--name",
        "bhxh-maintain-{{ ds_nodash }}",
        "--class",
        MAIN_CLASS,
        setting("jobs_jar"),
        "--config",
        setting("config_file"),
        "--conf",
        LOCK_WAIT,
        "maintain",
        "--warehouse",
        setting("warehouse"),
    ]
)

with DAG(
    dag_id=DAG_ID,
    description="Compact, vacuum and checkpoint the warehouse's tables.",
    schedule=SCHEDULE,
    start_date=pendulum.datetime(2026, 1, 1, tz=TIMEZONE),
    # A missed week needs no backfill: the next run does everything.
    catchup=False,
    max_active_runs=1,
    max_active_tasks=1,
    dagrun_timeout=timedelta(hours=8),
    params={
        name: Param("", type="string", description=f"default: {default}")
        for name, default in SETTINGS.items()
    },
    user_defined_filters={"shell_quote": shlex.quote},
    default_args={
        "owner": "bhxh-data-engineering",
        "depends_on_past": False,
        # A nightly that ran long (exit 75 after the wait) or a lost executor: try again later.
        "retries": 2,
        "retry_delay": timedelta(hours=1),
        "execution_timeout": timedelta(hours=5),
    },
    tags=["bhxh", "maintain"],
    doc_md=__doc__,
) as dag:
    BashOperator(task_id="maintain", bash_command=MAINTAIN_COMMAND)
