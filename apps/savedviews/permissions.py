"""Saved views in the permission table: a person's own views, and those a colleague shared with their group.

A view is shared with the owner's group of the Organization, or with their whole organization when they
sit in no group (an agency's people). Only the owner renames, shares, makes default or deletes a view.
"""

from django.db.models import Q

from apps.accounts.permissions import OWN, UNIT, Kind, Principal, no_rows, register_kinds, register_table

SAVED_VIEW = "savedviews.view"


def _shared_with(user) -> Q:
    if user.unit_id:
        return Q(shared_with_unit=True, unit_id=user.unit_id)
    if user.organization_id:
        return Q(shared_with_unit=True, unit__isnull=True, organization_id=user.organization_id)
    return no_rows()


register_kinds(
    Kind(
        name=SAVED_VIEW,
        label="نمای ذخیره‌شده",
        model="savedviews.SavedView",
        agency="organization",
        own=lambda user: Q(owner_id=user.pk),
        unit=_shared_with,
    )
)

# fmt: off
register_table(
    "savedviews",
    {
        SAVED_VIEW: {
            # Everyone who works a list may keep their filters of it (issue 24, item 2) and reads what their
            # group shared with them.
            "view":   {p: (OWN, UNIT) for p in Principal},
            "create": {p: OWN for p in Principal},
            # Renaming, sharing, the default and deleting are the owner's alone: a shared view is read-only.
            "edit":   {p: OWN for p in Principal},
        },
    },
)
# fmt: on
