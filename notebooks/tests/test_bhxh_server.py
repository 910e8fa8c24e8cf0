"""bhxh_server: notebooks on a query server (bin/pipeline serve) see what a local session sees."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import threading
import time
from pathlib import Path

import pandas
import pytest

import bhxh_server
import bhxh_tables

REPO = Path(__file__).resolve().parent.parent.parent
START_SECONDS = 600  # a first bin/pipeline run builds the jobs jar


def test_bind_replaces_named_parameters_outside_string_literals():
    text = "SELECT ':b' AS s, x FROM t WHERE b = :b AND n > :n AND c = :c"
    assert bhxh_server.bind(text, {"b": "it's", "n": 3, "c": None}) == (
        "SELECT ':b' AS s, x FROM t WHERE b = 'it\\'s' AND n > 3 AND c = NULL"
    )
    with pytest.raises(KeyError, match=":n"):
        bhxh_server.bind("SELECT :n", {"b": 1})
    assert bhxh_server.bind("SELECT 1", None) == "SELECT 1"


@pytest.mark.parametrize(
    "address, expected",
    [
        ("127.0.0.1:10000", ("127.0.0.1", 10000)),
        ("jdbc:hive2://bhxh-sql.example.vn:10001/default", ("bhxh-sql.example.vn", 10001)),
        ("jdbc:hive2://[::1]:10000/default", ("::1", 10000)),
    ],
)
def test_parse_address(address, expected):
    assert bhxh_server.parse_address(address) == expected


def test_a_bad_address_names_the_value():
    with pytest.raises(ValueError, match="'localhost'"):
        bhxh_server.parse_address("localhost")


@pytest.fixture(scope="module")
def server(warehouse, tmp_path_factory):
    """bin/pipeline serve on the warehouse under test, on a free loopback port."""
    env = dict(os.environ, PIPELINE_JAVA_OPTS="-Xmx1g")
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    process = subprocess.Popen(
        [str(REPO / "bin" / "pipeline"), "serve", "--warehouse", warehouse, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=log.open("w"),
        text=True,
        env=env,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    deadline = time.monotonic() + START_SECONDS
    url = None
    while url is None and time.monotonic() < deadline and process.poll() is None:
        try:
            line = lines.get(timeout=max(0.1, min(5.0, deadline - time.monotonic())))
        except queue.Empty:
            continue
        if line.startswith("jdbc:hive2://"):
            url = line.strip()
    try:
        assert url, f"serve printed no JDBC URL (exit code {process.poll()}): {log.read_text()[-2000:]}"
        client = bhxh_server.ServerSession.connect(url)
        yield client
        client.close()
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=120)


def test_a_notebook_query_on_the_server_equals_the_local_one(server, spark, warehouse):
    # The local views go again at the end: the session is shared with tests that count on which
    # tables are registered (test_bhxh_tables).
    names = bhxh_tables.register_all(spark, warehouse)
    try:
        assert bhxh_tables.register_all(server, warehouse) == bhxh_tables.tables(spark, warehouse)
        bhxh_tables.require(server, "indicators", "geography")
        query = (
            "SELECT period, geo_code, indicator, value FROM indicators WHERE boundary = :b"
            " AND geo_level = 'province' ORDER BY period, geo_code, indicator"
        )
        remote = server.sql(query, args={"b": "current"}).toPandas()
        local = spark.sql(query, args={"b": "current"}).toPandas()
        assert len(remote) > 0
        pandas.testing.assert_frame_equal(remote, local)  # NaN (SQL NULL) equals NaN here
        latest = "SELECT max(period) AS p FROM indicators"
        assert server.sql(latest).first()["p"] == spark.sql(latest).first()["p"]
    finally:
        for name in names:
            spark.catalog.dropTempView(name)


def test_the_server_refuses_a_write(server):
    before = server.sql("SELECT count(*) AS n FROM indicators").first()["n"]
    with pytest.raises(Exception, match="refused"):
        server.sql("DELETE FROM indicators WHERE 1 = 1").toPandas()
    assert server.sql("SELECT count(*) AS n FROM indicators").first()["n"] == before > 0
