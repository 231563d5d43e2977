"""What the search box finds of recruitment: accepted candidates and hire files, by name and national ID."""

from urllib.parse import urlencode

from django.db.models.functions import Coalesce
from django.urls import reverse

from apps.core.digits import to_persian_digits
from apps.search.registry import Found, Source, register

from .permissions import CANDIDATE, HIRE
from .rules import HIRE_PROCESS_NAME, ROUND_PROCESS_NAME


def _candidate(candidate) -> Found:
    # A candidate has no page of their own: the round's accepted list, filtered to their national ID.
    return Found(
        title=f"{candidate.first_name} {candidate.last_name}",
        url=reverse("recruitment:candidate_list", kwargs={"pk": candidate.round_id})
        + "?"
        + urlencode({"q": candidate.national_id}),
        detail=f"کد ملی {to_persian_digits(candidate.national_id)} — {candidate.get_status_display()} — "
        f"{candidate.round.title}",
        words=(candidate.national_id,),
    )


def _hire(hire) -> Found:
    # The hire file moves as a case: its page is the case's.
    return Found(
        title=f"{hire.first_name} {hire.last_name}",
        url=reverse("workflow:case_detail", kwargs={"tracking_code": hire.case.tracking_code}),
        detail=f"کد ملی {to_persian_digits(hire.national_id)} — پرونده استخدام — {hire.agency.name}",
        words=(hire.national_id,),
    )


register(
    Source(
        name="candidate",
        label="پذیرفته‌شدگان آزمون استخدامی",
        model="recruitment.Candidate",
        read=_candidate,
        # A candidate has no time of their own: their round's, which moves as its case's steps (results,
        # interviews, registration); a round without a case has only its creation.
        changed=Coalesce("round__case__step_started_at", "round__created_at"),
        # Only a round's case dates its candidates: another case's step asks nothing of them.
        follows={"round__case": lambda case: case.process == ROUND_PROCESS_NAME},
        kind=CANDIDATE,
        related=("round",),
        order=25,
        agency="job__agency",
    )
)
register(
    Source(
        name="hire",
        label="پرونده‌های استخدام",
        model="recruitment.Hire",
        read=_hire,
        # The file moves as its case: the case's last step (as the case's own source reads it).
        changed=Coalesce("case__step_started_at", "case__created_at"),
        # Only a hire's case moves a hire file: another case's step asks nothing of the files.
        follows={"case": lambda case: case.process == HIRE_PROCESS_NAME},
        kind=HIRE,
        related=("case", "agency"),
        order=24,
        agency="agency",
    )
)
