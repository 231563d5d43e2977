"""The calendars' rows of the permission table: who opens the calendar pages and keeps a private feed.

The calendar shows nothing of its own: each service's source reads only the rows its own table lets the
person see. So the calendar opens to exactly the people who may view some source's kind (the issue:
"for everyone who has any source"), each for their own feed address (OWN). Those people are known only
once every service declared its source, so the table is written when the app starts
(`register_calendar_table`, from `CalendarsConfig.ready`).
"""

from django.db.models import Q

from apps.accounts.permissions import OWN, Kind, Principal, register_kinds, register_table, table

CALENDAR = "calendars.calendar"

register_kinds(
    Kind(
        name=CALENDAR,
        label="تقویم‌ها و نشانی خصوصی تقویم (iCal)",
        model="calendars.FeedToken",
        # The feed address is the person's own; nobody else's is ever shown or changed.
        own=lambda user: Q(user_id=user.pk) if getattr(user, "pk", None) else Q(pk__in=[]),
    ),
)


def register_calendar_table(source_kinds) -> None:
    """Grants the calendar to every principal that may view one of the sources' kinds."""
    grants = table()
    people = {
        principal
        for name in source_kinds
        for principal in grants.get(name, {}).get("view", {})
        if isinstance(principal, Principal)
    }
    register_table(
        "calendars",
        {
            CALENDAR: {
                # The month, week and timeline pages and the API's events: each source filters its rows.
                "view": {p: OWN for p in people},
                # Making and regenerating the person's own private feed address.
                "edit": {p: OWN for p in people},
            }
        },
    )
