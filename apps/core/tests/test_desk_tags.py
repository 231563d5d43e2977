"""Links as the list rows make them (`url()` in the Jinja rows): the same as Django's reverse(), reversed once
per pattern; the pages' own `{% url %}` is Django's, untouched."""

import pytest
from django.http import HttpResponse
from django.template import Context, Template, defaulttags
from django.urls import NoReverseMatch, include, path, reverse, set_script_prefix
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from apps.core import links
from apps.core.jinja import environment


def _view(request, **kwargs):
    return HttpResponse()


_rows = [
    path("", _view, name="index"),
    path("by-id/<int:pk>/", _view, name="by_id"),
    path("by-code/<str:code>/", _view, name="by_code"),
    path("by-slug/<slug:slug>/", _view, name="by_slug"),
    path("pair/<int:pk>/<str:code>/", _view, name="pair"),
]
urlpatterns = [path("rows/", include((_rows, "rows"))), path("deep/prefix/", include((_rows, "deep")))]

pytestmark = pytest.mark.urls(__name__)


def render(source: str, **context) -> str:
    return environment(autoescape=True).from_string(source).render(**context)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("rows:by_id", 7),
        ("rows:by_id", "0042"),
        ("deep:by_id", 123456789012),
        ("rows:by_code", "KH-1405-000123"),
        ("rows:by_code", "7310945862"),
        ("rows:by_code", "شکایت ۱۲"),
        ("rows:by_code", "a b?c&d"),
        ("rows:by_slug", "service_level-2"),
        ("rows:by_slug", "42"),
    ],
)
def test_each_row_gets_the_link_reverse_gives(name, value):
    values = [value, 5, 6] if name.endswith("by_id") else [value, value, 5, "x-1"]
    shown = render("{% for v in values %}{{ url(name, v) }}|{% endfor %}", name=name, values=values)
    assert shown == "".join(f"{escape(reverse(name, args=[v]))}|" for v in values)


@given(st.lists(st.one_of(st.integers(min_value=0), st.text(max_size=12)), min_size=1, max_size=6))
def test_any_values_in_one_table_get_reverse_links_or_its_error(values):
    for value in values:
        try:
            expected = reverse("rows:by_code", args=[value])
        except NoReverseMatch:
            with pytest.raises(NoReverseMatch):
                render("{{ url('rows:by_id', 1) }}{{ url('rows:by_code', v) }}", v=value)
            continue
        shown = render("{% for v in values %}{{ url('rows:by_code', v) }}{% endfor %}", values=[value, value])
        assert shown == escape(expected) * 2


def test_the_pages_url_tag_is_djangos_own():
    node = Template("{% url 'rows:by_id' 3 %}").nodelist[0]
    assert type(node) is defaulttags.URLNode
    assert node.render(Context()) == "/rows/by-id/3/"


def test_a_value_the_pattern_refuses_is_refused_as_django_refuses_it():
    with pytest.raises(NoReverseMatch):
        render("{% for v in vs %}{{ url('rows:by_id', v) }}{% endfor %}", vs=[1, "abc"])
    with pytest.raises(NoReverseMatch):
        render("{% for v in vs %}{{ url('rows:by_id', v) }}{% endfor %}", vs=[1, -1])
    with pytest.raises(NoReverseMatch):
        render("{{ url('rows:by_id', v) }}", v=None)


def test_pages_of_fifty_rows_reverse_their_pattern_once(monkeypatch):
    calls = []

    def counted(*args, **kwargs):
        calls.append(args)
        return reverse(*args, **kwargs)

    links._shape.cache_clear()
    monkeypatch.setattr(links, "reverse", counted)
    for _ in range(3):
        shown = render("{% for v in vs %}{{ url('rows:by_id', v) }}{% endfor %}", vs=range(50))
        assert shown == "".join(f"/rows/by-id/{n}/" for n in range(50))
    assert len(calls) == 1


def test_links_keep_the_script_prefix_of_a_desk_served_under_a_path():
    set_script_prefix("/desk/")
    try:
        shown = render("{% for v in vs %}{{ url('rows:by_id', v) }} {% endfor %}", vs=[1, 2])
    finally:
        set_script_prefix("/")
    assert shown == "/desk/rows/by-id/1/ /desk/rows/by-id/2/ "


def test_a_pattern_reversed_under_one_prefix_is_reversed_again_under_another():
    assert render("{{ url('rows:by_id', 1) }}") == "/rows/by-id/1/"
    set_script_prefix("/desk/")
    try:
        assert render("{{ url('rows:by_id', 1) }}") == "/desk/rows/by-id/1/"
    finally:
        set_script_prefix("/")
    assert render("{{ url('rows:by_id', 1) }}") == "/rows/by-id/1/"


def test_jinja_rows_link_as_the_pages_do():
    rows = environment(autoescape=True).from_string(
        "{% for v in values %}{{ url('rows:by_code', v) }}|{% endfor %}{{ url('rows:index') }}"
    )
    values = ["KH-1405-000123", "شکایت ۱۲", 42, "a b?c&d"]
    assert (
        rows.render(values=values)
        == "".join(f"{escape(reverse('rows:by_code', args=[v]))}|" for v in values) + "/rows/"
    )
    with pytest.raises(NoReverseMatch):
        environment().from_string("{{ url('rows:by_id', v) }}").render(v=-1)
