"""Pages of spreadsheet imports: upload, the template, a job's progress and its errors."""

from django.http import Http404
from django.shortcuts import redirect, render

from apps.accounts.permissions import Refused, permission, signed_in

from . import selectors, services
from .forms import ImportUploadForm
from .http import attempt
from .spreadsheets import RowError, errors_workbook, get_spec, template_workbook, xlsx_file_response


def _spec_for(request, name: str):
    """The import named in the address, if the table lets this person do what it does (its kind and
    action): the rule depends on which import, so the route itself is only `@signed_in`."""
    spec = get_spec(name)
    if spec is None:
        raise Http404("چنین ورود اطلاعاتی وجود ندارد.")
    if not spec.allowed(request.user):
        raise Refused(403, kind=spec.kind or f"import.{spec.name}", action=spec.action)
    return spec


@signed_in
def import_upload(request, spec: str):
    import_spec = _spec_for(request, spec)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    job = attempt(
        request,
        lambda: services.import_start(
            spec_name=spec, uploaded_file=form.cleaned_data["file"], user=request.user, context={}
        ),
        form=form,
        field="file",
    )
    if job:
        return redirect("core:import_job", pk=job.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "core/import_upload.html", {"spec": import_spec, "form": form}, status=status)


# The template is an empty sheet, but it is the import's own: it is offered to those who may upload, under
# the same rule, rather than to everyone signed in (one rule per import is easier to read and to audit).
@signed_in
def import_template(request, spec: str):
    import_spec = _spec_for(request, spec)
    return xlsx_file_response(template_workbook(import_spec), f"{import_spec.name}-template.xlsx")


@permission("core.import_job", lookup="pk")
def import_job(request, pk: int):
    job = selectors.import_job_get_for_user(user=request.user, pk=pk)
    context = {"job": job, "spec": get_spec(job.spec_name)}
    template = "core/_import_progress.html" if request.headers.get("HX-Request") else "core/import_job.html"
    return render(request, template, context)


@permission("core.import_job", "download", lookup="pk")
def import_job_errors(request, pk: int):
    job = selectors.import_job_get_for_user(user=request.user, pk=pk, action="download")
    errors = [RowError(**e) for e in job.errors]
    return xlsx_file_response(errors_workbook(errors), f"import-{job.pk}-errors.xlsx")
