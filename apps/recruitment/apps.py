"""Service A: supervising the recruitment of the province's agencies (seeds 000 and 001)."""

from django.apps import AppConfig


def _supervisors_organizations(rounds, alias: str):
    """The organizations of the people who may be the supervisors nominated for these rounds' venues: anyone
    with a nominated roster entry's national ID (`permissions.own_supervisor`)."""
    from apps.accounts.models import User

    from .models import Supervisor

    national_ids = Supervisor.objects.using(alias).filter(nominations__venue__round__in=rounds)
    people = User.objects.using(alias).filter(national_id__in=national_ids.values("national_id"))
    return set(people.values_list("organization_id", flat=True))


class RecruitmentConfig(AppConfig):
    name = "apps.recruitment"
    verbose_name = "نظارت بر استخدام"

    def ready(self):
        from apps.accounts.roles import Role
        from apps.core import dashboards, demo, freshness, navigation

        from . import documents, workflow  # noqa: F401  (register the process and the card's kind)
        from .dashboard import build as dashboard_build
        from .demo import build as demo_build
        from .models import (
            Candidate,
            Hire,
            HireDocument,
            InterviewPanel,
            JobQuota,
            Round,
            RoundDocument,
            Venue,
        )

        # A hire file and its documents are the hiring agency's, and so is a job-location of the ledger,
        # whose seats a registered file takes (apps/core/freshness.py).
        freshness.agency_tables(Hire, JobQuota, agency="agency")
        freshness.agency_tables(HireDocument, agency="hire__agency")
        # A round's lifecycle is its own case, opened by the province's Organization (services/rounds.py).
        # Who sees a round and the rows that are part of it (permissions.py): within an agency, the round's
        # kinds (the round, its ledger, its results, its registration) reach it by "quotas__agency", and its
        # candidates are those of the agency of their job-location, one of the round's; its venues (with
        # the round's title and exam day, in the calendar) are seen by the supervisors nominated for them,
        # found by national ID whatever organization they work in (`own_supervisor`), whose organizations
        # `seen_by` names; its exam side, interviews and the rest are the province's Organization's
        # ("province") and the nation's, who read within the province or across. So its steps move those
        # agencies, those supervisors' organizations and its province, not every agency's.
        freshness.organization_records(
            Round,
            agencies="quotas__agency",
            province="province",
            rows={RoundDocument: "round", Venue: "round", InterviewPanel: "round", Candidate: "round"},
            seen_by=_supervisors_organizations,
        )

        demo.register("recruitment.rounds", demo_build, order=20)
        # The menu shows each entry to whom the permission table opens its page.
        navigation.register("دوره‌های استخدام", "recruitment:round_list", group="نظارت بر استخدام", order=20)
        # The staff who may open it too reach venues through the rounds: "my venues" is the supervisors'.
        navigation.register(
            "حوزه‌های نظارت من",
            "recruitment:my_venues",
            group="نظارت بر استخدام",
            roles={Role.SUPERVISOR},
            order=21,
        )
        dashboards.register("recruitment", "نظارت بر استخدام", dashboard_build, order=10)
