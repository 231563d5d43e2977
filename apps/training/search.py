"""What the search box finds of the training service: courses by title, learners by name and national ID."""

from urllib.parse import urlencode

from django.db.models.functions import Coalesce
from django.urls import reverse

from apps.core.digits import to_persian_digits
from apps.search.registry import Found, Source, register

from .permissions import COURSE, HISTORY
from .workflow import PROCESS_NAME


def _course(course) -> Found:
    return Found(
        title=course.title,
        url=reverse("training:course_detail", kwargs={"pk": course.pk}),
        detail=f"سال {to_persian_digits(course.year)} — {course.get_category_display()}",
        words=(course.get_category_display(),),
    )


def _learner(learner) -> Found:
    # A learner has no page of their own: their training record (شناسنامه آموزشی) lists every course.
    return Found(
        title=learner.full_name,
        url=reverse("training:history") + "?" + urlencode({"national_id": learner.national_id}),
        detail=f"کد ملی {to_persian_digits(learner.national_id)} — {learner.request.course.title} — "
        f"{learner.organization.name}",
        words=(learner.national_id,),
    )


register(
    Source(
        name="course",
        label="دوره‌های آموزشی",
        model="training.Course",
        read=_course,
        # A course has only its creation: its editing is not dated.
        changed="created_at",
        kind=COURSE,
        order=40,
        province="province",
    )
)
# Found as the training records are: whom the records' rule (not the request forms') lets see them.
register(
    Source(
        name="learner",
        label="فراگیران",
        model="training.Learner",
        read=_learner,
        # A learner has no time of their own: their request's, which moves as its case (the case's last step,
        # as the case's own source reads it).
        changed=Coalesce("request__case__step_started_at", "request__case__created_at"),
        # Only a request's case dates its learners: another case's step asks nothing of them.
        follows={"request__case": lambda case: case.process == PROCESS_NAME},
        kind=HISTORY,
        related=("request__course", "organization"),
        order=20,
        agency="organization",
    )
)
