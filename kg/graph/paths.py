"""Where the ontology, shapes, saved queries and data live.

The ontology, shapes and queries ship with the project. The data folder defaults to the
project's own ``data/`` and is overridden by ``kg --data DIR`` or the ``KG_DATA`` variable,
so that a team can keep its own graph beside ours with the same ontology and queries. The
text captures that quotations are checked against are part of the graph's provenance and live
in the project's ``sources/``, or where ``KG_SOURCES`` says.
"""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# A checkout (or an editable install) has the folders beside the package; an installed
# package carries copies of them in kg/_resources (see pyproject.toml).
PROJECT_ROOT = (
    PACKAGE_DIR.parent
    if (PACKAGE_DIR.parent / "ontology" / "nkd.ttl").is_file()
    else PACKAGE_DIR / "_resources"
)
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
QUERIES_DIR = PROJECT_ROOT / "queries"
QA_DIR = ONTOLOGY_DIR / "qa"
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"
SOURCES_DIR = PROJECT_ROOT / "sources"
SOURCES_VARIABLE = "KG_SOURCES"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data folder: an explicit override, else ``KG_DATA``, else the project's ``data/``."""
    if override:
        return Path(override)
    if os.environ.get("KG_DATA"):
        return Path(os.environ["KG_DATA"])
    return DEFAULT_DATA_DIR


def sources_dir() -> Path:
    """The folder of the sources' text captures: ``KG_SOURCES``, else the project's ``sources/``."""
    return Path(os.environ.get(SOURCES_VARIABLE) or SOURCES_DIR)


def ontology_files() -> list[Path]:
    """The ontology's Turtle files (terms, controlled lists, roles), without the shapes."""
    return sorted(p for p in ONTOLOGY_DIR.glob("*.ttl") if p != SHAPES_FILE)
