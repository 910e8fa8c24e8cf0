"""Keeps the notebooks in git free of outputs.

    python notebooks/strip_outputs.py          # strip outputs and execution counts in place
    python notebooks/strip_outputs.py --check  # exit 1 naming every notebook that has any

Outputs hold data from whichever warehouse the notebook last ran against; they never belong in
the repository. Run the strip before committing a notebook you executed in Jupyter.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent


def notebooks() -> list[Path]:
    return sorted(path for path in HERE.rglob("*.ipynb") if ".ipynb_checkpoints" not in path.parts
                  and ".venv" not in path.parts)


def dirty(notebook) -> bool:
    return any(
        cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
        for cell in notebook.cells
    )


def strip(notebook) -> None:
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)


def main() -> int:
    parser = argparse.ArgumentParser(description="Strip or check notebook outputs.")
    parser.add_argument("--check", action="store_true", help="only report notebooks with outputs")
    args = parser.parse_args()
    with_outputs = []
    for path in notebooks():
        notebook = nbformat.read(path, as_version=4)
        if not dirty(notebook):
            continue
        with_outputs.append(path)
        if not args.check:
            strip(notebook)
            nbformat.write(notebook, path)
            print(f"stripped {path.relative_to(HERE)}")
    if args.check and with_outputs:
        for path in with_outputs:
            print(f"{path.relative_to(HERE)} has outputs: run notebooks/strip_outputs.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
