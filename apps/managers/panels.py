"""Service C's cartable panel: the decrees whose four years run out soon (issue 5, item 7)."""

from django.urls import reverse

from apps.workflow.panels import PanelItem

from . import selectors

PANEL_KEY = "managers.expiring"
PANEL_TITLE = "احکام رو به پایان"
# The cartable shows a reminder, not the list: the soonest few, the rest on the decrees page.
PANEL_SIZE = 10


def expiring_items(user) -> list[PanelItem]:
    """The soonest-ending active decrees the user may read, in one query whatever their number."""
    decrees = selectors.decrees_expiring(user=user)[:PANEL_SIZE]
    province = user.is_province_staff
    return [
        PanelItem(
            label=f"{decree.profile.full_name} — {decree.post.title}",
            url=reverse("managers:decree_detail", args=[decree.pk]),
            due=decree.valid_until,
            note=f"{decree.organization.name}، پایان اعتبار" if province else "پایان اعتبار حکم",
        )
        for decree in decrees
    ]
