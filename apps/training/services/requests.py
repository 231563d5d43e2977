"""An agency's side of a registration: filing it with its learner form, fixing a returned one, and the
course evaluation and satisfaction survey that unlock the certificates."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from apps.accounts import permissions
from apps.accounts.models import User
from apps.audit.trail import audit_append
from apps.core.checks import check_fields
from apps.core.digits import to_persian_digits
from apps.core.errors import ConflictError, ForbiddenError, InvalidError, ServiceError
from apps.core.jalali import today
from apps.core.spreadsheets import RowError, get_spec, parse_workbook, validate_rows
from apps.core.uploads import validate_upload
from apps.workflow.models import Case
from apps.workflow.services import attachment_add, case_open, perform

from ..imports import LEARNER_IMPORT
from ..models import (
    RATING_HIGHEST,
    RATING_LOWEST,
    Course,
    CourseEvaluation,
    SatisfactionSurvey,
    TrainingRequest,
)
from ..permissions import CERTIFICATES, EVALUATION, REQUEST, SURVEY
from ..workflow import PROCESS_NAME


class LearnerFileError(ServiceError):
    """The learner form was refused; `errors` lists every bad row so the agency fixes all at once."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"فرم فراگیران {len(errors)} خطا دارد؛ هیچ چیزی ثبت نشد. خطاها را برطرف کنید.")
        self.errors = errors


def _check_document(uploaded, label: str, *, kinds=("pdf", "png", "jpg")) -> None:
    try:
        validate_upload(uploaded, kinds=kinds)
    except ValidationError as exc:
        raise InvalidError(f"{label}: {' '.join(exc.messages)}") from exc


def _learner_rows(*, learner_file, course: Course, organization_id: int, request_id: int | None = None):
    """The learner form's rows, all checked; any refusal raises with every row's error."""
    _check_document(learner_file, "فرم فراگیران", kinds=("xlsx",))
    spec = get_spec(LEARNER_IMPORT)
    context = {"course_id": course.pk, "organization_id": organization_id, "request_id": request_id}
    rows, errors = parse_workbook(learner_file, spec)
    errors += validate_rows(spec, rows, context)
    if errors:
        raise LearnerFileError(sorted(errors, key=lambda e: e.row_number))
    return spec, rows, context


def _check_receipt(*, course: Course, learners: int, amount: int, paid_on: dt.date) -> None:
    due = course.tuition * learners
    if amount < due:
        raise InvalidError(f"مبلغ فیش ({amount:,} ریال) کمتر از شهریه {learners} نفر ({due:,} ریال) است.")
    if paid_on > today():
        raise InvalidError("تاریخ واریز نمی‌تواند پس از امروز باشد.")


def request_file(
    *,
    actor: User,
    course: Course,
    receipt_number: str,
    receipt_amount: int,
    receipt_date: dt.date,
    learner_file,
    letter_file,
    receipt_file,
    ip: str | None = None,
) -> Case:
    """Step 3: the agency files a request; nothing is kept unless the learner form and documents all pass."""
    if not permissions.may(actor, REQUEST, "create"):
        raise ForbiddenError("درخواست دوره را کاربران دستگاه اجرایی ثبت می‌کنند.")
    # An agency attends its own province's calendar; another province's course is not its to request.
    if course.province_id != actor.organization.province_id:
        raise ForbiddenError("این دوره در تقویم آموزشی استان شما نیست.")
    _check_document(letter_file, "معرفی‌نامه رسمی")
    _check_document(receipt_file, "تصویر فیش بانکی")
    spec, rows, context = _learner_rows(
        learner_file=learner_file, course=course, organization_id=actor.organization_id
    )
    _check_receipt(course=course, learners=len(rows), amount=receipt_amount, paid_on=receipt_date)

    def create_request(case: Case) -> dict:
        request = TrainingRequest.objects.create(
            case=case,
            course=course,
            organization=actor.organization,
            receipt_number=receipt_number,
            receipt_amount=receipt_amount,
            receipt_date=receipt_date,
        )
        spec.save(rows, {**context, "request_id": request.pk})
        attachment_add(case=case, actor=actor, title="معرفی‌نامه رسمی شرکت‌کنندگان", uploaded_file=letter_file)
        attachment_add(case=case, actor=actor, title="فیش بانکی واریز شهریه", uploaded_file=receipt_file)
        return {"course": course.title, "learners": len(rows), "receipt_number": receipt_number}

    return case_open(
        process_name=PROCESS_NAME,
        owner=actor.organization,
        actor=actor,
        title=f"درخواست دوره «{course.title}» ({to_persian_digits(len(rows))} نفر)",
        ip=ip,
        apply=create_request,
    )


def request_fix(
    *,
    request: TrainingRequest,
    actor: User,
    learner_file=None,
    receipt_number: str = "",
    receipt_amount: int | None = None,
    receipt_date: dt.date | None = None,
    ip: str | None = None,
) -> Case:
    """A returned request, corrected (a new learner form, new receipt details) and sent back for review."""
    request = TrainingRequest.objects.select_related("case", "course").get(pk=request.pk)
    if not permissions.may(actor, REQUEST, "edit", request):
        raise ForbiddenError("درخواست را دستگاه درخواست‌کننده اصلاح می‌کند.")
    if request.case.state != "returned":
        raise ConflictError("فقط درخواست بازگشت‌داده‌شده اصلاح می‌شود.")
    rows = None
    if learner_file is not None:
        spec, rows, context = _learner_rows(
            learner_file=learner_file,
            course=request.course,
            organization_id=request.organization_id,
            request_id=request.pk,
        )
    amount = receipt_amount if receipt_amount is not None else request.receipt_amount
    paid_on = receipt_date or request.receipt_date
    count = len(rows) if rows is not None else request.learners.count()
    _check_receipt(course=request.course, learners=count, amount=amount, paid_on=paid_on)

    def apply_fix(case: Case) -> dict:
        if rows is not None:
            request.learners.all().delete()
            spec.save(rows, {**context, "request_id": request.pk})
        request.receipt_number = receipt_number or request.receipt_number
        request.receipt_amount, request.receipt_date = amount, paid_on
        request.save(update_fields=["receipt_number", "receipt_amount", "receipt_date"])
        return {"learners": count, "receipt_number": request.receipt_number}

    return perform(request.case, "resubmit", actor=actor, ip=ip, apply=apply_fix)


def _forms_step(request: TrainingRequest, actor: User, kind: str) -> None:
    if not permissions.may(actor, kind, "create", request):
        raise ForbiddenError("این فرم را دستگاه درخواست‌کننده تکمیل می‌کند.")
    if request.case.state != "forms":
        raise ConflictError("فرم‌ها پس از صدور گواهی‌نامه‌ها تکمیل می‌شوند.")


def _after_form(request: TrainingRequest, actor: User, ip: str | None) -> None:
    """The second of the two forms releases the certificates: the case moves to its last step."""
    request = TrainingRequest.objects.select_related("case").get(pk=request.pk)
    if request.forms_complete:
        perform(request.case, "complete", actor=actor, ip=ip)


def _form_checked(form):
    """The answers as the page's radio buttons allow them, whoever sent them: every rating in its range."""
    lowest, highest = to_persian_digits(RATING_LOWEST), to_persian_digits(RATING_HIGHEST)
    check_fields(
        form,
        exclude=("request", "filled_by"),
        refusal=f"امتیاز «{{label}}» باید از {lowest} تا {highest} باشد؛ فرم ثبت نشد.",
    )
    return form


@transaction.atomic
def evaluation_submit(
    *, request: TrainingRequest, actor: User, answers: dict, ip: str | None = None
) -> CourseEvaluation:
    request = TrainingRequest.objects.select_for_update(no_key=True).select_related("case").get(pk=request.pk)
    _forms_step(request, actor, EVALUATION)
    if CourseEvaluation.objects.filter(request=request).exists():
        raise ConflictError("فرم ارزشیابی این دوره پیش‌تر تکمیل شده است.")
    evaluation = _form_checked(CourseEvaluation(request=request, filled_by=actor, **answers))
    evaluation.save()
    audit_append(
        action="training.evaluation.filled",
        actor=actor,
        case=request.case,
        subject=evaluation,
        changes=answers,
        ip=ip,
    )
    _after_form(request, actor, ip)
    return evaluation


@transaction.atomic
def survey_submit(
    *, request: TrainingRequest, actor: User, answers: dict, ip: str | None = None
) -> SatisfactionSurvey:
    request = TrainingRequest.objects.select_for_update(no_key=True).select_related("case").get(pk=request.pk)
    _forms_step(request, actor, SURVEY)
    if SatisfactionSurvey.objects.filter(request=request).exists():
        raise ConflictError("فرم نظرسنجی این دوره پیش‌تر تکمیل شده است.")
    survey = _form_checked(SatisfactionSurvey(request=request, filled_by=actor, **answers))
    survey.save()
    audit_append(
        action="training.survey.filled",
        actor=actor,
        case=request.case,
        subject=survey,
        changes=answers,
        ip=ip,
    )
    _after_form(request, actor, ip)
    return survey


def certificates_check_release(*, request: TrainingRequest, user: User) -> None:
    """Certificates stay locked for the agency until both its forms are filled; the training group may always
    read them (the table's "download" of a request's certificates)."""
    if not permissions.may(user, CERTIFICATES, "download", request):
        raise ForbiddenError("گواهی‌نامه‌ها پس از تکمیل فرم ارزشیابی دوره و فرم نظرسنجی در دسترس است.")
