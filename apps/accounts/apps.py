from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    verbose_name = "حساب‌ها و سازمان‌ها"

    def ready(self):
        # Each app declares its kinds and its rows of the permission table in its own `permissions` module.
        autodiscover_modules("permissions")
        from apps.core import navigation

        from . import checks  # noqa: F401  (registers the check of the declaration)
        from .permissions import route_key, route_open_to

        navigation.use_gate(route_open_to, route_key)
        navigation.register("دسترسی‌ها", "accounts:permission_table", group="مدیریت سامانه", order=99)
