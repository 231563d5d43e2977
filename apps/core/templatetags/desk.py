"""Template tags every list page shares, and the top bar."""

import functools

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import engines
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from .. import freshness, links, navigation, topbar
from ..forms import HeldFileInput
from ..jalali import today
from ..navigation import NavGroup
from ..uploads import held_for, row_key

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current list's query string with only the page changed, so filters survive paging."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.simple_tag
def asset(path: str) -> str:
    """`{% static %}` for the files the layout links on every page, looked up once per process: with the
    manifest's storage each is a lookup and a join, ten on every page."""
    return _asset_url(path)


@functools.lru_cache(maxsize=256)
def _asset_url(path: str) -> str:
    return static(path)


@receiver(setting_changed)
def _storage_changed(*, setting, **kwargs):
    # A test that changes where static files live, or how they are named.
    if setting in ("STORAGES", "STATIC_URL", "STATIC_ROOT", "INSTALLED_APPS", "DEBUG"):
        _asset_url.cache_clear()


@register.simple_tag(takes_context=True)
def link(context, view_name: str) -> str:
    """`{% url %}` of a page with nothing in its address (the layout's own links), reversed once per process
    (`core.links`)."""
    return links.link(view_name, current_app=links.current_app_of(context.get("request")))


@register.simple_tag(takes_context=True)
def rows(context, template_name: str) -> str:
    """A list's rows: a Jinja2 template (`apps/core/jinja.py`) rendered with this page's context."""
    template = engines["jinja2"].get_template(template_name)
    return mark_safe(template.render(context.flatten(), context.get("request")))


class ListingNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.nodelist.render(context)
        where = f"{self.origin.name}:{self.token.lineno}"
        parts = (where, str(user.pk), request.get_full_path(), today().isoformat())
        return freshness.kept(parts, lambda: self.nodelist.render(context), reader=user)


@register.tag
def listing(parser, token):
    """`{% listing %}…{% endlisting %}`: a list's rows, page links and count, rendered once per user, address,
    day and generations of the data the user may see (`apps/core/freshness.py`). The block reads only what that key
    names: the signed-in user, the address with its filters and page, the day, and the database; and of the agency
    tables only rows the user may see and what they point at (`freshness`'s docstring)."""
    nodelist = parser.parse(("endlisting",))
    parser.delete_first_token()
    return ListingNode(nodelist)


@register.simple_tag(takes_context=True)
def row_file_input(context, kind: str, pk, part="", label="", name="file", accept="", css="", required=False):
    """A file box in a row's own form (`hold_for_retry`): after a refused try it shows the file already chosen,
    with «حذف», and sends it again, as the desk's form fields do.
    `kind`, `pk` and `part` name the row (`uploads.row_key`)."""
    key = row_key(kind, pk, part) if part else row_key(kind, pk)
    attrs = {
        "class": css or "form-control form-control-sm mb-1",
        "aria-label": label,
        "id": f"{name}-{key.replace(':', '-').replace('.', '-')}",
    }
    if accept:
        attrs["accept"] = accept
    if required:
        attrs["required"] = True
    held = held_for(context.get("request"), key)
    return HeldFileInput(attrs=attrs).render(name, held)


# Stands for the request's CSRF token in a bar as kept; each response gets its own token in its place. Found
# by the whole field, which no name or other text the bar shows can spell (a quote in them is escaped).
_CSRF_SLOT = "csrf-token-of-the-request"
_CSRF_FIELD = f'name="csrfmiddlewaretoken" value="{_CSRF_SLOT}"'


@register.simple_tag(takes_context=True)
def top_bar(context) -> str:
    """The top bar: the brand, the person's menu (`navigation.menu_for`) with the page they are on marked, the
    apps' pieces (`topbar`) and the person's own menu. Its markup depends on nothing else, so each bar is
    rendered once per process for each person's name and organization, menu, page and the values the pieces
    read, and the request's CSRF token put in the sign-out form (the bar rendered on every request was some
    5 of the 19 million instructions of a kept list's page)."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return _bar_html((), False, "", None, (), "", ())
    match = getattr(context.get("request"), "resolver_match", None)
    html = _bar_html(
        tuple((place, tuple(templates)) for place, templates in topbar.slots().items()),
        True,
        user.get_full_name() or user.username,
        user.organization.name if user.organization_id else None,
        navigation.menu_for(user),
        match.view_name if match else "",
        tuple((name, context.get(name)) for name in topbar.reads()),
    )
    token = conditional_escape(str(context.get("csrf_token")))
    return mark_safe(html.replace(_CSRF_FIELD, f'name="csrfmiddlewaretoken" value="{token}"', 1))


@functools.lru_cache(maxsize=1024)
def _bar_html(
    pieces, signed_in: bool, name: str, organization, groups: tuple[NavGroup, ...], here, read
) -> str:
    found = {
        "signed_in": signed_in,
        "name": name,
        "organization": organization,
        "groups": groups,
        "here": here,
    }
    found.update(topbar=dict(pieces), csrf_token=_CSRF_SLOT, **dict(read))
    return render_to_string("core/_bar.html", found)
