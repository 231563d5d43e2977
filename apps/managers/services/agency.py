"""The agency's posts and its own rules: the council's body, Form 4's weights and desired scores, the
specific criteria and the extra conditions."""

from decimal import Decimal

from django.db import IntegrityError, transaction

from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.core.checks import check_fields
from apps.core.digits import normalize_text, to_persian_digits
from apps.core.errors import InvalidError

from ..models import AgencyRules, ExtraCondition, Post
from ..rules import MAX_SPECIFIC_CRITERIA, Weights, score_maxima, weighted_score
from .common import audit, require

# Form 4's weights when an agency has not set its own (a desk default, not the seed's).
DEFAULT_WEIGHTS = Weights(
    general=Decimal("0.40"), specific=Decimal("0.30"), appraisal=Decimal("0.15"), performance=Decimal("0.15")
)
# The desired score per level: the seed names "the table annexed to the criteria" without giving it, so
# these are the desk's defaults until the agency sets its own; both are out of Form 4's 100.
# Written with the two places the saved rules keep, so the API answers 75.00 whether or not they are saved.
DEFAULT_DESIRED = {"middle": Decimal("75.00"), "base": Decimal("65.00")}
NO_WEIGHT = "دست‌کم یکی از ضرایب اهمیت فرم شماره ۴ باید بیشتر از صفر باشد."

# Posts and the agency's own rules.


@transaction.atomic
def post_save(*, actor: User, data: dict, post: Post | None = None) -> Post:
    """A managerial post and its competent superior, who must be one of the agency's own people."""
    require(actor, "managers.post", "edit" if post else "create", post)
    superior = data.get("superior")
    if superior is None or superior.organization_id != actor.organization_id:
        raise InvalidError("مقام مافوق ذی‌صلاح باید از کارکنان همین دستگاه باشد.")
    # The page offers only the agency's active heads: only they open Form 1 and sign the decree.
    if not (superior.is_active and superior.has_role(Role.AGENCY_HEAD)):
        raise InvalidError("مقام مافوق ذی‌صلاح باید بالاترین مقام فعال همین دستگاه باشد.")
    created = post is None
    post = post or Post(organization=actor.organization)
    for name, value in data.items():
        setattr(post, name, value)
    # As the page's field keeps it: a number in Persian digits is the same number, not a second post.
    post.number = normalize_text(post.number or "")
    check_fields(post, exclude=("organization", "superior"))
    try:
        with transaction.atomic():
            post.save()
    except IntegrityError:
        raise InvalidError("پستی با این شماره در دستگاه هست.") from None
    audit("post.created" if created else "post.updated", actor, post, {"number": post.number})
    return post


def rules_weights(rules: AgencyRules) -> Weights:
    return Weights(
        general=rules.weight_general,
        specific=rules.weight_specific,
        appraisal=rules.weight_appraisal,
        performance=rules.weight_performance,
    )


def rules_for(organization_id: int) -> AgencyRules:
    """The agency's rules, or the desk's defaults until it sets its own."""
    rules = AgencyRules.objects.filter(organization_id=organization_id).first()
    return rules or AgencyRules(
        organization_id=organization_id,
        weight_general=DEFAULT_WEIGHTS.general,
        weight_specific=DEFAULT_WEIGHTS.specific,
        weight_appraisal=DEFAULT_WEIGHTS.appraisal,
        weight_performance=DEFAULT_WEIGHTS.performance,
        desired_middle=DEFAULT_DESIRED["middle"],
        desired_base=DEFAULT_DESIRED["base"],
    )


@transaction.atomic
def rules_save(
    *, actor: User, data: dict, specific_criteria: list[str], extra_conditions: list[str]
) -> AgencyRules:
    """Sets the agency's body, Form 4's weights and desired scores, specific criteria and extra conditions."""
    require(actor, "managers.rules", "edit")
    criteria = [c.strip() for c in specific_criteria if c.strip()]
    if len(criteria) > MAX_SPECIFIC_CRITERIA:
        raise InvalidError(
            f"فرم شماره ۴ حداکثر {to_persian_digits(MAX_SPECIFIC_CRITERIA)} معیار اختصاصی دارد."
        )
    rules = rules_for(actor.organization_id)
    for name, value in data.items():
        setattr(rules, name, value)
    rules.specific_criteria = criteria
    # Form 4's final score is the coefficients' weighted mean of the clauses: it needs one to weigh by.
    try:
        weighted_score(
            points=dict.fromkeys(score_maxima(specific_count=0), 0),
            maxima=score_maxima(specific_count=len(criteria)),
            weights=rules_weights(rules),
        )
    except ValueError:
        raise InvalidError(NO_WEIGHT) from None
    rules.save()
    wanted = [t.strip() for t in extra_conditions if t.strip()]
    ExtraCondition.objects.filter(organization=actor.organization).exclude(title__in=wanted).update(
        is_active=False
    )
    for title in wanted:
        ExtraCondition.objects.update_or_create(
            organization=actor.organization, title=title, defaults={"is_active": True}
        )
    audit("rules.saved", actor, rules, {**{k: str(v) for k, v in data.items()}, "extra": wanted})
    return rules
