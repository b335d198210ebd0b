"""Transition and TransitionSet: what an app declares, and the one view that serves it."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, register_converter, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from transitions.forms import VERSION_FIELD, EmptyForm, add_service_errors, add_version_field

#: A text, or a callable making it from the target (``lambda meeting: ...``).
Text = str | Callable[[Any], str]


class TransitionNameConverter:
    """A step's name in its URL: lower-case slug characters only (stray bytes are a 404)."""

    regex = "[-a-z0-9_]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TransitionNameConverter, "transition_name")


def _always(target: Any) -> bool:
    return True


def _text(text: Text, target: Any) -> str:
    return text(target) if callable(text) else text


@dataclass(frozen=True, kw_only=True)
class Transition:
    """One thing a user can do to a target: its form, who may, what it does, what it says.

    ``allowed(user, target)`` is the policy: False answers 403. ``available(target)`` is the
    state: whether the page offers it now. A POST of a transition that is not available still
    reaches ``perform``, whose service refuses it with a message the user reads (a second tab).
    ``perform(target, *, by, data)`` calls the service with the form's cleaned data; its
    ValidationError and PermissionDenied are shown on the form.
    """

    name: str
    title: Text
    allowed: Callable[[Any, Any], bool]
    perform: Callable[..., Any]
    success: Text
    available: Callable[[Any], bool] = _always
    form_class: type[forms.Form] = EmptyForm
    form_kwargs: Callable[[Any, HttpRequest], dict] | None = None
    prefix: str | None = None
    button: Text | None = None
    style: str = ""
    expanded: bool = False
    checks_version: bool = True

    def __post_init__(self):
        if slugify(self.name) != self.name or self.name.lower() != self.name:
            raise ValueError(f"A transition's name is a slug, not {self.name!r}.")


@dataclass(frozen=True)
class BoundTransition:
    """A transition offered on one target to one user, with its form (bound after a POST)."""

    transition: Transition
    target: Any
    form: forms.Form
    url: str
    title: str
    button: str

    @property
    def name(self) -> str:
        return self.transition.name

    @property
    def style(self) -> str:
        return self.transition.style

    @property
    def expanded(self) -> bool:
        return self.transition.expanded


class StaleForm(Exception):
    """The target changed after the form was rendered."""


class TransitionSet:
    """The transitions of one kind of target, served at one URL pattern."""

    def __init__(
        self,
        *,
        namespace: str,
        get_object: Callable[[HttpRequest, int], Any],
        redirect_to: Callable[[Any], str],
        url_name: str = "transition",
        route: str = "<int:pk>/do/<transition_name:name>/",
        template: str = "transitions/page.html",
        version: Callable[[Any], str] | None = None,
        label: Callable[[Any], str] = str,
    ):
        self.namespace = namespace
        self.get_object = get_object
        self.redirect_to = redirect_to
        self.url_name = url_name
        self.route = route
        self.template = template
        self.version = version
        self.label = label
        self._transitions: dict[str, Transition] = {}

    def add(self, transition: Transition) -> Transition:
        if transition.name in self._transitions:
            raise ValueError(f"{self.namespace} already has a transition {transition.name!r}.")
        self._transitions[transition.name] = transition
        return transition

    def __getitem__(self, name: str) -> Transition:
        return self._transitions[name]

    def __iter__(self) -> Iterator[Transition]:
        return iter(self._transitions.values())

    def __contains__(self, name: str) -> bool:
        return name in self._transitions

    # --- URLs and forms

    def urls(self) -> list[URLPattern]:
        return [path(self.route, login_required(self.view), name=self.url_name)]

    def url_for(self, target: Any, name: str) -> str:
        return reverse(f"{self.namespace}:{self.url_name}", kwargs={"pk": target.pk, "name": name})

    def bind(
        self, request: HttpRequest, target: Any, name: str, data=None, files=None
    ) -> BoundTransition:
        transition = self._transitions[name]
        kwargs = transition.form_kwargs(target, request) if transition.form_kwargs else {}
        if transition.prefix is not None:
            kwargs["prefix"] = transition.prefix
        form = transition.form_class(data, files, **kwargs)
        if self.version is not None and transition.checks_version:
            add_version_field(form, self.version(target))
        return BoundTransition(
            transition=transition,
            target=target,
            form=form,
            url=self.url_for(target, name),
            title=_text(transition.title, target),
            button=_text(transition.button or transition.title, target),
        )

    def available_for(self, request: HttpRequest, target: Any) -> list[BoundTransition]:
        """What ``request.user`` may do to ``target`` now, in declaration order, unbound."""
        return [
            self.bind(request, target, t.name)
            for t in self
            if t.allowed(request.user, target) and t.available(target)
        ]

    # --- The one view

    def view(self, request: HttpRequest, pk: int, name: str) -> HttpResponse:
        """GET shows the transition's own page; POST validates, performs and redirects."""
        if name not in self._transitions:
            raise Http404
        target = self.get_object(request, pk)
        if target is None:
            raise Http404
        transition = self._transitions[name]
        if not transition.allowed(request.user, target):
            raise PermissionDenied
        if request.method == "GET":
            return self._render(request, self.bind(request, target, name), status=200)
        if request.method != "POST":
            return HttpResponseNotAllowed(["GET", "POST"])
        bound = self.bind(request, target, name, data=request.POST, files=request.FILES)
        form, status = bound.form, 400
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != VERSION_FIELD}
            try:
                with transaction.atomic():
                    self._refuse_stale(form, target, transition)
                    transition.perform(target, by=request.user, data=data)
            except StaleForm:
                status = 409
                form.add_error(
                    None,
                    _(
                        "Someone changed this since you opened the form. Check the page for "
                        "what changed; send the form again if it is still right."
                    ),
                )
                # A second, deliberate send goes through.
                form.data = form.data.copy()
                form.data[form.add_prefix(VERSION_FIELD)] = self.version(target)
            except ValidationError as exc:
                add_service_errors(form, exc)
            except PermissionDenied as exc:
                status = 403
                form.add_error(None, str(exc) or _("You may not do this."))
            else:
                messages.success(request, _text(transition.success, target))
                return redirect(self.redirect_to(target))
        return self._render(request, bound, status=status)

    def _refuse_stale(self, form: forms.Form, target: Any, transition: Transition) -> None:
        """A form sent with the version it was rendered for is refused when the target moved
        on. Forms without it (tests, scripts) are not checked: the services keep the rules."""
        if self.version is None or not transition.checks_version:
            return
        sent = form.cleaned_data.get(VERSION_FIELD)
        if sent and sent != self.version(target):
            raise StaleForm

    def _render(self, request: HttpRequest, bound: BoundTransition, *, status: int):
        return render(
            request,
            self.template,
            {
                "transition": bound,
                "form": bound.form,
                "target": bound.target,
                "label": self.label(bound.target),
                "back_url": self.redirect_to(bound.target),
            },
            status=status,
        )
