"""The package's layers, read from its import statements (those inside functions included).

Each subpackage of ``kg`` is a layer and may import only the layers below it; no module may
import itself through others. A reader who opens ``kg/`` should see the architecture in the
folder names, and these tests keep it so.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kg"

# Lowest first: a layer may import its own modules and the layers before it.
# pictures: the timeline, network and model drawings read the graph through the lower layers,
# and the web pages serve them.
LAYERS = ("graph", "reasoning", "sparql", "validation", "publish", "pictures", "web")
# The modules outside the layers: the errors every layer raises and the progress bars long work
# in any layer shows, and the command line on top.
BELOW_LAYERS = {"kg", "kg.errors", "kg.progress"}
ABOVE_LAYERS = {"kg.cli", "kg.__main__"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for path in sorted(PACKAGE.rglob("*.py"))
        if "_resources" not in path.parts
    }


def imported(path: Path, known: set[str]) -> set[str]:
    """The modules of ``kg`` that the file imports, wherever the import statement stands."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # ``from kg.graph import paths`` imports the module kg.graph.paths.
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
    return found


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {
        name: imported(path, set(known)) - {name, *parent_packages(name)}
        for name, path in known.items()
    }


def parent_packages(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def rank(name: str) -> int:
    if name in BELOW_LAYERS:
        return -1
    if name in ABOVE_LAYERS:
        return len(LAYERS)
    return LAYERS.index(name.split(".")[1])


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_module_sits_in_a_layer():
    outside = [
        name
        for name in modules()
        if name not in BELOW_LAYERS | ABOVE_LAYERS and name.split(".")[1] not in LAYERS
    ]
    assert outside == []


def test_no_module_imports_a_layer_above_its_own():
    upward = [
        f"{name} imports {target}"
        for name, targets in import_graph().items()
        for target in sorted(targets)
        if rank(target) > rank(name)
    ]
    assert upward == []


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_every_layer_says_what_it_is_for():
    for layer in LAYERS:
        init = PACKAGE / layer / "__init__.py"
        if init.exists():
            assert ast.get_docstring(ast.parse(init.read_text())), layer


@pytest.mark.parametrize(
    "graph, expected",
    [
        ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set()}, []),
    ],
)
def test_the_cycle_finder_finds_cycles(graph, expected):
    assert cycles(graph) == expected


def test_the_reader_sees_imports_inside_functions(tmp_path):
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from kg.graph import paths\n    import kg.sparql.engine\n")
    known = {"kg", "kg.graph", "kg.graph.paths", "kg.sparql", "kg.sparql.engine"}
    assert imported(source, known) == {"kg.graph", "kg.graph.paths", "kg.sparql.engine"}
