"""Benchmarks: load, every saved query, reasoning and validation, on each engine, at each size.

    python benchmarks/run.py --sizes 10k,100k --runs 3
    python benchmarks/run.py --sizes 1M --runs 3 --rdflib-max 100k

For each size the generator writes a graph (``benchmarks/generate.py``, seed 1) into the work
folder. Every measurement runs in a fresh Python process, so that its peak memory (the
process's maximum resident set, from ``getrusage``) is its own; a measurement is repeated
``--runs`` times within its process and the median is reported. The reference path is rdflib
(its parser and SPARQL engine), owlrl and a validation of the batch against the whole graph;
the fast path is Oxigraph (an in-memory store for the cold load, the persisted store for
queries), the fast reasoner and incremental validation. Above ``--rdflib-max`` triples the
rdflib queries and the whole-graph validation are skipped, above ``--owlrl-max`` owlrl is:
the table says so. The output is a Markdown table per size, for ``benchmarks/README.md``.
"""

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

REFERENCE, FAST = "reference", "fast"
# A saved query that takes longer than this on a graph is stopped and reported as such.
QUERY_TIME_LIMIT = 120


# --- measurements, each run in its own process ---


def timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def saved_queries(data: Path) -> list[tuple[str, str, dict]]:
    """Every saved query, with its parameters bound to a defector of the generated graph."""
    from kg.sparql import catalogue as q

    first = sorted((data).glob("source-*.ttl"))[0].read_text(encoding="utf-8")
    person = next(
        line.split()[1] for line in first.splitlines() if line.strip().startswith("nkd:subject")
    )
    person_iri = "https://w3id.org/nkdefectors/id/" + person.removeprefix("nk:")
    found = []
    for text in q.catalogue():
        parsed = q.parse(text)
        names = {p.name for p in q.parameters(text, parsed)}
        assignments = [f"person=<{person_iri}>"] if "person" in names else []
        found.append((text.name, text.text, q.bind(text, parsed, assignments)))
    return found


def worker(operation: str, data: Path, runs: int) -> dict:
    """One measurement: a list of times (or a dict of them, per query) in seconds."""
    from rdflib import Graph

    from kg.graph import store as store_cache
    from kg.graph.load import data_and_ontology, load_dataset, our_prefixes, read_assertions
    from kg.graph.terms import to_rdflib
    from kg.reasoning import fast_closure as fast_reason
    from kg.reasoning.consistency import asserted_triples
    from kg.reasoning.owlrl_closure import closure as owlrl_closure
    from kg.sparql.engine import OxigraphEngine, RdflibEngine
    from kg.validation.incremental import validate_incrementally
    from kg.validation.validate import validate

    batch = data.parent / "batch" / "new-facts.ttl"
    if operation == "load-rdflib":
        return {"times": timed(lambda: load_dataset(data), runs)}
    if operation == "load-oxigraph":
        import pyoxigraph as ox

        return {"times": timed(lambda: store_cache.load_files(ox.Store(), data), runs)}
    if operation == "store-build":
        target = store_cache.store_path(data)
        shutil.rmtree(target, ignore_errors=True)
        return {"times": timed(lambda: store_cache.build(data, target), 1)}
    if operation == "store-open":
        probe = "SELECT (COUNT(*) AS ?n) WHERE { ?p a nkd:Person }"

        def open_and_ask() -> None:
            OxigraphEngine(store_cache.open_store(data), our_prefixes()).query(probe)

        return {"times": timed(open_and_ask, runs)}
    if operation in ("queries-rdflib", "queries-oxigraph"):
        # Each query in a process of its own, stopped if it runs over the time limit.
        per_query: dict[str, list[float] | str] = {}
        for name, _, _ in saved_queries(data):
            command = [sys.executable, __file__, "--worker", f"{operation}:{name}"]
            command += ["--data", str(data), "--runs", str(runs)]
            try:
                finished = subprocess.run(
                    command, capture_output=True, text=True, timeout=QUERY_TIME_LIMIT * runs + 60
                )
            except subprocess.TimeoutExpired:
                per_query[name] = f"over {QUERY_TIME_LIMIT} s (stopped)"
                continue
            if finished.returncode != 0:
                raise SystemExit(f"{name} failed:\n{finished.stderr}")
            per_query[name] = json.loads(finished.stdout.strip().splitlines()[-1])["times"]
        return {"queries": per_query}
    if operation.startswith(("queries-rdflib:", "queries-oxigraph:")):
        operation, wanted = operation.split(":", 1)
        if operation == "queries-rdflib":
            engine = RdflibEngine(load_dataset(data))
        else:
            engine = OxigraphEngine(store_cache.open_store(data), our_prefixes())
        for name, text, bindings in saved_queries(data):
            if name == wanted:
                return {"times": timed(lambda t=text, b=bindings: list(engine.query(t, b)), runs)}
    if operation == "reason-owlrl":
        graph = data_and_ontology(load_dataset(data))
        sizes: list[int] = []

        def reason() -> None:
            sizes.append(len(owlrl_closure(Graph() + graph)))

        return {"times": timed(reason, runs), "inferred": sizes[-1]}
    if operation == "reason-fast":
        # As kg reason does it: the files parsed by Oxigraph, then the closure; so this time
        # includes reading the files, which owlrl's above does not.
        closures: list = []

        def reason_from_files() -> None:
            triples = asserted_triples(data)
            closures.append(fast_reason.closure_of(triples, "fast", convert=to_rdflib))

        return {"times": timed(reason_from_files, runs), "inferred": len(closures[-1].inferred)}
    if operation == "validate-whole":
        everything = [read_assertions(path) for path in sorted(data.glob("*.ttl"))]
        dataset = load_dataset(data)
        return {"times": timed(lambda: validate(dataset, everything), runs)}
    if operation == "validate-batch-full":
        dataset = load_dataset(data)
        assertions = [read_assertions(batch)]
        return {"times": timed(lambda: validate(dataset, assertions), runs)}
    if operation == "validate-batch-incremental":
        store_cache.open_store(data)
        assertions = [read_assertions(batch)]
        return {"times": timed(lambda: validate_incrementally(assertions, data), runs)}
    if operation in ("kg-query-rdflib", "kg-query-oxigraph"):
        engine_name = operation.rsplit("-", 1)[1]
        command = [str(Path(sys.executable).with_name("kg")), "--data", str(data), "query"]
        command += ["defections-by-diplomats", "--engine", engine_name]
        subprocess.run(command, check=True, capture_output=True)  # builds the store once

        def run_command() -> None:
            subprocess.run(command, check=True, capture_output=True)

        return {"times": timed(run_command, runs)}
    raise SystemExit(f"unknown operation {operation}")


def measure(operation: str, data: Path, runs: int) -> dict:
    """Run one measurement in a fresh process; add its peak memory in MiB."""
    command = [sys.executable, __file__, "--worker", operation, "--data", str(data)]
    command += ["--runs", str(runs)]
    finished = subprocess.run(command, capture_output=True, text=True)
    if finished.returncode != 0:
        raise SystemExit(f"{operation} on {data} failed:\n{finished.stderr}")
    return json.loads(finished.stdout.strip().splitlines()[-1])


# --- the table ---


def seconds(value: float | str | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if value >= 100:
        return f"{value:.0f} s"
    if value >= 1:
        return f"{value:.1f} s"
    if value >= 0.01:
        return f"{value:.2f} s"
    return f"{value * 1000:.1f} ms"


def ratio(reference: float | str | None, fast: float | str | None) -> str:
    if not isinstance(reference, float) or not isinstance(fast, float) or fast == 0:
        return "—"
    value = reference / fast
    if value >= 10:
        return f"{value:,.0f}×"
    return f"{value:.1f}×" if value >= 1 else f"{value:.2g}× (slower)"


def median(result: dict | None) -> float | str | None:
    """The median time, or why there is none."""
    if not result:
        return None
    if "skipped" in result:
        return result["skipped"]
    return statistics.median(result["times"])


def query_median(times: list[float] | str | None) -> float | str | None:
    return statistics.median(times) if isinstance(times, list) else times


def table(size_label: str, triples: int, results: dict, runs: int) -> str:
    # An operation not measured (a run restricted with --operations) shows as "—".
    r = defaultdict(dict, results)
    lines = [
        f"### {size_label}: {triples:,} triples of data (plus the ontology and the shapes)",
        "",
        f"Medians of {runs} runs. Reference: rdflib, owlrl, validation against the whole "
        "graph. Fast: Oxigraph, the fast reasoner, incremental validation.",
        "",
        "| operation | reference | fast | reference ÷ fast |",
        "|---|---|---|---|",
    ]

    def row(name: str, reference: float | None, fast: float | None, note: str = "") -> None:
        lines.append(
            f"| {name}{note} | {seconds(reference)} | {seconds(fast)} | {ratio(reference, fast)} |"
        )

    row("load, cold from data/ files", median(r["load-rdflib"]), median(r["load-oxigraph"]))
    row("load, from the persisted store", None, median(r["store-open"]), " (open + one query)")
    row("build the persisted store (once per change)", None, median(r["store-build"]))
    rdflib_queries = r["queries-rdflib"].get("queries", {})
    oxigraph_queries = r["queries-oxigraph"].get("queries", {})
    for name in sorted(rdflib_queries.keys() | oxigraph_queries.keys()):
        reference = rdflib_queries.get(name, r["queries-rdflib"].get("skipped"))
        row(f"query `{name}`", query_median(reference), query_median(oxigraph_queries.get(name)))
    inferred = r["reason-fast"].get("inferred")
    row(
        "OWL RL closure" + (f" (+{inferred:,} triples)" if inferred is not None else ""),
        median(r["reason-owlrl"]),
        median(r["reason-fast"]),
    )
    row("validate the whole graph (pySHACL)", median(r["validate-whole"]), None)
    row(
        "validate 100 new facts",
        median(r["validate-batch-full"]),
        median(r["validate-batch-incremental"]),
        " (against the whole graph ÷ its neighbourhood)",
    )
    peaks = {
        side: max(
            (r[op]["peak_mib"] for op in ops if "peak_mib" in r[op]),
            default=None,
        )
        for side, ops in (
            (REFERENCE, ("load-rdflib", "queries-rdflib", "reason-owlrl", "validate-batch-full")),
            (
                FAST,
                (
                    "load-oxigraph",
                    "store-build",
                    "queries-oxigraph",
                    "reason-fast",
                    "validate-batch-incremental",
                ),
            ),
        )
    }
    lines.append(
        f"| peak memory of a measuring process | {peaks[REFERENCE] or 0:,.0f} MiB | "
        f"{peaks[FAST] or 0:,.0f} MiB | |"
    )
    return "\n".join(lines) + "\n"


def article_table(runs: int) -> str:
    """``kg query`` as a user runs it, whole process, on the article graph, on each engine."""
    from kg.graph import paths

    data = paths.DEFAULT_DATA_DIR
    rdflib_time = median(measure("kg-query-rdflib", data, runs))
    oxigraph_time = median(measure("kg-query-oxigraph", data, runs))
    return "\n".join(
        [
            "### The article graph: `kg query defections-by-diplomats`, whole process",
            "",
            "| engine | rdflib | Oxigraph (persisted store) | rdflib ÷ Oxigraph |",
            "|---|---|---|---|",
            f"| wall time, median of {runs} | {seconds(rdflib_time)} | {seconds(oxigraph_time)} "
            f"| {ratio(rdflib_time, oxigraph_time)} |",
            "",
        ]
    )


def machine() -> str:
    cpu = "unknown processor"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import pyoxigraph
    import rdflib

    return (
        f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB memory, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, rdflib {rdflib.__version__}, "
        f"pyoxigraph {pyoxigraph.__version__}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k", help="comma-separated: 10k,100k,1M")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rdflib-max", type=generate.parse_size, default=generate.parse_size("1M"))
    parser.add_argument(
        "--owlrl-max", type=generate.parse_size, default=generate.parse_size("100k")
    )
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "kg-benchmarks"
    )
    parser.add_argument(
        "--operations",
        help="measure only these (comma-separated, e.g. validate-batch-incremental) and keep "
        "the other results of an earlier run in the same work folder",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        result = worker(args.worker, args.data, args.runs)
        result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return 0
    print(f"Machine: {machine()}\n")
    if not args.operations:
        print(article_table(args.runs))
    for label in args.sizes.split(","):
        size = generate.parse_size(label)
        out = args.workdir / f"{label}-seed{args.seed}"
        if (out / "counts.json").exists():
            counts = json.loads((out / "counts.json").read_text(encoding="utf-8"))
        else:
            counts = generate.generate(size, args.seed, out)
            (out / "counts.json").write_text(json.dumps(counts), encoding="utf-8")
        data = out / "data"
        # The quotations of the generated graph are checked against its own captures.
        os.environ["KG_SOURCES"] = str(out / "sources")
        # Results of an earlier run in the same work folder are kept (a run can be resumed);
        # --operations measures those operations again.
        saved = out / "results.json"
        results: dict[str, dict | None] = {}
        if saved.exists() and (out / "counts.json").exists():
            results = json.loads(saved.read_text(encoding="utf-8"))
        operations = [
            "load-rdflib",
            "load-oxigraph",
            "store-build",
            "store-open",
            "queries-oxigraph",
            "reason-fast",
            "validate-batch-incremental",
        ]
        if size <= args.rdflib_max:
            operations += ["queries-rdflib", "validate-whole", "validate-batch-full"]
        if size <= args.owlrl_max:
            operations.append("reason-owlrl")
        if args.operations:
            operations = [op for op in operations if op in args.operations.split(",")]
        else:
            operations = [op for op in operations if op not in results]
        for operation in operations:
            started = time.perf_counter()
            results[operation] = measure(operation, data, args.runs)
            saved.write_text(json.dumps(results, indent=1), encoding="utf-8")
            print(f"  {label} {operation}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
        if size > args.rdflib_max:
            for skipped in ("queries-rdflib", "validate-whole", "validate-batch-full"):
                results.setdefault(skipped, {"skipped": "skipped (over --rdflib-max)"})
        if size > args.owlrl_max:
            results.setdefault("reason-owlrl", {"skipped": "skipped (over --owlrl-max)"})
        print(table(label, counts["triples"], results, args.runs))
        saved.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
