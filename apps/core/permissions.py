"""Core's rows of the permission table: spreadsheet import jobs, and the official holidays' import.

An import names the kind it writes and the action it needs (`ImportSpec.kind`, `ImportSpec.action`):
its upload page and its template are open to those the table lets do that (`import_views`).
"""

from django.db.models import Q

from apps.accounts.permissions import NATION, OWN, PROVINCE, Kind, register_kinds, register_table
from apps.accounts.permissions import Principal as P

IMPORT_JOB = "core.import_job"
HOLIDAY = "core.holiday"

register_kinds(
    Kind(
        name=IMPORT_JOB,
        label="ورود اطلاعات از اکسل",
        model="core.ImportJob",
        own=lambda user: Q(user_id=user.pk),
    ),
    # A province's local holidays are its own; the national ones (no province) are the administrators'.
    Kind(name=HOLIDAY, label="تعطیلات رسمی", model="core.Holiday", province="province"),
)

# fmt: off
register_table(
    "core",
    {
        # A job and its errors are the uploader's alone: the file may hold others' personal data, and
        # whoever else may import the same kind uploads their own.
        IMPORT_JOB: {
            "view":     {p: OWN for p in P},
            "download": {p: OWN for p in P},  # the rows' errors as .xlsx
        },
        # Holidays move every service's deadlines: the Organization's groups keep their province's local
        # holidays, the deputy answers for them; the administrators (NATION) keep the official national
        # list (`imports.HolidayImport` writes what the uploader's scope reaches); evaluators and the head
        # do not enter data, and no agency may change the province's calendar.
        HOLIDAY: {
            "manage": {P.TRAINING_EXPERT: PROVINCE, P.TRAINING_HEAD: PROVINCE, P.MANAGEMENT_EXPERT: PROVINCE,
                       P.MANAGEMENT_HEAD: PROVINCE, P.DEPUTY: PROVINCE, P.ADMIN: NATION},
        },
    },
)
# fmt: on
