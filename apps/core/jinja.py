"""The Jinja2 environment of the list rows: the templates under each app's `jinja2/` folder.

A list's 50 rows cost about 180 µs each in Django's template engine, most of a list page's rendering;
compiled to Python by Jinja2 they cost a fifth of that. The pages themselves stay Django templates and
take their rows in with `{% rows "app/_rows.html" %}` (`templatetags/desk.py`). The rows read only what
their view or the page passes them, and the request; Persian digits, dates and links come from the same
functions the Django templates use.
"""

from jinja2 import Environment, pass_context

from . import links
from .templatetags.jalali import fa, jalali, jalali_dt


@pass_context
def url(context, view_name: str, value=links.NO_ARGUMENT) -> str:
    """`{{ url('app:name', value) }}`: the link `{% url 'app:name' value %}` gives."""
    return links.link(view_name, value, current_app=links.current_app_of(context.get("request")))


# Functions an app lends its rows (`register_global`), so the rows ask the app without core importing it.
_GLOBALS: dict = {}


def register_global(name: str, function) -> None:
    _GLOBALS[name] = function


def environment(**options) -> Environment:
    env = Environment(**options)
    env.filters.update(fa=fa, jalali=jalali, jalali_dt=jalali_dt)
    env.globals.update(url=url, **_GLOBALS)
    return env
