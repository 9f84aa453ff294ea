"""An installed (non-editable) package finds the ontology, the saved queries, the article's
graph in the copies it carries, as pyproject.toml maps them into kg/_resources."""

import fnmatch
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from kg.graph import paths

ROOT = paths.PACKAGE_DIR.parent
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]


def test_every_file_the_package_reads_is_carried_by_an_installed_package():
    """Each mapped folder's files all match its package-data patterns, so a new kind of file
    cannot be left out of the wheel unnoticed."""
    folders = {"ontology", "ontology/qa", "queries", "data", "sources"}
    mapped = {folder: package for package, folder in SETUPTOOLS["package-dir"].items()}
    assert set(mapped) == folders
    assert set(mapped.values()) <= set(SETUPTOOLS["packages"])
    for folder, package in mapped.items():
        patterns = SETUPTOOLS["package-data"][package]
        # Hidden files (data/.kg.lock, an editor's swap file) are no part of the graph.
        files = [
            p.name for p in (ROOT / folder).iterdir() if p.is_file() and not p.name.startswith(".")
        ]
        assert files, folder
        left_out = [f for f in files if not any(fnmatch.fnmatch(f, p) for p in patterns)]
        assert left_out == [], folder


def test_the_tuned_queries_are_package_data_of_the_engines():
    patterns = SETUPTOOLS["package-data"]["kg.sparql"]
    tuned = [f"tuned/{p.name}" for p in (paths.PACKAGE_DIR / "sparql" / "tuned").iterdir()]
    assert tuned
    assert [f for f in tuned if not any(fnmatch.fnmatch(f, p) for p in patterns)] == []


def test_an_installed_package_answers_a_saved_query_from_its_own_copies(tmp_path):
    site = tmp_path / "site-packages"
    shutil.copytree(paths.PACKAGE_DIR, site / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    for package, folder in SETUPTOOLS["package-dir"].items():
        target = site / Path(*package.split("."))
        target.mkdir(parents=True, exist_ok=True)
        for path in (ROOT / folder).iterdir():
            if path.is_file() and not path.name.startswith("."):
                shutil.copy(path, target / path.name)
    environment = {**os.environ, "PYTHONPATH": str(site)}
    environment.pop("KG_DATA", None)
    command = [sys.executable, "-m", "kg", "query", "defections-by-diplomats", "--format", "csv"]
    installed = subprocess.run(
        command, cwd=tmp_path, env=environment, capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stderr
    checkout = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert installed.stdout == checkout.stdout
    assert "Thae Yong-ho" in installed.stdout
    # The store was built from the copies, beside the installed data folder.
    assert (site / "kg" / "_resources" / ".kg-cache").is_dir()
