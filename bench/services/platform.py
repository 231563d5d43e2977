"""The platform's part: fault reports in every state, and the cartable and case list with their bare views.

The bare views render the same rows, page links and count the real pages do, over the real pages'
selectors, with Django's Paginator, no layout and nothing kept between requests.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from apps.core.http import PAGE_SIZE
from apps.workflow import selectors
from bench.generate import BATCH, Context, generator
from bench.services import Page


@generator("platform")
def fault_reports(ctx: Context) -> int:
    """Fault reports (the platform's own process) in every state for every agency."""
    from apps.support.models import FaultReport

    categories = FaultReport.Category.values
    reports = []
    for agency in ctx.agencies:
        for n, case in enumerate(ctx.cases("support.fault", owner=agency, count=ctx.cases_per_agency)):
            reports.append(
                FaultReport(
                    case=case,
                    category=categories[n % len(categories)],
                    description="دکمه ثبت در فرم ثبت‌نام کار نمی‌کند و پیام خطا نشان داده می‌شود.",
                    answer="اصلاح شد." if case.state == "resolved" else "",
                )
            )
    FaultReport.objects.bulk_create(reports, batch_size=BATCH)
    return len(reports)


def _bare_table(request, cases, **table):
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    # The table the pages keep in {% listing %}, read and rendered here on every request.
    return render(request, "workflow/_case_table.html", {"page": page, **table})


@login_required
def cartable(request):
    # The cartable's table has a selection column for bulk actions: the same table has it too.
    return _bare_table(request, selectors.cartable_for_user(user=request.user), bulk=True)


@login_required
def case_list(request):
    return _bare_table(request, selectors.case_list_for_user(user=request.user))


@login_required
def floor(request):
    # What any signed-in page costs before it reads or renders anything: every middleware, the session and
    # the user. The page benchmark prints its throughput and p95 beside the pages'.
    return HttpResponse("floor")


urlpatterns = [
    path("bench/bare/floor/", floor, name="bench_bare_floor"),
    path("bench/bare/cartable/", cartable, name="bench_bare_cartable"),
    path("bench/bare/cases/", case_list, name="bench_bare_case_list"),
]

PAGES = [
    Page("cartable", "/cartable/", "/bench/bare/cartable/", "expert", "platform"),
    Page("case-list", "/cartable/cases/", "/bench/bare/cases/", "expert", "platform"),
    Page("agency-cartable", "/cartable/", "/bench/bare/cartable/", "officer101", "platform"),
]
