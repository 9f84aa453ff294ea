"""Progress bars for long work (building the store, reasoning, pushing, exporting a big graph),
on stderr and only for a person watching it: when stderr is a terminal and not under CI.
Piped, redirected or in CI, a command prints exactly what it prints without them."""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

import click


class Bar(Protocol):
    def update(self, steps: int) -> None:
        """Advance by ``steps``."""


class _Unseen:
    def update(self, steps: int) -> None:
        pass


def watched() -> bool:
    """Whether a person watches stderr: a terminal, and not a CI run (which sets ``CI``)."""
    return sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def progress_bar(length: int, label: str) -> Iterator[Bar]:
    """A bar of ``length`` steps labelled ``label`` on stderr, or, when nobody watches, one
    that shows nothing."""
    if not watched():
        yield _Unseen()
        return
    with click.progressbar(length=length, label=label, file=sys.stderr, show_eta=True) as bar:
        yield bar
