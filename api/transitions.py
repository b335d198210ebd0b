"""Each app's transition declarations served as API actions: ``POST /concerns/{id}/triage/``.

The declarations (``concerns/transitions.py``, ``councils/transitions.py``,
``policing/transitions.py``) already say who may (``allowed``), when (``available``), what input
(``form_class``) and what it does (``perform``); this module only translates them to JSON. The
request body is bound to the declaration's own form, so the API validates exactly as the page
does; the schema's request body is derived from the same form's fields.

    403  ``allowed`` refuses this user (or the service raises PermissionDenied)
    404  the set's ``get_object`` gives this user no such target
    409  ``available`` says not now (code ``conflict``), or ``version`` is not the target's
         current one (code ``stale``)
    400  the form or the service refuses the input (``fields``)
"""

from collections.abc import Mapping

from django import forms
from django.db import transaction
from django.http import Http404
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from api.errors import Conflict, ErrorSerializer
from api.views.base import ERRORS
from publictexts.forms import MultilingualTextFormField, MultilingualTextWidget
from transitions import VERSION_FIELD, Transition, TransitionSet

VERSION_HELP = (
    "The target's `version` as last read: the step is refused with 409 `stale` if it changed "
    "since. Leave it out to skip the check."
)


# --- The schema of a step's input, from its form's declared fields


def _serializer_field(field: forms.Field) -> serializers.Field | None:
    common = {"required": field.required, "help_text": str(field.help_text or field.label or "")}
    if isinstance(field, forms.FileField):
        return None  # JSON bodies carry no files: attachments are added on the page
    if isinstance(field, MultilingualTextFormField):
        child = serializers.CharField(max_length=field.max_length)
        return serializers.DictField(child=child, **common)
    if isinstance(field, forms.BooleanField):
        return serializers.BooleanField(required=False, help_text=common["help_text"])
    if isinstance(field, forms.ModelChoiceField):
        if field.to_field_name:
            return serializers.CharField(**common)
        return serializers.IntegerField(min_value=1, **common)
    if isinstance(field, forms.ChoiceField):
        choices = [(value, label) for value, label in field.choices if value != ""]
        if choices and not any(isinstance(label, list | tuple) for _v, label in choices):
            # The model's (value, label) pairs: the schema names them as the model's enum.
            return serializers.ChoiceField(choices=choices, **common)
        return serializers.CharField(**common)
    if isinstance(field, forms.DateField):
        return serializers.DateField(**common)
    if isinstance(field, forms.TimeField):
        return serializers.TimeField(**common)
    if isinstance(field, forms.IntegerField):
        bounds = {"min_value": field.min_value, "max_value": field.max_value}
        return serializers.IntegerField(**bounds, **common)
    lengths = {
        key: getattr(field, key)
        for key in ("max_length", "min_length")
        if getattr(field, key, None) is not None
    }
    return serializers.CharField(allow_blank=not field.required, **lengths, **common)


def input_serializer(prefix: str, transition: Transition, checks_version: bool):
    fields = {}
    for name, field in transition.form_class.base_fields.items():
        converted = _serializer_field(field)
        if converted is not None:
            fields[name] = converted
    if checks_version:
        fields["version"] = serializers.CharField(required=False, help_text=VERSION_HELP)
    name = f"{prefix}{transition.name.title().replace('-', '')}Request"
    return type(name, (serializers.Serializer,), fields)


# --- Binding a JSON body to the declaration's form


def _form_data(form: forms.Form, body: Mapping) -> MultiValueDict:
    data = MultiValueDict()
    wrong_type = {}
    for name, field in form.fields.items():
        if name not in body or body[name] is None:
            continue
        key, value = form.add_prefix(name), body[name]
        if isinstance(field.widget, MultilingualTextWidget):
            if not isinstance(value, Mapping):
                wrong_type[name] = [_("Expected an object of texts by language code.")]
                continue
            for code, text in value.items():
                data[f"{key}_{code}"] = text if isinstance(text, str) else str(text)
        elif isinstance(value, Mapping | list):
            wrong_type[name] = [_("Expected a single value.")]
        elif isinstance(value, bool):
            data[key] = value if isinstance(field, forms.BooleanField) else str(value).lower()
        else:
            data[key] = str(value)
    if wrong_type:
        raise ValidationError(wrong_type)
    return data


def _form_errors(form: forms.Form) -> dict[str, list[str]]:
    return {
        (name if name != "__all__" else "non_field_errors"): [str(m) for m in messages]
        for name, messages in form.errors.items()
    }


def run_transition(transition_set: TransitionSet, transition: Transition, request, pk):
    """The page view's POST, answered in JSON; returns the target as it is afterwards."""
    try:
        target = transition_set.get_object(request, int(pk))
    except Http404:
        target = None
    if target is None:
        raise NotFound()
    if not transition.allowed(request.user, target):
        raise PermissionDenied()
    body = request.data
    if not isinstance(body, Mapping):
        raise ValidationError({"non_field_errors": [_("Expected a JSON object.")]})
    checks_version = transition_set.version is not None and transition.checks_version
    sent_version = body.get("version")
    if checks_version and sent_version and sent_version != transition_set.version(target):
        raise Conflict(
            _(
                "Someone changed this since you read it. Read it again; send the step again if "
                "it is still right."
            ),
            code="stale",
        )
    if not transition.available(target):
        raise Conflict(_("This step is not possible in the current state."))
    kwargs = _form_init_kwargs(transition, target, request)
    form = transition.form_class(_form_data(transition.form_class(**kwargs), body), **kwargs)
    if not form.is_valid():
        raise ValidationError(_form_errors(form))
    data = {k: v for k, v in form.cleaned_data.items() if k != VERSION_FIELD}
    # The service's ValidationError and PermissionDenied go to the exception handler: 400, 403.
    with transaction.atomic():
        transition.perform(target, by=request.user, data=data)
    try:
        return transition_set.get_object(request, int(pk)) or target
    except Http404:
        return target  # the step took the target out of this user's sight (a referral)


def _form_init_kwargs(transition: Transition, target, request) -> dict:
    kwargs = transition.form_kwargs(target, request) if transition.form_kwargs else {}
    if transition.prefix is not None:
        kwargs["prefix"] = transition.prefix
    return kwargs


TRANSITION_ERRORS = {
    **ERRORS,
    409: OpenApiResponse(
        ErrorSerializer,
        description="Not possible in the current state (`conflict`), or the target changed "
        "since `version` was read (`stale`).",
    ),
}


def with_transitions(transition_set: TransitionSet, *, prefix: str, response_serializer):
    """A class decorator: one POST action per declared transition of ``transition_set``."""

    def decorate(viewset):
        for transition in transition_set:
            checks = transition_set.version is not None and transition.checks_version
            method = _action_for(transition_set, transition, prefix, response_serializer, checks)
            setattr(viewset, method.__name__, method)
        viewset.transition_set = transition_set
        return viewset

    return decorate


def _action_for(transition_set, transition, prefix, response_serializer, checks_version):
    request_serializer = input_serializer(prefix, transition, checks_version)

    def perform(self, request, pk=None):
        target = run_transition(transition_set, transition, request, pk)
        return Response(response_serializer(target, context=self.get_serializer_context()).data)

    perform.__name__ = f"transition_{transition.name.replace('-', '_')}"
    summary = transition.name if callable(transition.title) else str(transition.title)
    perform = action(
        detail=True,
        methods=["post"],
        url_path=transition.name,
        url_name=f"transition-{transition.name}",
    )(perform)
    # After action(): it replaces the function's kwargs, where extend_schema keeps its own.
    return extend_schema(
        operation_id=f"{prefix.lower()}s_{transition.name.replace('-', '_')}",
        summary=summary,
        description=(
            f"The `{transition.name}` step, as on the staff page: the same policy, form and "
            "service."
        ),
        request=request_serializer,
        responses={200: response_serializer, **TRANSITION_ERRORS},
    )(perform)
