"""What the search box finds of the managers' service: the agency's managers' profiles by name and national ID."""

from django.urls import reverse

from apps.core.digits import to_persian_digits
from apps.search.registry import Found, Source, register


def _profile(profile) -> Found:
    detail = " — ".join(
        part
        for part in (
            f"کد ملی {to_persian_digits(profile.national_id)}" if profile.national_id else "",
            profile.current_unit,
            profile.organization.name,
        )
        if part
    )
    return Found(
        title=profile.full_name,
        url=reverse("managers:profile_detail", kwargs={"pk": profile.pk}),
        detail=detail,
        words=(profile.national_id,),
    )


# The agency's own database of managers, not the national pool: the pool's kind shows no personal data, so a
# name or a national ID must not find a profile through it.
register(
    Source(
        name="manager",
        label="پرونده‌های مدیران",
        model="managers.ManagerProfile",
        read=_profile,
        changed="updated_at",
        kind="managers.profile",
        related=("organization",),
        order=30,
        agency="organization",
    )
)
