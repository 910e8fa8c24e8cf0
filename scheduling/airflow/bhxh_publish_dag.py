"""Airflow DAG: the BHXH pipeline's `publish` command, triggered by hand (docs/publication.md).

Publishing a month is a decision, not a schedule: once the nightly has loaded the month and the
validation findings have been checked (report_data_quality, validation_results, the bulletin's
"Data checks"), an operator triggers this DAG with the month, and optionally a note and `force`.
`publish` freezes the month's indicators as its next vintage (indicators_published, with a
publications row) under the warehouse lock that nightly and maintain take; then the bulletin is
announced, and `report --as-published` reproduces it at any time later.

Params: `period` (YYYY-MM, required), `note` (one line, optional), `force` (publish even with
incomplete data or validation errors; the reasons are recorded). The other settings are those of
bhxh_nightly (run params, then Variables `bhxh_nightly_<setting>`, then the defaults below).

No retries: a refused publish (exit 1, the reason on stderr: the month is incomplete or has
validation errors) would be refused again; a busy lock (exit 75, a nightly running) waits up to an
hour (pipeline.nightly.lock.wait-timeout) before giving up, and the operator triggers it again.
"""

from __future__ import annotations

import shlex
from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.models.param import Param
from airflow.operators.bash import BashOperator

DAG_ID = "bhxh_publish"
TIMEZONE = "Asia/Ho_Chi_Minh"
MAIN_CLASS = "vn.bhxh.pipeline.jobs.Main"
LOCK_WAIT = "pipeline.nightly.lock.wait-timeout=1h"
PERIOD_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"

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


PUBLISH_COMMAND = " ".join(
    [
        setting("spark_submit"),
        "--master",
        setting("master"),
        "--deploy-mode",
        setting("deploy_mode"),
        "--name",
        "bhxh-publish-{{ params.period }}",
        "--class",
        MAIN_CLASS,
        setting("jobs_jar"),
        "--config",
        setting("config_file"),
        "--conf",
        LOCK_WAIT,
        "publish",
        "--warehouse",
        setting("warehouse"),
        "--period",
        "{{ params.period | shell_quote }}",
    ]
) + (
    "{% if params.note %} --note {{ params.note | shell_quote }}{% endif %}"
    "{% if params.force %} --force{% endif %}"
)

with DAG(
    dag_id=DAG_ID,
    description="Freeze a month's indicators as its next published vintage (triggered by hand).",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz=TIMEZONE),
    catchup=False,
    max_active_runs=1,
    max_active_tasks=1,
    dagrun_timeout=timedelta(hours=3),
    params={
        "period": Param(
            "2026-01",
            type="string",
            pattern=PERIOD_PATTERN,
            description="The month to publish, YYYY-MM.",
        ),
        "note": Param("", type="string", description="One line recorded with the publication."),
        "force": Param(
            False,
            type="boolean",
            description="Publish even with incomplete data or validation errors.",
        ),
        **{
            name: Param("", type="string", description=f"default: {default}")
            for name, default in SETTINGS.items()
        },
    },
    user_defined_filters={"shell_quote": shlex.quote},
    default_args={
        "owner": "bhxh-data-engineering",
        "depends_on_past": False,
        "retries": 0,
        "execution_timeout": timedelta(hours=2),
    },
    tags=["bhxh", "publish"],
    doc_md=__doc__,
) as dag:
    BashOperator(task_id="publish", bash_command=PUBLISH_COMMAND)
