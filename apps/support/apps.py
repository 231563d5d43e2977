from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "apps.support"
    verbose_name = "گزارش خطا و پشتیبانی"

    def ready(self):
        from apps.accounts.roles import AGENCY_ROLES
        from apps.core import demo, navigation

        from . import workflow  # noqa: F401  (registers the process)
        from .demo import build

        demo.register("support.fault", build, order=90)

        navigation.register("گزارش خطا", "support:fault_report_new", roles=AGENCY_ROLES, order=80)
