"""Opening a list on its default view: a list opened with no filters at all goes to the owner's default."""

from django.http import HttpResponseRedirect

from .lists import LISTS
from .selectors import saved_view_default, saved_views_for_request


def default_view_redirect(request, list_key: str) -> HttpResponseRedirect | None:
    """A redirect to `?<default's filters>` when the list is opened bare and its person has a default.

    A redirect rather than filtering in place, so the address shows and shares what the list shows. Any
    query string (a cleared filter form sends its empty fields, the bar's «بدون فیلتر» sends `view=all`)
    opens the list as asked.
    """
    if request.method != "GET" or request.META.get("QUERY_STRING") or request.headers.get("HX-Request"):
        return None
    if list_key not in LISTS or not getattr(request.user, "is_authenticated", False):
        return None
    default = saved_view_default(user=request.user, views=saved_views_for_request(request, list_key))
    if default is None or not default.query:
        return None
    return HttpResponseRedirect(f"{request.path}?{default.query}")


class DefaultViewMiddleware:
    """Applies `default_view_redirect` to every list of apps/savedviews/lists.py, whichever app serves it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name not in LISTS:
            return None
        return default_view_redirect(request, match.view_name)
