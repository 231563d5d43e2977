from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "apps.catalog"
    verbose_name = "شناسنامه خدمات"

    def ready(self):
        from apps.core import navigation

        navigation.register("شناسنامه خدمات", "catalog:index", group="میز خدمت", order=96)
