"""API: who am I."""

from ninja import Router, Schema

from .permissions import signed_in

router = Router(tags=["accounts"])


class OrganizationOut(Schema):
    id: int
    code: str
    name: str
    kind: str


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    national_id: str | None
    roles: list[str]
    organization: OrganizationOut | None


@router.get("/me", response=MeOut, summary="The signed-in user")
@signed_in
def me(request):
    user = request.user
    return {
        "id": user.id,
        "username": user.username,
        "full_name": user.get_full_name(),
        "national_id": user.national_id,
        "roles": user.roles,
        "organization": user.organization,
    }
