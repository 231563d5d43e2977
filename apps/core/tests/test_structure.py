"""The house's structure: no module of the desk imports, even inside a function, one that imports it back; core
stands on nothing but the permission model, and no service imports another."""

import ast
from pathlib import Path

import apps

ROOT = Path(apps.__file__).parent.parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in (ROOT / "apps").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if "migrations" in parts or "tests" in parts:
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imported(name: str, path: Path, node) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    if not node.level:
        base = node.module
    else:
        base = ".".join([*package[: len(package) - node.level + 1], node.module or ""]).rstrip(".")
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for target in _imported(name, path, node):
                # `from .x import y` names a module or a name in one: the longest module it starts with.
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import circle once, as the path that closes it."""
    found, done = [], set()

    def visit(name, path, on_path):
        for target in sorted(graph[name]):
            if target in on_path:
                found.append([*path[path.index(target) :], target])
            elif target not in done:
                visit(target, [*path, target], on_path | {target})
        done.add(name)

    for name in sorted(graph):
        if name not in done:
            visit(name, [name], {name})
    return found


def test_the_structure_reader_sees_a_circle_when_there_is_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_one_that_imports_it_back():
    assert cycles(import_graph()) == []


def test_core_imports_only_the_permission_model_and_services_do_not_import_each_other():
    services = {"recruitment", "training", "managers", "evaluation", "complaints", "support"}
    for name, targets in import_graph().items():
        app = name.split(".")[1] if "." in name else ""
        for target in targets:
            other = target.split(".")[1] if "." in target else ""
            # Every page of core goes through the permission model, which lives with the people in accounts.
            assert not (app == "core" and other not in ("core", "accounts")), f"{name} imports {target}"
            assert not (app in services and other in services and other != app), f"{name} imports {target}"


def test_the_audit_trail_stands_on_nothing_of_the_desk_and_everything_writes_to_it_through_it():
    graph = import_graph()
    for name, targets in graph.items():
        if name.startswith("apps.audit"):
            assert all(t.startswith("apps.audit") for t in targets), f"{name} imports {sorted(targets)}"
    writers = {n.split(".")[1] for n, targets in graph.items() if "apps.audit.trail" in targets}
    assert {"workflow", "training", "recruitment", "managers", "evaluation"} <= writers
