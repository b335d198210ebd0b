"""Transitions as declarations: a form, a policy, a service and a message, served by one view.

Every workflow step of the tracker (triage a concern, hold a meeting, approve minutes, complete
an action) has the same shape: a user who may, a small form, a service that changes the state,
a message, a redirect. An app declares its steps once, in ``<app>/transitions.py``::

    from django.utils.translation import gettext_lazy as _
    from transitions import Transition, TransitionSet

    meeting_transitions = TransitionSet(
        namespace="councils",                   # the app_name of the urls.py that mounts it
        url_name="meeting_transition",          # default "transition"; one per set in a namespace
        route="meetings/<int:pk>/do/<transition_name:name>/",  # the default without "meetings/"
        get_object=lambda request, pk: selectors.meetings_visible_to(request.user)
        .filter(pk=pk)
        .first(),                               # None (or Http404) answers 404
        redirect_to=lambda meeting: meeting.get_absolute_url(),   # after success; back link
        version=lambda meeting: meeting.updated_at.isoformat(),   # optional: refuse stale tabs
        label=str,                              # how the form page names the target
    )
    meeting_transitions.add(
        Transition(
            name="hold",                        # a lower-case slug: the URL's last part
            title=_("Record as held"),          # or a callable(target) -> str
            allowed=lambda user, meeting: policies.can_manage_meeting(user, meeting),  # else 403
            available=lambda meeting: meeting.can_transition_to(Meeting.Status.HELD),  # offered?
            form_class=HoldForm,                # default EmptyForm: a single button
            form_kwargs=lambda meeting, request: {"meeting": meeting},  # optional
            prefix="hold",                      # optional form prefix
            perform=lambda meeting, *, by, data: services.hold_meeting(meeting, by=by, **data),
            success=_("The meeting was recorded as held."),  # or a callable(target) -> str
            button=_("Held"),                   # default: the title
            style="primary",                    # "", "primary" or "danger": the button's class
            expanded=False,                     # the card starts open on the page
            checks_version=True,                # False for steps a changed target must not block
        )
    )

and mounts the one URL pattern in its ``urls.py`` (``app_name = "councils"``)::

    urlpatterns = [..., *meeting_transitions.urls()]

The URL of a step is ``reverse("councils:meeting_transition", kwargs={"pk": ..., "name":
"hold"})``, or ``meeting_transitions.url_for(meeting, "hold")``. The view: login required;
404 for an unknown name or a target ``get_object`` does not give this user; 403 when
``allowed`` says no; GET shows the step's own page (``transitions/page.html``, or the set's
``template``); POST validates the form and calls ``perform`` in a transaction. Bad input and
the service's ValidationError are shown on that page with what was typed (400; a
PermissionDenied from the service 403); a form rendered for an older ``version`` of the target
is refused with a message (409); success adds ``success`` as a message and redirects to
``redirect_to(target)``.

The target's page offers what the user may do now::

    context["transitions"] = meeting_transitions.available_for(request, meeting)

    {% for transition in transitions %}{% include "transitions/form.html" %}{% endfor %}

(or ``{% include "transitions/list.html" %}``). Each item is a :class:`BoundTransition`:
``.name``, ``.title``, ``.button``, ``.style``, ``.expanded``, ``.url``, ``.form``. A step with
no visible field renders as a lone button, the others as a card with their form.

The REST API and the admin call the same services; they can reuse ``allowed`` and
``perform`` of a declaration (``meeting_transitions["hold"]``) rather than restate them.
"""

from transitions.declarations import BoundTransition, StaleForm, Transition, TransitionSet
from transitions.forms import VERSION_FIELD, EmptyForm, add_service_errors

__all__ = [
    "VERSION_FIELD",
    "BoundTransition",
    "EmptyForm",
    "StaleForm",
    "Transition",
    "TransitionSet",
    "add_service_errors",
]
