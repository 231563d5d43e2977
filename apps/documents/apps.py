"""The documents app: official PDFs with a public verification code."""

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "apps.documents"
    verbose_name = "اسناد"

    def ready(self):
        from apps.core import demo, navigation

        from .demo import build

        demo.register("documents.letter", build, order=95)
        navigation.register("اسناد صادرشده", "documents:list", group="میز خدمت", order=94)
