"""The calendar's month page (issue 24) against a bare view of the same month's events.

The bare view asks the calendar's own registry for the events of the days the month's grid shows
(`events_for`: every source the person may view, each reading only the rows the permission model lets
them see, clashes marked) and lists each event once, in date order, with no grid, no layout and nothing
kept. The page is read as the province's training expert, who sees every training session of the
province with its hall and instructor (where clashes are) and whose cartable holds the training requests'
deadlines: the heaviest calendar there is. It opens on the current month, where the generated data puts
every open case (see README).
"""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from apps.accounts.permissions import signed_in
from apps.calendars import selectors
from apps.calendars.registry import events_for
from bench.services import Page

BARE = engines["django"].from_string(
    '<ul data-testid="events">{% for event in events %}'
    '<li data-testid="event"><a href="{{ event.url }}">{{ event.title }}</a> {{ event.starts_on }}'
    " {{ event.ends_on }} {{ event.place }} {{ event.people }}"
    "{% if event.clash %} تداخل: {{ event.clashes_with|join:'، ' }}{% endif %}</li>{% endfor %}</ul>"
)


@signed_in
def month(request):
    year, number = selectors.month_asked(request.GET.get("year"), request.GET.get("month"))
    first, last = selectors.month_bounds(year, number)
    # The days the page's grid shows: the weeks, Saturday to Friday, that hold a day of the month.
    first, last = selectors.week_start(first), selectors.week_start(last) + selectors.ONE_DAY * 6
    return HttpResponse(BARE.render({"events": events_for(request.user, first, last)}, request))


def events_shown(context) -> int:
    """The month's events, each counted once (an event of several days sits in each of its days)."""
    return len({event.uid for week in context["view"].weeks for day in week for event in day.events})


urlpatterns = [path("bench/bare/calendar/", month, name="bench_bare_calendar")]

PAGES = [
    Page(
        "calendar",
        "/calendar/",
        "/bench/bare/calendar/",
        "trainer",
        "training",
        marker='data-testid="event"',
        shown=events_shown,
    ),
]
