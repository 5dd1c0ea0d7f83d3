"""The shape of the house, read from the source: dependencies point one way, no modules
import each other in a circle, only tasks import tasks, and modules stay small.

Modules are parsed, not imported, and every import counts, the ones inside functions too;
migrations and tests are left out. The direction is the one of docs/architecture.md:
`coordination`, `billing` → `registrations` → `demand` → `applications` → `portal`, with
`privacy` above them all (a person's data is everywhere) and `demo` at the end of the chain.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What the modules of each app may import from the other apps of the project.
MAY_IMPORT = {
    "portal": set(),
    "applications": {"portal"},
    "demand": {"applications", "portal"},
    "registrations": {"demand", "applications", "portal"},
    "coordination": {"registrations", "demand", "applications", "portal"},
    "billing": {"registrations", "demand", "applications", "portal"},
    "privacy": {"coordination", "billing", "registrations", "demand", "applications", "portal"},
    "demo": {
        "privacy",
        "coordination",
        "billing",
        "registrations",
        "demand",
        "applications",
        "portal",
    },
}
# Project packages that are not apps: no app imports them.
NOT_APPS = {"benchmarks", "tests"}

MAX_LINES = 420
# Modules allowed over MAX_LINES while a split is under way (none today); an entry whose
# module was split since fails test_the_known_long_modules_are_still_long.
KNOWN_LONG: set[str] = set()


def _is_code(path: Path, root: Path = ROOT) -> bool:
    return not {"migrations", "tests"} & set(path.relative_to(root).parts)


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the apps that exist, by dotted name."""
    return {
        _module_name(path, root): path
        for app in MAY_IMPORT
        if (root / app).is_dir()
        for path in sorted((root / app).rglob("*.py"))
        if _is_code(path, root)
    }


def imported_names(name: str, path: Path) -> Iterator[tuple[str, int]]:
    """(dotted name, line) of everything the module imports, at any depth of the code;
    `from package import x` gives `package.x` (a module or a name in the package)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
            for alias in node.names:
                yield f"{source}.{alias.name}", node.lineno


def import_graph(modules: dict[str, Path]) -> dict[str, dict[str, int]]:
    """module -> {imported module of the apps: line}; a name imported from a module counts
    as an import of that module."""

    def resolve(dotted: str) -> str | None:
        while dotted and dotted not in modules:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    graph = {}
    for name, path in modules.items():
        edges = {}
        for dotted, line in imported_names(name, path):
            target = resolve(dotted)
            if target and target != name:
                edges.setdefault(target, line)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each as a cycle."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(_path_through(sorted(group), graph))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def _path_through(group: list[str], graph: dict[str, dict[str, int]]) -> list[str]:
    """One concrete circle inside a strongly connected group, from its first module back."""
    start, members = group[0], set(group)
    paths, seen = [[start]], {start}
    while paths:
        path = paths.pop(0)
        for target in sorted(graph[path[-1]]):
            if target == start:
                return [*path, start]
            if target in members and target not in seen:
                seen.add(target)
                paths.append([*path, target])
    return group


def test_every_app_imports_only_apps_to_its_left():
    wrong = []
    for name, path in app_modules().items():
        app = name.split(".")[0]
        allowed = MAY_IMPORT[app] | {app}
        for dotted, line in imported_names(name, path):
            top = dotted.split(".")[0]
            if top in (MAY_IMPORT.keys() | NOT_APPS) - allowed:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {dotted}")
    assert wrong == []


def test_no_modules_import_each_other_in_a_circle():
    assert cycles(import_graph(app_modules())) == []


def test_only_tasks_import_tasks():
    """Tasks import services, never the other way round: a service (or any other module)
    enqueues a task by its registered name (portal.queueing)."""

    def is_tasks(name: str) -> bool:
        return "tasks" in name.split(".")

    graph = import_graph(app_modules())
    wrong = [
        f"{name} imports {target} (line {line})"
        for name, edges in graph.items()
        if not is_tasks(name)
        for target, line in edges.items()
        if is_tasks(target)
    ]
    assert wrong == []


def test_the_arithmetic_of_billing_is_pure():
    """Like the applications engine: plain values in and out, so no database, no Django."""
    path = ROOT / "billing" / "arithmetic.py"
    imported = {
        dotted.split(".")[0] for dotted, _line in imported_names("billing.arithmetic", path)
    }

    assert imported <= {"dataclasses", "datetime", "decimal"}


def project_modules() -> list[Path]:
    """Every Python file of the project outside migrations and tests."""
    packages = [path.parent for path in ROOT.glob("*/__init__.py")]
    files = [ROOT / "manage.py"] + [path for package in packages for path in package.rglob("*.py")]
    return sorted(path for path in files if _is_code(path))


def test_no_module_is_longer_than_420_lines():
    long = {
        str(path.relative_to(ROOT)): length
        for path in project_modules()
        if (length := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert {module: length for module, length in long.items() if module not in KNOWN_LONG} == {}


def test_the_known_long_modules_are_still_long():
    """A module split since is taken off KNOWN_LONG, so it cannot grow back unnoticed."""
    split = [
        module
        for module in sorted(KNOWN_LONG)
        if not (ROOT / module).exists()
        or len((ROOT / module).read_text().splitlines()) <= MAX_LINES
    ]
    assert split == []


# --- The reader itself -----------------------------------------------------------------


def test_imports_inside_functions_and_relative_imports_make_a_circle(tmp_path):
    (tmp_path / "billing").mkdir()
    (tmp_path / "billing" / "__init__.py").write_text("")
    (tmp_path / "billing" / "services.py").write_text(
        "def enqueue():\n    from billing.tasks import run\n"
    )
    (tmp_path / "billing" / "tasks.py").write_text("from . import services\n")

    graph = import_graph(app_modules(tmp_path))

    assert cycles(graph) == [["billing.services", "billing.tasks", "billing.services"]]
