"""The lists a view may be saved for, and the GET parameters each one reads as its filters and sort.

A saved view keeps only these parameters, so a saved address never carries a page number, an export
format or anything the list would ignore. A list is named by its page's URL name.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict


@dataclass(frozen=True)
class SavedList:
    key: str
    label: str
    params: tuple[str, ...]


# The filters each view reads (its `_filters(request, …)` or form); the cases' lists share theirs.
_CASE_FILTERS = ("q", "process", "state", "overdue", "owner", "province")
LISTS = {
    found.key: found
    for found in (
        SavedList("workflow:cartable", "کارتابل", _CASE_FILTERS),
        SavedList("workflow:case_list", "همه پرونده‌ها", _CASE_FILTERS),
        SavedList("training:request_list", "درخواست‌های آموزش", ("q", "state", "province")),
        SavedList("recruitment:hire_list", "پرونده‌های استخدام", ("q", "state")),
        SavedList(
            "managers:profile_list", "بانک اطلاعات مدیران", ("q", "kind", "degree", "pooled", "province")
        ),
        SavedList("managers:decree_list", "احکام مدیران", ("q", "status", "expiring", "province")),
        SavedList("evaluation:evaluation_list", "ارزیابی‌های دستگاه‌ها", ("state",)),
        SavedList("complaints:complaint_list", "شکایات و پیشنهادها", ("q", "state", "kind", "province")),
    )
}


# What each filter is called on the page, for the manage page's sentence of a view's filters.
PARAM_LABELS = {
    "q": "جست‌وجو",
    "process": "فرایند",
    "state": "وضعیت",
    "overdue": "گذشته از مهلت",
    "owner": "دستگاه",
    "province": "استان",
    "kind": "نوع",
    "degree": "مدرک",
    "pooled": "بانک ملی مدیران",
    "status": "وضعیت حکم",
    "expiring": "رو به پایان",
}


def query_clean(list_key: str, query: str) -> str:
    """The part of `query` the list reads, non-empty values only, in the list's own order."""
    given = QueryDict(query or "")
    kept = []
    for name in LISTS[list_key].params:
        kept += [(name, value.strip()) for value in given.getlist(name) if value.strip()]
    return urlencode(kept)
