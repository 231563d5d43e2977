"""The documents app: official PDFs with a public verification code."""

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "apps.documents"
    verbose_name = "اسناد"

    def ready(self):
        from apps.core import demo, freshness, navigation

        from .demo import build
        from .models import IssuedDocument

        # A document is its owner's (apps/core/freshness.py): an agency's letters, decrees and notices are
        # seen within an agency only by its people (their kinds' agency scope is `owner`), and an appointee
        # reading their own decree by national ID reads across (`own_beyond_agency`, apps/managers/apps.py).
        # What the Organization issues it owns (certificates, supervisors' cards, the evaluation's letters
        # and book): no agency's, so writing one empties every agency's kept lists, unless its service says
        # whose it is (`rows_of`: a certificate is seen within an agency only by its learner's).
        freshness.agency_tables(IssuedDocument, agency="owner")

        demo.register("documents.letter", build, order=95)
        navigation.register("اسناد صادرشده", "documents:list", group="میز خدمت", order=94)
