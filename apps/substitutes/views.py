"""Pages of substitutes: the list, naming one, cancelling one with a confirmation."""

from django.shortcuts import redirect, render

from apps.accounts.permissions import Refused, may, permission
from apps.core.http import attempt, attempt_and_return, client_ip, paginate
from apps.core.jalali import today

from . import selectors, services
from .forms import SubstitutionForm
from .selectors import MODEL, NAMING, SUBSTITUTION


@permission(SUBSTITUTION, "view")
def substitution_list(request):
    page = paginate(request, selectors.substitution_list_for_user(user=request.user))
    day = today()
    for substitution in page:
        substitution.status = substitution.status_on(day)
    return render(
        request,
        "substitutes/substitution_list.html",
        {
            "page": page,
            "cancellable": selectors.cancellable_ids(user=request.user, substitutions=page),
            "can_name": may(request.user, NAMING, "create"),
        },
    )


def _refuse_unnamable(request) -> None:
    """A person asked for who is not among those the signed-in person may name a substitute for: 403, as
    the table refuses it, rather than a form error that would hide who is asking for whom."""
    absent = (request.POST.get("absent") or "").strip()
    if absent.isdigit() and not selectors.absent_choices(request.user).filter(pk=int(absent)).exists():
        raise Refused(403, kind=NAMING, action="create", obj_ref=f"absent={absent}")


@permission(NAMING, "create")
def substitution_new(request):
    if request.method == "POST":
        _refuse_unnamable(request)
    form = SubstitutionForm(
        request.POST or None,
        initial={"absent": request.user.pk, "starts_on": today()},
        absent_choices=selectors.absent_choices(request.user),
        substitute_choices=selectors.substitute_choices(request.user),
    )
    named = attempt(
        request,
        lambda: services.substitution_name(actor=request.user, ip=client_ip(request), **form.cleaned_data),
        "جانشین تعیین شد.",
        form=form,
    )
    if named:
        return redirect("substitutes:list")
    return render(request, "substitutes/substitution_new.html", {"form": form})


@permission(model=MODEL, action="act", lookup="pk")
def substitution_cancel(request, pk: int):
    substitution = selectors.substitution_get_for_user(user=request.user, pk=pk, action="act")
    if request.method == "POST":
        return attempt_and_return(
            request,
            lambda: services.substitution_cancel(
                actor=request.user, substitution=substitution, ip=client_ip(request)
            ),
            "جانشینی لغو شد.",
            "substitutes:list",
        )
    return render(request, "substitutes/substitution_cancel.html", {"substitution": substitution})
