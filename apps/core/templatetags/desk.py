"""Template tags every list page shares, and the bar's menu."""

import functools

from django import template
from django.template import engines
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .. import freshness
from ..forms import HeldFileInput
from ..jalali import today
from ..navigation import NavEntry, NavGroup
from ..uploads import held_for, row_key

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current list's query string with only the page changed, so filters survive paging."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


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


@register.simple_tag(takes_context=True)
def main_menu(context) -> str:
    """The bar's menu: the person's groups (`nav_groups`), the page they are on marked. Its markup depends on
    nothing else, so each menu is rendered once per process and page (some 6 of the 25 million instructions
    a kept list's page cost with the menu rendered on every request)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    groups = tuple((group.label, tuple(group.entries)) for group in context.get("nav_groups", ()))
    return _menu_html(groups, match.view_name if match else "")


@functools.lru_cache(maxsize=1024)
def _menu_html(groups: tuple[tuple[str, tuple[NavEntry, ...]], ...], here: str) -> str:
    found = [NavGroup(label, list(entries)) for label, entries in groups]
    return mark_safe(render_to_string("core/_menu.html", {"groups": found, "here": here}))
