"""Pages: the documents list and download, issuing an official letter, and public verification."""

from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render

from apps.accounts.permissions import permission, public
from apps.core.http import attempt, client_ip, file_download, paginate
from apps.workflow.models import Case

from . import selectors, services
from .forms import LetterForm, VerifyFileForm, VerifyForm
from .permissions import LETTER_KIND

DOCUMENT = "documents.IssuedDocument"


@permission(model=DOCUMENT)
def document_list(request):
    page = paginate(request, selectors.document_list_for_user(user=request.user))
    return render(request, "documents/document_list.html", {"page": page})


def pdf_response(document) -> FileResponse:
    return file_download(document.file, filename=document.filename, content_type="application/pdf")


@permission(model=DOCUMENT, action="download", lookup="pk")
def document_download(request, pk: int):
    return pdf_response(selectors.document_get_for_user(user=request.user, pk=pk, action="download"))


@permission(LETTER_KIND, "create")
def letter_issue(request, tracking_code: str):
    """Write → preview → «صدور نهایی»: nothing is issued until the preview is confirmed.

    The rule is the letter's; the case it answers must be one the writer sees (404 otherwise, as for a
    case that does not exist).
    """
    case = get_object_or_404(
        Case.objects.visible_to(request.user).select_related("owner"), tracking_code=tracking_code
    )
    form = LetterForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and "edit" not in request.POST:
        if "confirm" not in request.POST:
            paragraphs = services.letter_paragraphs(form.cleaned_data["body"])
            return render(
                request,
                "documents/letter_preview.html",
                {"form": form, "case": case, "paragraphs": paragraphs},
            )
        issued = attempt(
            request,
            lambda: services.letter_issue(
                case=case,
                actor=request.user,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                ip=client_ip(request),
            ),
            lambda document: f"نامه صادر شد؛ کد صحت‌سنجی: {document.verification_code}",
            form=form,
        )
        if issued:
            return redirect("documents:list")
    return render(request, "documents/letter_form.html", {"form": form, "case": case})


@public
def verify_form(request):
    """Public: type the code printed on a document."""
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("documents:verify", code=form.cleaned_data["code"])
    return render(request, "documents/verify.html", {"form": form, "file_form": VerifyFileForm()})


@public
def verify_file(request):
    """Public: upload the PDF itself; its signature, which document it is, and whether that one holds."""
    file_form = VerifyFileForm(request.POST or None, request.FILES or None)
    context = {"form": VerifyForm(), "file_form": file_form}
    if request.method != "POST":
        return render(request, "documents/verify.html", context)
    if not file_form.is_valid():
        return render(request, "documents/verify.html", context, status=400)
    result = selectors.document_check_file(data=file_form.cleaned_data["file"].read())
    return render(request, "documents/verify.html", {**context, "file_result": result})


@public
def verify(request, code: str):
    """Public: whether a document is genuine, and the few facts that let a reader match the paper."""
    document = selectors.document_verify(code=code)
    facts = selectors.verification_facts(document) if document else None
    return render(
        request,
        "documents/verify.html",
        {
            "form": VerifyForm(initial={"code": code}),
            "file_form": VerifyFileForm(),
            "searched": True,
            "facts": facts,
        },
        status=200 if document else 404,
    )
