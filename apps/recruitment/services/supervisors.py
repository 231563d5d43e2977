"""Step 3 of seed 000: the supervisors' roster, nominations per venue and their cards."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from apps.accounts.models import Organization, User, province_organization
from apps.core.errors import ConflictError, InvalidError
from apps.core.national_id import is_valid_national_id
from apps.core.uploads import IMAGE_KINDS, validate_upload
from apps.documents.services import document_issue

from .. import permissions
from ..documents import CARD_TEMPLATE, SUPERVISOR_CARD, card_context, card_summary
from ..models import Nomination, Round, Supervisor, Venue
from ..rules import CARD_VALID_DAYS_AFTER_EXAM
from .common import record, require_may, require_open


@transaction.atomic
def supervisor_add(
    *, actor: User, full_name: str, national_id: str, photo, mobile: str = "", user: User | None = None
) -> Supervisor:
    """A person joins the roster with a checked photo (PNG or JPEG)."""
    require_may(actor, permissions.SUPERVISOR, "create")
    if not full_name.strip():
        raise InvalidError("نام ناظر را وارد کنید.")
    if not is_valid_national_id(national_id):
        raise InvalidError("کد ملی معتبر نیست.")
    if Supervisor.objects.filter(national_id=national_id).exists():
        raise InvalidError("این کد ملی در فهرست ناظران هست.")
    if user is not None and user.national_id != national_id:
        # The card printed for this roster entry is what the account's holder opens as their own.
        raise InvalidError(
            "کد ملی حساب کاربری با کد ملی ناظر یکی نیست؛ کارت هر ناظر فقط به حساب خود او پیوند می‌خورد."
        )
    try:
        validate_upload(photo, kinds=IMAGE_KINDS)
    except ValidationError as exc:
        raise InvalidError(exc.messages[0]) from exc
    supervisor = Supervisor.objects.create(
        full_name=full_name.strip(), national_id=national_id, mobile=mobile, photo=photo, user=user
    )
    record("supervisor.added", actor=actor, subject=supervisor, changes={"name": supervisor.full_name})
    return supervisor


def _province(round_) -> Organization:
    """The Organization of the round's province, which issues its supervisors' cards."""
    return province_organization(round_.province_id)


@transaction.atomic
def card_issue(*, actor: User, nomination: Nomination):
    """Issues (or re-issues) the card PDF of one nomination, verifiable by its code."""
    require_may(actor, permissions.NOMINATION, "create")
    nomination = Nomination.objects.select_related("venue__round", "supervisor").get(pk=nomination.pk)
    document = document_issue(
        kind=SUPERVISOR_CARD,
        template_name=CARD_TEMPLATE,
        context=card_context(nomination),
        title=f"کارت ناظر آزمون — {nomination.venue.round.title}",
        owner=_province(nomination.venue.round),
        holder_name=nomination.supervisor.full_name,
        holder_national_id=nomination.supervisor.national_id,
        actor=actor,
        summary=card_summary(nomination),
    )
    nomination.card = document
    nomination.save(update_fields=["card"])
    return document


@transaction.atomic
def supervisor_nominate(*, actor: User, venue: Venue, supervisor: Supervisor) -> Nomination:
    """The Deputy names a supervisor for a venue; the card is issued at once."""
    require_may(actor, permissions.VENUE, "edit", venue)
    venue = Venue.objects.select_related("round").get(pk=venue.pk)
    round_: Round = venue.round
    require_open(round_)
    if round_.exam_date is None:
        raise ConflictError("ابتدا زمان آزمون اعلام شود.")
    if round_.reached(Round.Stage.REPORTED):
        raise ConflictError("آزمون این دوره برگزار شده است.")
    if Nomination.objects.filter(venue=venue, supervisor=supervisor).exists():
        raise InvalidError("این ناظر پیش‌تر برای این حوزه معرفی شده است.")
    nomination = Nomination.objects.create(
        venue=venue,
        supervisor=supervisor,
        card_number=f"{round_.code}-{venue.pk:04d}-{supervisor.pk:05d}",
        valid_until=round_.exam_date + dt.timedelta(days=CARD_VALID_DAYS_AFTER_EXAM),
    )
    record(
        "supervisor.nominated",
        actor=actor,
        subject=nomination,
        changes={"venue": venue.name, "supervisor": supervisor.full_name},
    )
    nomination.card = card_issue(actor=actor, nomination=nomination)
    return nomination
