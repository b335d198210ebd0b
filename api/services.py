"""Creating and revoking API tokens: by their owner (staff page) or an administrator (admin)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from api.models import ApiToken
from workspace.scopes import scope_of

#: The lifetimes offered; a token never lives longer than a year.
LIFETIMES_DAYS = (30, 90, 365)


def can_manage_tokens_of(user, owner) -> bool:
    """A user manages their own tokens; an administrator anyone's."""
    return user.is_authenticated and (user.pk == owner.pk or scope_of(user).is_admin)


def create_token(owner, *, name: str, days: int, by) -> tuple[ApiToken, str]:
    """A new token for ``owner``; the clear text is returned once and never stored."""
    if not can_manage_tokens_of(by, owner):
        raise PermissionDenied(_("You may not create tokens for this user."))
    if not owner.is_active:
        raise ValidationError(_("This user's account is not active."))
    if days not in LIFETIMES_DAYS:
        raise ValidationError({"days": _("Choose one of the offered lifetimes.")})
    try:
        with transaction.atomic():
            return ApiToken.objects.create(
                owner, expiry=timedelta(days=days), name=name.strip(), created_by=by
            )
    except IntegrityError:
        raise ValidationError(
            {"name": _("You already have a token of this name: choose another name.")}
        ) from None


def revoke_token(token: ApiToken, *, by) -> None:
    """Revoking deletes the row: knox then answers 401 to the token at once."""
    if not can_manage_tokens_of(by, token.user):
        raise PermissionDenied(_("You may not revoke this token."))
    token.delete()
