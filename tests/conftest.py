"""Fixtures shared by the test modules."""

import pytest
from rdflib import Dataset

from kg.load import load_dataset


@pytest.fixture(scope="session")
def article_dataset() -> Dataset:
    """The project's graph as the ``kg`` command loads it: data, ontology and shapes.

    Loaded once per session; tests must not modify it.
    """
    return load_dataset()
