from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "apps.workflow"
    verbose_name = "گردش کار"

    def ready(self):
        from apps.core import freshness, jinja, landing, navigation

        from . import landing as panels
        from .models import Case, CaseAttachment, StepRecord
        from .services import acting_for

        # A case is its owner agency's, and so is every row hung on it (apps/core/freshness.py).
        freshness.agency_tables(Case, agency="owner")
        freshness.agency_tables(CaseAttachment, StepRecord, agency="case__owner")

        # The cartable's rows mark a case the person answers as a substitute («به جانشینی از …»).
        jinja.register_global("absent_for", acting_for)

        navigation.register("کارتابل", "workflow:cartable", order=10)
        navigation.register("پیگیری پرونده", "workflow:track", group="میز خدمت", order=97)
        landing.register("workflow.province", panels.province_summary, order=5)
        landing.register("workflow.waiting", panels.waiting_on_me, order=10)
        landing.register("workflow.agency", panels.agency_cases, order=20)
