from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "apps.workflow"
    verbose_name = "گردش کار"

    def ready(self):
        from apps.core import navigation

        navigation.register("کارتابل", "workflow:cartable", order=10)
