"""Acting substitutes (جانشین): who acts for whom, for which dates."""

from django.apps import AppConfig


class SubstitutesConfig(AppConfig):
    name = "apps.substitutes"
    verbose_name = "جانشین‌ها"

    def ready(self):
        from apps.core import demo, navigation

        from .demo import build

        # After every service's builder, so the demo's cases are filed and moved by their own people.
        demo.register("substitutes.substitution", build, order=200)
        # Shown to whom the list's rule admits: every signed-in person with a post on the desk.
        navigation.register("جانشین‌ها", "substitutes:list", group="میز خدمت", order=96)
