"""The notebooks as stored in git: no outputs, an explanation first, a tagged parameters cell;
and the runner's parameter injection."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

import run_notebooks
import strip_outputs

NOTEBOOKS = sorted(Path(run_notebooks.HERE).glob("[0-9][0-9]_*.ipynb"))
EXPECTED = [
    "01_national_overview.ipynb",
    "02_province_scorecard.ipynb",
    "03_regional_comparison.ipynb",
    "04_data_quality.ipynb",
]


def test_the_four_notebooks_are_there():
    assert [path.name for path in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert not strip_outputs.dirty(notebook), f"{path.name} has outputs: run strip_outputs.py"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_starts_with_an_explanation_then_parameters(path):
    cells = nbformat.read(path, as_version=4).cells
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# ")
    assert cells[1].cell_type == "code" and "parameters" in cells[1].metadata.get("tags", [])
    assert "warehouse = os.environ.get(\"BHXH_WAREHOUSE\"" in cells[1].source


def test_strip_removes_outputs_and_counts():
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1 + 1")
    cell.execution_count = 1
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
    notebook.cells.append(cell)
    assert strip_outputs.dirty(notebook)
    strip_outputs.strip(notebook)
    assert not strip_outputs.dirty(notebook)
    assert notebook.cells[0].source == "1 + 1"


def test_injected_parameters_follow_the_parameters_cell():
    notebook = nbformat.read(NOTEBOOKS[1], as_version=4)
    params = {"warehouse": "/w", **run_notebooks.parse_params(["province=01", "period=\"2025-07\""])}
    run_notebooks.inject(notebook, params)
    injected = notebook.cells[2]
    assert injected.metadata["tags"] == ["injected-parameters"]
    assert "warehouse = '/w'\nprovince = '01'\nperiod = '2025-07'\n" in injected.source
    namespace: dict = {}
    exec(notebook.cells[1].source + "\n" + injected.source, namespace)  # later cell wins
    assert (namespace["warehouse"], namespace["province"], namespace["period"]) == ("/w", "01", "2025-07")


def test_problems_requires_a_chart_and_reports_missing_glyphs():
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("plot()")
    cell.outputs = [nbformat.v4.new_output("stream", name="stderr",
                                           text="UserWarning: Glyph 7897 (\\N{...}) missing from font(s) X.\n")]
    notebook.cells.append(cell)
    found = run_notebooks.problems(notebook)
    assert any("no chart" in problem for problem in found)
    assert any("glyph" in problem for problem in found)
    cell.outputs = [nbformat.v4.new_output("display_data", {"image/png": "iVBORw0KGgo="})]
    assert run_notebooks.problems(notebook) == []


def test_a_bare_notebook_name_means_the_notebook_of_this_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_notebooks.notebooks(["02_province_scorecard.ipynb"]) == [NOTEBOOKS[1].resolve()]
    with pytest.raises(SystemExit, match="no notebook 05_missing.ipynb"):
        run_notebooks.notebooks(["05_missing.ipynb"])
