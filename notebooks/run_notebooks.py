"""Executes the analyst notebooks against a warehouse, as CI does, and fails on any problem.

For each notebook (all ``NN_*.ipynb`` of this folder, or those named): inject the warehouse (and
any ``--param``) after the cell tagged ``parameters``, run it top to bottom in a kernel of this
Python (the notebooks' venv), write the executed copy to the output folder, and check that it

- raised no error in any cell,
- produced at least one chart (an ``image/png`` output),
- printed no matplotlib "Glyph … missing from font" warning (Vietnamese names must render).

    python notebooks/run_notebooks.py --warehouse DIR [--out DIR] [--param name=value ...] [NB ...]

Exit code 0 when every notebook passed, 1 otherwise (with one line per failure on stderr).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = Path(__file__).resolve().parent
KERNEL_NAME = "bhxh-notebooks"
PNG = "image/png"


def notebooks(names: list[str]) -> list[Path]:
    if not names:
        return sorted(HERE.glob("[0-9][0-9]_*.ipynb"))
    paths = []
    for name in names:
        # A bare name means the notebook of this folder, wherever the command runs from.
        path = Path(name) if Path(name).exists() else HERE / name
        if not path.is_file():
            raise SystemExit(f"run_notebooks: no notebook {name}")
        paths.append(path.resolve())
    return paths


def parse_params(pairs: list[str]) -> dict[str, object]:
    """``name=value``; the value is read as JSON when it parses (numbers, null, quoted strings),
    otherwise taken as a string: ``province=79`` is the string "79"."""
    params: dict[str, object] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.isidentifier():
            raise SystemExit(f"--param {pair!r}: expected name=value")
        try:
            parsed = json.loads(value)
            params[name] = value if isinstance(parsed, (int, float)) and name in STRING_PARAMS else parsed
        except json.JSONDecodeError:
            params[name] = value
    return params


# Province codes look like numbers but are strings ("01").
STRING_PARAMS = {"province", "drill_province"}


def inject(notebook, params: dict[str, object]) -> None:
    """Inserts a cell assigning ``params`` after the ``parameters`` cell (as papermill does)."""
    index = next(
        (i for i, cell in enumerate(notebook.cells) if "parameters" in cell.metadata.get("tags", [])),
        None,
    )
    if index is None:
        raise ValueError("no cell tagged 'parameters'")
    source = "# Injected by run_notebooks.py\n" + "".join(
        f"{name} = {value!r}\n" for name, value in params.items()
    )
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = ["injected-parameters"]
    notebook.cells.insert(index + 1, cell)


def problems(notebook) -> list[str]:
    """What is wrong with an executed notebook (errors are raised earlier by nbclient)."""
    found = []
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    if not any(PNG in output.get("data", {}) for output in outputs):
        found.append("no chart: no image/png output")
    for output in outputs:
        text = output.get("text", "") if output.get("output_type") == "stream" else ""
        if "missing from" in text and "Glyph" in text:
            found.append("a glyph is missing from the chart font: " + text.strip().splitlines()[0])
        if output.get("output_type") == "error":
            found.append(f"{output.get('ename')}: {output.get('evalue')}")
    return found


def kernel_spec_dir() -> Path:
    """A kernelspec running this very Python, so the kernel has the venv's packages whatever
    other kernels the machine has installed."""
    root = Path(tempfile.mkdtemp(prefix="bhxh-kernels-"))
    spec = root / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "BHXH notebooks (venv)",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    return root


def _last_line(error: Exception) -> str:
    # IPython colours its tracebacks; the line goes to a CI log.
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(error)).strip()
    return text.splitlines()[-1] if text else repr(error)


def main() -> int:
    parser = argparse.ArgumentParser(description="Execute the analyst notebooks; fail on any error.")
    parser.add_argument("--warehouse", required=True, help="root of the Delta tables")
    parser.add_argument("--out", help="folder for the executed copies (default: a new temp folder)")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="override a parameter of every notebook (repeatable)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds allowed per cell")
    parser.add_argument("--master", default="local[2]", help="Spark master of the kernels")
    parser.add_argument("notebook", nargs="*", help="notebooks to run (default: all NN_*.ipynb)")
    args = parser.parse_args()

    warehouse = Path(args.warehouse).resolve()
    if not warehouse.is_dir():
        print(f"run_notebooks: warehouse {warehouse} does not exist", file=sys.stderr)
        return 1
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="bhxh-notebooks-"))
    out.mkdir(parents=True, exist_ok=True)
    params = {"warehouse": str(warehouse), **parse_params(args.param)}

    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        filter(None, [str(kernel_spec_dir()), os.environ.get("JUPYTER_PATH")])
    )
    os.environ["BHXH_SPARK_MASTER"] = args.master
    if KERNEL_NAME not in KernelSpecManager().find_kernel_specs():
        print("run_notebooks: could not register the kernel", file=sys.stderr)
        return 1

    failures = []
    for path in notebooks(args.notebook):
        notebook = nbformat.read(path, as_version=4)
        inject(notebook, params)
        started = time.monotonic()
        client = NotebookClient(
            notebook,
            kernel_name=KERNEL_NAME,
            timeout=args.timeout,
            resources={"metadata": {"path": str(path.parent)}},
        )
        try:
            client.execute()
            found = problems(notebook)
        except CellExecutionError as error:
            found = [_last_line(error)]
        except Exception as error:  # a dead kernel or a timeout: report it like a cell error
            found = [f"{type(error).__name__}: {_last_line(error)}"]
        finally:
            executed = out / path.name
            nbformat.write(notebook, executed)
        elapsed = time.monotonic() - started
        images = sum(
            PNG in output.get("data", {})
            for cell in notebook.cells
            if cell.cell_type == "code"
            for output in cell.outputs
        )
        status = "FAILED" if found else "ok"
        print(f"{path.name}: {status} in {elapsed:.0f} s, {images} charts -> {executed}")
        failures += [f"{path.name}: {problem}" for problem in found]

    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
