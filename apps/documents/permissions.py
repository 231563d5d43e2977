"""The documents app's own kind, official letters, and the helper the services name their documents with.

A service that issues documents (certificates, decrees, cards) registers `document_kind(code, label)` and
grants it in its own `permissions` module; the documents pages (`@permission(model=...)`) ask every kind.
"""

from apps.accounts.permissions import AGENCY, NATION, PROVINCE, register_kinds, register_table
from apps.accounts.permissions import Principal as P

from .kinds import LETTER, document_kind, kind_label

__all__ = ["LETTER_KIND", "document_kind"]

LETTER_KIND = f"document.{LETTER}"
register_kinds(document_kind(LETTER, kind_label(LETTER)))

# The Organization's staff who write to the agencies about their files.
_WRITERS = (P.TRAINING_EXPERT, P.TRAINING_HEAD, P.MANAGEMENT_EXPERT, P.MANAGEMENT_HEAD, P.DEPUTY, P.ORG_HEAD)

# fmt: off
register_table(
    "documents",
    {
        # A letter goes from the Organization to the agency that owns a case: the agency's officer, who
        # handles its files, and its head read the agency's letters; the council, HR and employees are not
        # addressed by them. The Organization's staff read every letter they or their colleagues sent.
        LETTER_KIND: {
            "view":     {P.AGENCY_OFFICER: AGENCY, P.AGENCY_HEAD: AGENCY,
                         **{p: PROVINCE for p in _WRITERS}, P.ADMIN: NATION},
            "download": {P.AGENCY_OFFICER: AGENCY, P.AGENCY_HEAD: AGENCY,
                         **{p: PROVINCE for p in _WRITERS}, P.ADMIN: NATION},
            # Issued by the Organization's groups and those above them; not by evaluators (who write
            # reports, not letters) nor administrators (who keep the desk, not its correspondence).
            "create":   {p: PROVINCE for p in _WRITERS},
        },
    },
)
# fmt: on
