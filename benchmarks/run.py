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
import replicate  # noqa: E402

REFERENCE, FAST = "reference", "fast"
# A saved query that takes longer than this on a graph is stopped and reported as such.
QUERY_TIME_LIMIT = 120
# What `kg query` may add to Oxigraph's own time for a saved query, whole process (issue 14).
KG_OVERHEAD_LIMIT = 0.35


# --- measurements, each run in its own process ---


def timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def cpu_timed(action: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Wall times and CPU times (user and system, this process's and its children's): on a
    machine shared with other work the wall time includes waiting for a core, the CPU time
    does not."""
    walls, cpus = [], []
    for _ in range(runs):
        before = cpu_seconds()
        start = time.perf_counter()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(cpu_seconds() - before)
    return walls, cpus


def cpu_seconds() -> float:
    mine = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime


def person_of(data: Path) -> str | None:
    """A defector of the graph to bind the ``person`` parameter to: the first generated one, the
    article's own (its default) in the first copy of a replicated article, or none (the
    article itself, where the default applies)."""
    generated = sorted(data.glob("source-*.ttl"))
    if generated:
        first = generated[0].read_text(encoding="utf-8")
        person = next(
            line.split()[1] for line in first.splitlines() if line.strip().startswith("nkd:subject")
        )
        return "https://w3id.org/nkdefectors/id/" + person.removeprefix("nk:")
    if any(data.glob(f"*{replicate.copy_suffix(1)}.nt")):
        return replicate.person_in_first_copy("ri-il-kyu")
    return None


def saved_queries(data: Path, as_written: bool = False) -> list[tuple[str, str, dict]]:
    """Every saved query, with its parameters bound to a defector of the graph: the text kg
    query runs (a tuned copy where there is one), or with ``as_written`` the text of the
    catalogue."""
    from kg.sparql import catalogue as q
    from kg.sparql.engine import tuned_or_saved

    person_iri = person_of(data)
    found = []
    for text in q.catalogue():
        names = {p.name for p in q.parameters(text)}
        assignments = [f"person=<{person_iri}>"] if "person" in names and person_iri else []
        run = text if as_written else tuned_or_saved(text)
        found.append((text.name, run.text, q.bind(text, assignments)))
    return found


def worker(operation: str, data: Path, runs: int, as_written: bool = False) -> dict:
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
        for name, _, _ in saved_queries(data, as_written):
            command = [sys.executable, __file__, "--worker", f"{operation}:{name}"]
            command += ["--data", str(data), "--runs", str(runs)]
            command += ["--as-written"] if as_written else []
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
        for name, text, bindings in saved_queries(data, as_written):
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
    if operation == "queries-kg":
        return {"queries": kg_queries(data, runs)}
    if operation == "queries-kg-resident":
        return resident_queries(data, runs)
    if operation == "queries-kg-rdflib":
        return {"queries": kg_queries(data, runs, "rdflib")}
    if operation == "queries-engine":
        return {"queries": engine_queries(data, runs)}
    if operation == "queries-engine-persisted":
        return {"queries": engine_queries(data, runs, persisted=True)}
    if operation in ("kg-query-rdflib", "kg-query-oxigraph"):
        engine_name = operation.rsplit("-", 1)[1]
        command = [str(Path(sys.executable).with_name("kg")), "--data", str(data), "query"]
        command += ["defections-by-diplomats", "--engine", engine_name]
        subprocess.run(command, check=True, capture_output=True)  # builds the store once

        def run_command() -> None:
            subprocess.run(command, check=True, capture_output=True)

        return {"times": timed(run_command, runs)}
    raise SystemExit(f"unknown operation {operation}")


def kg_command(data: Path, name: str, engine: str) -> list[str]:
    """``kg query NAME`` as a user runs it, with the parameter the other measurements bind."""
    command = [str(Path(sys.executable).with_name("kg")), "--data", str(data), "query", name]
    person = person_of(data)
    if person and name == "facts-about-person":
        command += ["--param", f"person=<{person}>"]
    return [*command, "--format", "json", "--engine", engine]


def kg_queries(data: Path, runs: int, engine: str = "oxigraph") -> dict[str, dict]:
    """Each saved query as a whole ``kg query`` process (the store built before), its rows
    and its wall time."""
    found: dict[str, dict] = {}
    for name, _, _ in saved_queries(data):
        command = kg_command(data, name, engine)
        first = subprocess.run(command, check=True, capture_output=True)
        rows = len(json.loads(first.stdout)["results"]["bindings"])

        def run_command(command: list[str] = command) -> None:
            subprocess.run(command, check=True, capture_output=True)

        walls, cpus = cpu_timed(run_command, runs)
        found[name] = {"times": walls, "cpu": cpus, "rows": rows}
    return found


def resident_queries(data: Path, runs: int) -> dict:
    """Each saved query as a whole ``kg query`` process while ``kg resident`` holds the graph in
    memory (started before, stopped after); the resident's own memory beside."""
    from kg.sparql import resident

    kg = [str(Path(sys.executable).with_name("kg")), "--data", str(data), "resident"]
    subprocess.run([*kg, "start", "--idle", "0"], check=True, capture_output=True)
    try:
        held = resident.status(data) or {}
        found = kg_queries(data, runs)
        answered = (resident.status(data) or {}).get("answered", 0)
    finally:
        subprocess.run([*kg, "stop"], check=True, capture_output=True)
    expected = len(found) * (runs + 1)
    if answered != expected:
        raise SystemExit(f"the resident answered {answered} of {expected} queries")
    return {"queries": found, "resident_mib": (held.get("memory_bytes") or 0) / 2**20}


def engine_queries(data: Path, runs: int, persisted: bool = False) -> dict[str, dict]:
    """Each saved query on pyoxigraph alone: an in-memory store of the same quads (or the
    persisted store ``kg query`` reads), the parameters substituted as ``kg query`` substitutes
    them, every row iterated."""
    import pyoxigraph as ox

    from kg.graph import store as store_cache
    from kg.sparql.engine import OxigraphEngine

    if persisted:
        store = store_cache.open_store(data)
    else:
        store = ox.Store()
        store_cache.load_files(store, data)
    engine = OxigraphEngine(store)
    found: dict[str, dict] = {}
    for name, text, bindings in saved_queries(data):
        sparql, substitutions = engine.bind(text, bindings)

        def run_query(sparql: str = sparql, substitutions: dict = substitutions) -> int:
            answer = store.query(
                sparql, use_default_graph_as_union=True, substitutions=substitutions
            )
            return sum(1 for _ in answer)

        walls, cpus = cpu_timed(run_query, runs)
        found[name] = {"times": walls, "cpu": cpus, "rows": run_query()}
    return found


def measure(operation: str, data: Path, runs: int, as_written: bool = False) -> dict:
    """Run one measurement in a fresh process; add its peak memory in MiB."""
    command = [sys.executable, __file__, "--worker", operation, "--data", str(data)]
    command += ["--runs", str(runs)] + (["--as-written"] if as_written else [])
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
                    "queries-engine",
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
    return "\n".join(lines) + "\n\n" + query_table(results, runs)


def query_table(results: dict, runs: int) -> str:
    """Each saved query: ``kg query`` as a whole process beside Oxigraph alone, the gap
    against its limit, and rdflib's time where it was measured."""
    r = defaultdict(dict, results)
    kg_times = r["queries-kg"].get("queries", {})
    resident_times = r["queries-kg-resident"].get("queries", {})
    engine_times = r["queries-engine"].get("queries", {})
    persisted_times = r["queries-engine-persisted"].get("queries", {})
    rdflib_times = r["queries-rdflib"].get("queries", {})
    rdflib_kg_times = r["queries-kg-rdflib"].get("queries", {})
    lines = [
        f"Each saved query, medians of {runs} runs: `kg query NAME --format json` as a whole "
        "process, from the persisted store on disk (built before) and while `kg resident` "
        "holds the graph in memory, pyoxigraph alone on an in-memory store of "
        f"the same quads (every row iterated), the difference (limit {KG_OVERHEAD_LIMIT} s; "
        "of the resident's figure where it was measured), "
        "rdflib's engine on the graph already loaded, and `kg query --engine rdflib` as a "
        "whole process (which parses the files into rdflib) against `kg query`. In brackets, "
        "the CPU time (user and system) of the same runs: the wall time of a process on a "
        "shared machine includes its wait for a core; beside the resident's figure, the "
        "command's own CPU time, without the resident's. Oxigraph alone on the persisted store "
        "is what `kg query` itself asks of the engine.",
        "",
        "| query | rows | `kg query` | `kg query`, resident | Oxigraph alone | kg − Oxigraph "
        "| kg ÷ Oxigraph | Oxigraph alone, persisted store | rdflib engine "
        "| `kg query --engine rdflib` | ÷ `kg query` |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    gaps, disk_gaps, speedups, cpu_speedups = [], [], [], []
    for name in sorted(kg_times.keys() | engine_times.keys()):
        disk_time = query_median(kg_times.get(name, {}).get("times"))
        resident_time = query_median(resident_times.get(name, {}).get("times"))
        resident_cpu = query_median(resident_times.get(name, {}).get("cpu"))
        kg_time = resident_time if isinstance(resident_time, float) else disk_time
        engine_time = query_median(engine_times.get(name, {}).get("times"))
        if isinstance(disk_time, float) and isinstance(engine_time, float):
            disk_gaps.append(disk_time - engine_time)
        rows = kg_times.get(name, engine_times.get(name, {})).get("rows")
        in_process = query_median(rdflib_times.get(name, r["queries-rdflib"].get("skipped")))
        reference = query_median(rdflib_kg_times.get(name, {}).get("times"))
        disk_cpu = query_median(kg_times.get(name, {}).get("cpu"))
        gap = "—"
        if isinstance(kg_time, float) and isinstance(engine_time, float):
            gaps.append(kg_time - engine_time)
            mark = "" if kg_time - engine_time <= KG_OVERHEAD_LIMIT else " (over)"
            gap = f"{(kg_time - engine_time):+.2f} s{mark}"
        # Against rdflib, kg query as it runs without a resident.
        if isinstance(reference, float) and isinstance(disk_time, float):
            speedups.append(reference / disk_time)
        reference_cpu = query_median(rdflib_kg_times.get(name, {}).get("cpu"))
        if isinstance(reference_cpu, float) and isinstance(disk_cpu, float):
            cpu_speedups.append(reference_cpu / disk_cpu)
        engine_cpu = query_median(engine_times.get(name, {}).get("cpu"))
        persisted_time = query_median(persisted_times.get(name, {}).get("times"))
        persisted_cpu = query_median(persisted_times.get(name, {}).get("cpu"))
        lines.append(
            f"| `{name}` | {'—' if rows is None else f'{rows:,}'} | {seconds(disk_time)} "
            f"({seconds(disk_cpu)}) | {seconds(resident_time)} ({seconds(resident_cpu)}) "
            f"| {seconds(engine_time)} ({seconds(engine_cpu)}) "
            f"| {gap} | {ratio(kg_time, engine_time)} "
            f"| {seconds(persisted_time)} ({seconds(persisted_cpu)}) "
            f"| {seconds(in_process)} | {seconds(reference)} | {ratio(reference, disk_time)} |"
        )
    if gaps:
        lines.append("")
        lines.append(f"`kg query` within Oxigraph alone + {KG_OVERHEAD_LIMIT} s for every query:")
        if resident_times:
            memory = r["queries-kg-resident"].get("resident_mib") or 0
            lines.append(f"with a resident ({memory:,.0f} MiB): {within_limit(gaps)};")
        lines.append(f"from the store on disk: {within_limit(disk_gaps)}.")
    if speedups:
        lines.append(
            f"Median of `kg query --engine rdflib` ÷ `kg query`: "
            f"{statistics.median(speedups):,.1f}× in wall time"
            + (f", {statistics.median(cpu_speedups):,.1f}× in CPU time." if cpu_speedups else ".")
        )
    return "\n".join(lines) + "\n"


def within_limit(gaps: list[float]) -> str:
    within = "yes" if max(gaps) <= KG_OVERHEAD_LIMIT else "no"
    return f"{within} (largest difference {max(gaps):+.2f} s)"


def article_table(runs: int) -> str:
    """``kg query`` as a user runs it, whole process, on the article graph, on each engine."""
    from kg.graph import paths

    data = paths.DEFAULT_DATA_DIR
    rdflib_time = median(measure("kg-query-rdflib", data, runs))
    oxigraph_time = median(measure("kg-query-oxigraph", data, runs))
    operations = ("queries-kg", "queries-kg-resident", "queries-engine", "queries-engine-persisted")
    results = {op: measure(op, data, runs) for op in operations}
    alone = results["queries-engine"]["queries"]["defections-by-diplomats"]["times"]
    return "\n".join(
        [
            "### The article graph: `kg query defections-by-diplomats`, whole process",
            "",
            "| engine | `kg query --engine rdflib` | `kg query` (Oxigraph, persisted store) "
            "| Oxigraph alone | rdflib ÷ Oxigraph |",
            "|---|---|---|---|---|",
            f"| wall time, median of {runs} | {seconds(rdflib_time)} | {seconds(oxigraph_time)} "
            f"| {seconds(query_median(alone))} | {ratio(rdflib_time, oxigraph_time)} |",
            "",
            query_table(results, runs),
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
    parser.add_argument(
        "--graphs",
        default="article,generated,replicated",
        help="comma-separated: article (ours), generated (generate.py), replicated "
        "(replicate.py, the article copied to each size)",
    )
    parser.add_argument(
        "--as-written",
        action="store_true",
        help="measure the saved queries as the catalogue has them, not the tuned copies that "
        "kg query runs (give it its own --workdir)",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        result = worker(args.worker, args.data, args.runs, args.as_written)
        result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return 0
    print(f"Machine: {machine()}\n")
    graphs = args.graphs.split(",")
    if not args.operations and "article" in graphs:
        print(article_table(args.runs))
    for label in args.sizes.split(","):
        size = generate.parse_size(label)
        if "generated" in graphs:
            print(generated_table(label, size, args))
        if "replicated" in graphs:
            print(replicated_table(label, size, args))
    return 0


def measure_missing(operations: list[str], out: Path, label: str, args) -> dict:
    """Measure ``operations`` on ``out/data``, keeping the results of an earlier run in the same
    work folder (a run can be resumed); --operations measures those operations again."""
    saved = out / "results.json"
    results: dict[str, dict | None] = {}
    if saved.exists():
        results = json.loads(saved.read_text(encoding="utf-8"))
    if args.operations:
        operations = [op for op in operations if op in args.operations.split(",")]
    else:
        operations = [op for op in operations if op not in results]
    for operation in operations:
        started = time.perf_counter()
        results[operation] = measure(operation, out / "data", args.runs, args.as_written)
        saved.write_text(json.dumps(results, indent=1), encoding="utf-8")
        print(f"  {label} {operation}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return results


def generated_table(label: str, size: int, args) -> str:
    """Every operation on the generator's graph of ``size`` triples."""
    out = args.workdir / f"{label}-seed{args.seed}"
    if (out / "counts.json").exists():
        counts = json.loads((out / "counts.json").read_text(encoding="utf-8"))
    else:
        counts = generate.generate(size, args.seed, out)
        (out / "counts.json").write_text(json.dumps(counts), encoding="utf-8")
    # The quotations of the generated graph are checked against its own captures.
    os.environ["KG_SOURCES"] = str(out / "sources")
    operations = [
        "load-rdflib",
        "load-oxigraph",
        "store-build",
        "store-open",
        "queries-kg",
        "queries-kg-resident",
        "queries-engine",
        "queries-engine-persisted",
        "reason-fast",
        "validate-batch-incremental",
    ]
    if size <= args.rdflib_max:
        operations += [
            "queries-rdflib",
            "queries-kg-rdflib",
            "validate-whole",
            "validate-batch-full",
        ]
    if size <= args.owlrl_max:
        operations.append("reason-owlrl")
    results = measure_missing(operations, out, label, args)
    if size > args.rdflib_max:
        for skipped in (
            "queries-rdflib",
            "queries-kg-rdflib",
            "validate-whole",
            "validate-batch-full",
        ):
            results.setdefault(skipped, {"skipped": "skipped (over --rdflib-max)"})
    if size > args.owlrl_max:
        results.setdefault("reason-owlrl", {"skipped": "skipped (over --owlrl-max)"})
    return table(label, counts["triples"], results, args.runs)


def replicated_table(label: str, size: int, args) -> str:
    """The saved queries on the article replicated to ``size`` triples (``replicate.py``)."""
    out = args.workdir / f"{label}-article"
    if (out / "counts.json").exists():
        counts = json.loads((out / "counts.json").read_text(encoding="utf-8"))
    else:
        counts = replicate.replicate(size, out)
        (out / "counts.json").write_text(json.dumps(counts), encoding="utf-8")
    operations = ["queries-kg", "queries-kg-resident", "queries-engine", "queries-engine-persisted"]
    results = measure_missing(operations, out, label, args)
    heading = (
        f"### {label}: the article replicated, {counts['copies']} copies, "
        f"{counts['triples']:,} triples of data (plus the ontology and the shapes)"
    )
    return f"{heading}\n\n{query_table(results, args.runs)}"


if __name__ == "__main__":
    sys.exit(main())
