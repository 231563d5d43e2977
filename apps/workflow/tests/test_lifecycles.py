"""Every record's lifecycle goes through the core: no module of the app that owns the record writes its
lifecycle field, and the generated workflow pages cover every lifecycle (issue 23)."""

import ast
from pathlib import Path

import pytest
from django.apps import apps

from apps.workflow.process import record_processes

WRITING_CALLS = {"create", "update", "get_or_create", "update_or_create", "bulk_update"}


def _literal(node) -> list:
    try:
        value = ast.literal_eval(node)
    except ValueError:
        return []
    return list(value) if isinstance(value, (list, tuple, set)) else []


def _writes(tree: ast.AST, field: str, model_name: str) -> list[int]:
    """Lines that set `field`: an assignment to `x.<field>`, setattr(x, "<field>", …), or the field as a
    keyword of a create/update call or of the model's constructor."""
    lines = []
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, ast.Attribute) and part.attr == field:
                    lines.append(node.lineno)
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name == "setattr" and len(node.args) > 1 and getattr(node.args[1], "value", None) == field:
            lines.append(node.lineno)
        if (name in WRITING_CALLS or name == model_name) and any(k.arg == field for k in node.keywords):
            lines.append(node.lineno)
        if any(k.arg == "update_fields" and field in _literal(k.value) for k in node.keywords):
            lines.append(node.lineno)
    return sorted(set(lines))


def _modules(app_path: Path):
    for path in sorted(app_path.rglob("*.py")):
        parts = set(path.relative_to(app_path).parts)
        if parts & {"tests", "migrations"}:
            continue
        yield path


@pytest.mark.parametrize("process", record_processes(), ids=lambda p: p.name)
def test_no_module_of_the_records_app_sets_its_lifecycle_field(process):
    model = apps.get_model(process.record)
    app_path = Path(model._meta.app_config.path)
    found = []
    for path in _modules(app_path):
        for line in _writes(ast.parse(path.read_text()), process.record_field, model.__name__):
            found.append(f"{path.relative_to(app_path.parent.parent)}:{line}")
    assert found == [], f"{process.record}.{process.record_field} is the workflow core's to write"


def test_the_scan_finds_a_hand_set_field():
    """The test above would see the writes it forbids."""
    source = (
        "session.state = 'held'\n"
        "CourseSession.objects.filter(pk=1).update(state='held')\n"
        "CourseSession(course=c, state='held')\n"
        "setattr(session, 'state', 'held')\n"
        "session.save(update_fields=['state'])\n"
        "CourseSession.objects.filter(state='held')\n"
    )
    assert _writes(ast.parse(source), "state", "CourseSession") == [1, 2, 3, 4, 5]


def test_the_workflow_pages_cover_every_lifecycle():
    docs = Path(__file__).resolve().parents[3] / "docs" / "workflows"
    for process in record_processes():
        page = (docs / f"{process.service}.md").read_text()
        assert process.label in page, f"docs/workflows/{process.service}.md lacks {process.name}"
        assert all(step.label in page for step in process.steps)
