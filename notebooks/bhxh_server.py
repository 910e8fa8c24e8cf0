"""A client of the pipeline's query server (``bin/pipeline serve``) with the part of SparkSession's
API the notebooks use: ``sql(text, args=...)``, ``table(name)``, ``.where(condition)``,
``.toPandas()`` and ``.first()``. With it a notebook needs no Spark of its own: the server has the
tables by name and answers in about a second.

    spark = ServerSession.connect("127.0.0.1:10000")      # or jdbc:hive2://127.0.0.1:10000/default
    spark.sql("SELECT count(*) AS n FROM indicators WHERE period = :p", args={"p": "2025-10"}).first()["n"]

The server is read-only (docs/serve.md): a statement that writes, a temporary view or a read of
files is refused there, and raises here. It speaks HiveServer2 (PyHive); credentials, when the
server asks for them, come from $BHXH_SERVER_USER and $BHXH_SERVER_PASSWORD.
"""

from __future__ import annotations

import getpass
import json
import os
import re
from datetime import date
from decimal import Decimal

USER_ENV = "BHXH_SERVER_USER"
PASSWORD_ENV = "BHXH_SERVER_PASSWORD"

_ADDRESS = re.compile(r"^(?:jdbc:hive2://)?(?P<host>\[[^\]]+\]|[^:/]+):(?P<port>\d+)(?:/.*)?$")
# A string literal (skipped whole, so a ':x' inside quotes is text) or a :name parameter.
_LITERAL_OR_PARAMETER = re.compile(r"'(?:[^'\\]|\\.)*'|(?<![\w:]):(?P<name>[A-Za-z_]\w*)")


def parse_address(address: str) -> tuple[str, int]:
    """``host:port`` or ``jdbc:hive2://host:port/db`` → (host, port); fails naming the value."""
    match = _ADDRESS.match(address.strip())
    if not match:
        raise ValueError(f"server {address!r} is not host:port or jdbc:hive2://host:port/database")
    return match.group("host").strip("[]"), int(match.group("port"))


def literal(value) -> str:
    """A Spark SQL literal for a parameter value (strings quoted, backslashes and quotes escaped)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float, Decimal)):
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value).replace("\\", "\\\\").replace("'", "\\'")
    return f"'{text}'"


def bind(text: str, args: dict | None) -> str:
    """Spark's named parameters (``:name``, as in ``spark.sql(text, args=...)``) replaced by
    literals, outside string literals; a parameter without a value fails naming it."""
    if not args:
        return text

    def replace(match):
        name = match.group("name")
        if name is None:
            return match.group(0)
        if name not in args:
            raise KeyError(f"parameter :{name} has no value in args")
        return literal(args[name])

    return _LITERAL_OR_PARAMETER.sub(replace, text)


class ServerSession:
    """The notebooks' view of a query server: SparkSession-like, results as pandas."""

    def __init__(self, connection, address: str):
        self._connection = connection
        self.address = address
        self.version = "server " + address

    @classmethod
    def connect(cls, address: str) -> "ServerSession":
        from pyhive import hive

        host, port = parse_address(address)
        password = os.environ.get(PASSWORD_ENV) or None
        connection = hive.connect(
            host=host,
            port=port,
            username=os.environ.get(USER_ENV) or getpass.getuser(),
            password=password,
            # Without a password: SASL PLAIN with any user, what a loopback server accepts.
            auth="CUSTOM" if password else "NONE",
            database="default",
        )
        return cls(connection, f"{host}:{port}")

    def sql(self, text: str, args: dict | None = None) -> "ServerResult":
        return ServerResult(self, bind(text, args))

    def table(self, name: str) -> "ServerResult":
        return ServerResult(self, f"SELECT * FROM `{name.replace('`', '``')}`")

    def tables(self) -> list[str]:
        """Names of the tables the server has registered, sorted."""
        frame = self.sql("SHOW TABLES").toPandas()
        return sorted(frame["tableName"])

    def fetch(self, text: str):
        import pandas as pd

        cursor = self._connection.cursor()
        try:
            cursor.execute(text)
            description = cursor.description
            columns = [column[0] for column in description]
            frame = pd.DataFrame.from_records(cursor.fetchall(), columns=columns)
        finally:
            cursor.close()
        # HiveServer2 sends dates, timestamps and nested values as text: type them as Spark's
        # toPandas does.
        for name, type_code, *_ in description:
            if type_code == "DATE_TYPE":
                frame[name] = [None if v is None else date.fromisoformat(v[:10]) for v in frame[name]]
            elif type_code == "TIMESTAMP_TYPE":
                frame[name] = pd.to_datetime(frame[name])
            elif type_code in ("ARRAY_TYPE", "MAP_TYPE", "STRUCT_TYPE"):  # sent as JSON text
                frame[name] = [None if v is None else json.loads(v) for v in frame[name]]
        return frame

    def close(self) -> None:
        self._connection.close()

    def __getattr__(self, name: str):
        # createDataFrame, catalog, read…: what a read-only server cannot do for a notebook.
        raise AttributeError(
            f"a query server session has no {name!r}: this notebook needs a local Spark session"
            " (unset $BHXH_SERVER)"
        )


class ServerResult:
    """A query not yet run: ``toPandas()`` runs it on the server."""

    def __init__(self, session: ServerSession, text: str):
        self._session = session
        self.text = text

    def where(self, condition: str) -> "ServerResult":
        return ServerResult(self._session, f"SELECT * FROM ({self.text}) AS q WHERE {condition}")

    def toPandas(self):  # noqa: N802 (SparkSession's name)
        return self._session.fetch(self.text)

    def first(self):
        frame = self.toPandas()
        return None if frame.empty else frame.iloc[0]
