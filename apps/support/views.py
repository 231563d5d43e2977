"""Filing a fault report from an agency's desk."""

from django.contrib import messages
from django.shortcuts import redirect, render

from apps.accounts.permissions import permission
from apps.core.digits import to_persian_digits
from apps.core.errors import ServiceError
from apps.core.http import client_ip

from . import services
from .forms import FaultReportForm


@permission("support.case", "create")
def fault_report_new(request):
    form = FaultReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.fault_report_file(actor=request.user, ip=client_ip(request), **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"گزارش ثبت شد. کد رهگیری: {to_persian_digits(case.tracking_code)}")
            return redirect("workflow:case_detail", tracking_code=case.tracking_code)
    return render(request, "support/fault_report_new.html", {"form": form})
