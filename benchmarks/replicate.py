"""The article's graph replicated to a benchmark size: real data's shape, at scale.

Each copy is the article's graph with every IRI of its own (``nk:`` nodes and ``graph:`` names)
and every blank node renamed for that copy, so the copies share only the vocabularies, as
separate sources about separate people would; each copy is a file of the data folder, and so a
named graph. 548 copies of the article's 1,824 triples make a million.

    python benchmarks/replicate.py --size 1M --out /tmp/kg-article-1M
    kg --data /tmp/kg-article-1M/data query defections-by-diplomats
"""

import argparse
import sys
from pathlib import Path

import pyoxigraph as ox
from generate import parse_size

from kg.graph import iris, paths
from kg.progress import progress_bar

ARTICLE = paths.DEFAULT_DATA_DIR / "kei-peninsula-2024-09-03.ttl"
# The IRIs that belong to the article, renamed in each copy; every other IRI is vocabulary.
OWN_NAMESPACES = (iris.PREFIXES["nk"], iris.GRAPH)


def article_triples() -> list[ox.Triple]:
    return [
        quad.triple
        for quad in ox.parse(
            path=str(ARTICLE), format=ox.RdfFormat.TURTLE, base_iri=ARTICLE.as_uri()
        )
    ]


def renamed(term, suffix: str):
    if isinstance(term, ox.NamedNode) and term.value.startswith(OWN_NAMESPACES):
        return ox.NamedNode(term.value + suffix)
    if isinstance(term, ox.BlankNode):
        return ox.BlankNode(term.value + suffix.replace("-", "_"))
    return term


def copy_name(number: int) -> str:
    """A copy's file stem, which is also its graph's name."""
    return f"{ARTICLE.stem}-copy{number:04d}"


def person_in_first_copy(local_name: str) -> str:
    """The IRI that a person of the article has in the first copy."""
    return iris.PREFIXES["nk"] + local_name + copy_suffix(1)


def copy_suffix(number: int) -> str:
    return f"-copy{number:04d}"


def replicate(size: int, out: Path) -> dict[str, int]:
    """Write ``out/data/`` with as many copies as make ``size`` triples; return counts."""
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    for stale in data.glob("*.nt"):
        stale.unlink()
    triples = article_triples()
    copies = max(1, round(size / len(triples)))
    with progress_bar(copies, "replicating the article") as bar:
        for number in range(1, copies + 1):
            suffix = copy_suffix(number)
            copy = [
                ox.Triple(renamed(t.subject, suffix), t.predicate, renamed(t.object, suffix))
                for t in triples
            ]
            ox.serialize(copy, str(data / f"{copy_name(number)}.nt"), ox.RdfFormat.N_TRIPLES)
            bar.update(1)
    return {"triples": copies * len(triples), "copies": copies}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, required=True, help="triples: 100k, 1M")
    parser.add_argument("--out", type=Path, required=True, help="folder for data/")
    args = parser.parse_args(argv)
    counts = replicate(args.size, args.out)
    print(
        f"{args.out / 'data'}: {counts['triples']} triples in {counts['copies']} copies",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
