"""The process pages in docs/workflows/: one page per service, holding every process the service declares."""

from django.core.management import call_command

from apps.accounts.roles import Role, role_label
from apps.workflow import process as registry
from apps.workflow.process import Action, Process, Side, Step


def test_a_service_with_two_processes_gets_both_on_its_page(settings, tmp_path, monkeypatch):
    settings.BASE_DIR = tmp_path
    for name, label in (("docs_demo.first", "فرایند نخست"), ("docs_demo.second", "فرایند دوم")):
        # Registered for this test only: other tests read every declared process.
        monkeypatch.setitem(
            registry._REGISTRY,
            name,
            Process(
                name=name,
                label=label,
                service="docs_demo",
                initial="done",
                steps=(Step("done", "پایان یافته", final=True),),
            ),
        )

    call_command("workflow_docs", verbosity=0)

    page = (tmp_path / "docs" / "workflows" / "docs_demo.md").read_text(encoding="utf-8")
    assert "`docs_demo.first`" in page
    assert "`docs_demo.second`" in page
    assert (tmp_path / "docs" / "workflows" / "support.md").exists()


def test_a_step_that_is_the_filers_alone_says_so(settings, tmp_path, monkeypatch):
    settings.BASE_DIR = tmp_path
    monkeypatch.setitem(
        registry._REGISTRY,
        "docs_demo.withdraw",
        Process(
            name="docs_demo.withdraw",
            label="انصراف",
            service="docs_demo",
            initial="open",
            steps=(
                Step("open", "باز", actors=(Role.AGENCY_OFFICER,), side=Side.OWNER, filer_only=True),
                Step("closed", "بسته", final=True),
            ),
        ),
    )

    call_command("workflow_docs", verbosity=0)

    page = (tmp_path / "docs" / "workflows" / "docs_demo.md").read_text(encoding="utf-8")
    assert f"| open | باز | فقط ثبت‌کننده پرونده ({role_label(Role.AGENCY_OFFICER)}) |" in page


def test_an_action_the_desk_performs_by_itself_says_so(settings, tmp_path, monkeypatch):
    settings.BASE_DIR = tmp_path
    monkeypatch.setitem(
        registry._REGISTRY,
        "docs_demo.timed",
        Process(
            name="docs_demo.timed",
            label="زمان‌دار",
            service="docs_demo",
            initial="open",
            steps=(
                Step(
                    "open",
                    "باز",
                    actors=(Role.ORG_EXPERT,),
                    actions=(
                        Action("escalate", "ارجاع", to="closed", automatic=True),
                        Action("close", "بستن", to="closed"),
                    ),
                ),
                Step("closed", "بسته", final=True),
            ),
        ),
    )

    call_command("workflow_docs", verbosity=0)

    page = (tmp_path / "docs" / "workflows" / "docs_demo.md").read_text(encoding="utf-8")
    assert "| ارجاع (دستی، یا خودکار به دست سامانه)، بستن |" in page
