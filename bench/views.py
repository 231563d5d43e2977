"""Bare views for the page benchmark: the same rows of the same table, with Django's Paginator, no layout.

Each renders the table partial the real page includes, over the real page's selector, so the ratio
`page / bare` measures what the desk's layout, menus, filters and context processors cost on top.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from apps.core.http import PAGE_SIZE
from apps.workflow import selectors


def _bare_table(request, cases):
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workflow/_case_rows.html", {"page": page})


@login_required
def cartable(request):
    return _bare_table(request, selectors.cartable_for_user(user=request.user))


@login_required
def case_list(request):
    return _bare_table(request, selectors.case_list_for_user(user=request.user))
