"""A transition set over users, mounted beside the real URLs: the mechanism without a domain."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import include, path

from accounts.models import User
from config.urls import urlpatterns as site_urlpatterns
from transitions import Transition, TransitionSet


class RenameForm(forms.Form):
    first_name = forms.CharField(max_length=20)


def rename(user: User, *, by, first_name: str) -> User:
    """A stand-in service: refuses some names as a real one would refuse a state."""
    if first_name == "Bad":
        raise ValidationError({"first_name": "Bad is not a name."})
    if first_name == "Forbidden":
        raise PermissionDenied("Only the registrar may choose that name.")
    user.first_name = first_name
    user.save(update_fields=["first_name"])
    return user


people = TransitionSet(
    namespace="people",
    get_object=lambda request, pk: User.objects.filter(pk=pk, is_active=True).first(),
    redirect_to=lambda user: f"/people/{user.pk}/",
    version=lambda user: user.first_name,
    label=lambda user: user.username,
)
people.add(
    Transition(
        name="rename",
        title="Rename",
        allowed=lambda by, user: by == user,
        form_class=RenameForm,
        perform=lambda user, *, by, data: rename(user, by=by, **data),
        success=lambda user: f"You are now {user.first_name}.",
        style="primary",
    )
)
people.add(
    Transition(
        name="wave",
        title="Wave",
        allowed=lambda by, user: True,
        available=lambda user: user.first_name != "Shy",
        perform=lambda user, *, by, data: None,
        success="You waved.",
        checks_version=False,
    )
)

urlpatterns = [path("people/", include((people.urls(), "people"))), *site_urlpatterns]
