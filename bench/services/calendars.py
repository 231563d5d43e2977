"""The calendar's month page (issue 24) against a bare view of the same month's events.

The bare view asks the page's own selector (`month_view`: every source the person may view, each reading
only the rows the permission model lets them see, clashes marked, each day's events) and lists what the
month shows of each day (its first four events and how many more), in one flat list, with no grid, no
layout and nothing kept. The page is read as the province's training expert, who sees every training
session of the province with its hall and instructor (where clashes are) and whose cartable holds the
training requests' deadlines: the heaviest calendar there is. It opens on the current month, where the
generated data puts every open case (see README).
"""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from apps.accounts.permissions import signed_in
from apps.calendars import selectors
from bench.services import Page

BARE = engines["django"].from_string(
    '<ul data-testid="events">{% for day in days %}{% for event in day.shown %}'
    '<li data-testid="event"><a href="{{ event.url }}">{{ event.title }}</a> {{ day.date }} {{ event.place }}'
    " {{ event.people }}{% if event.clash %} تداخل: {{ event.clashes_with|join:'، ' }}{% endif %}</li>"
    "{% endfor %}{% if day.more %}<li>{{ day.more }}</li>{% endif %}{% endfor %}</ul>"
)


@signed_in
def month(request):
    year, number = selectors.month_asked(request.GET.get("year"), request.GET.get("month"))
    view = selectors.month_view(user=request.user, year=year, month=number)
    days = [day for week in view.weeks for day in week]
    return HttpResponse(BARE.render({"days": days}, request))


def events_shown(context) -> int:
    """The month's events, each counted once (an event of several days sits in each of its days), those
    read and the deadlines the cartable's source counted without reading them (a day shows four)."""
    days = [day for week in context["view"].weeks for day in week]
    read = len({event.uid for day in days for event in day.events})
    return read + sum(rest.count for day in days for rest in day.rest)


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
    # An agency's officer: their agency's sessions and the deadlines of its requests, a month of the size a
    # province's training expert would have if the generator spread open cases over more than one month.
    Page(
        "calendar-agency",
        "/calendar/",
        "/bench/bare/calendar/",
        "officer101",
        "training",
        marker='data-testid="event"',
        shown=events_shown,
        # One agency's share, rounded before its cases are spread over the states: 6 events, then 52.
        growth=8,
    ),
]
