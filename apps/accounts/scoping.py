"""The one scoping layer: every page, download and API route reads through `visible_to`.

A model joins by setting `scope_org_field` (the path to its owner organization) and, where people
outside the owner also see a row, `scope_extra(user) -> Q`. Agency users then see only their own
agency's rows; the province Organization's staff see their province's; national officers see what
they are asked to act on. Another agency's id therefore answers 404, never someone else's data.
"""

from django.apps import apps
from django.db import models
from django.db.models import Q


def scope_queryset(queryset: models.QuerySet, user) -> models.QuerySet:
    model = queryset.model
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    if user.organization_id is None:
        return queryset.none()
    if user.is_province_staff:
        province_id = user.organization.province_id
        if province_id is None:
            return queryset.none()
        return queryset.filter(**{f"{model.scope_org_field}__province": province_id})
    condition = Q(**{model.scope_org_field: user.organization_id})
    extra = getattr(model, "scope_extra", None)
    if extra is not None:
        condition |= extra(user)
    return queryset.filter(condition)


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user, action: str = "view") -> models.QuerySet:
        """The rows this person may `action`, as the permission table declares for the model's kinds.

        A model no kind names yet keeps the organization-only scoping above.
        """
        from .permissions import kinds_of, visible

        if kinds_of(self.model):
            return visible(self, user, action)
        return scope_queryset(self, user)


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


def scoped_models() -> list[type[models.Model]]:
    """Every model that belongs to an organization (the isolation test walks them all)."""
    return [m for m in apps.get_models() if getattr(m, "scope_org_field", None)]
