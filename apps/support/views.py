"""Filing a fault report from an agency's desk."""

from django.shortcuts import redirect, render

from apps.accounts.permissions import permission
from apps.core.digits import to_persian_digits
from apps.core.http import attempt, client_ip

from . import services
from .forms import FaultReportForm


@permission("support.case", "create")
def fault_report_new(request):
    form = FaultReportForm(request.POST or None)
    case = attempt(
        request,
        lambda: services.fault_report_file(actor=request.user, ip=client_ip(request), **form.cleaned_data),
        lambda case: f"گزارش ثبت شد. کد رهگیری: {to_persian_digits(case.tracking_code)}",
        form=form,
    )
    if case:
        return redirect("workflow:case_detail", tracking_code=case.tracking_code)
    return render(request, "support/fault_report_new.html", {"form": form})
