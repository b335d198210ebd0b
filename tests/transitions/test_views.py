"""The one transition view, from both sides: who is refused, what bad input and stale forms
get, what success looks like."""

import pytest
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import UserFactory
from tests.transitions.urls import people
from transitions import VERSION_FIELD, Transition

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.transitions.urls")]


def url(user, name="rename"):
    return reverse("people:transition", kwargs={"pk": user.pk, "name": name})


@pytest.fixture
def ana(client):
    user = UserFactory(username="ana", first_name="Ana")
    client.force_login(user)
    return user


def test_the_url_of_a_transition_names_the_target_and_the_step(ana):
    assert url(ana) == f"/people/{ana.pk}/do/rename/"
    assert people.url_for(ana, "rename") == url(ana)


def test_anonymous_visitor_is_sent_to_login(client):
    user = UserFactory()
    response = client.post(url(user), {"first_name": "X"})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_unknown_transition_name_is_not_found(client, ana):
    assert client.post(url(ana, "fly")).status_code == 404
    assert client.get(url(ana, "fly")).status_code == 404


def test_target_the_user_may_not_see_is_not_found(client, ana):
    hidden = UserFactory(first_name="Hidden", is_active=False)
    assert client.post(url(hidden), {"first_name": "X"}).status_code == 404


def test_refused_user_gets_403_and_nothing_changes(client, ana):
    other = UserFactory(first_name="Bea")
    response = client.post(url(other), {"first_name": "Eve"})
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.first_name == "Bea"
    assert client.get(url(other)).status_code == 403


def test_get_shows_the_form_page_and_changes_nothing(client, ana):
    response = client.get(url(ana))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'action="{url(ana)}"' in body
    assert 'name="first_name"' in body
    assert f'name="{VERSION_FIELD}" value="Ana"' in body
    ana.refresh_from_db()
    assert ana.first_name == "Ana"


def test_other_methods_are_not_allowed(client, ana):
    assert client.put(url(ana)).status_code == 405


def test_success_redirects_to_the_target_with_the_message(client, ana):
    response = client.post(url(ana), {"first_name": "Anna", VERSION_FIELD: "Ana"})
    assert response.status_code == 302
    assert response["Location"] == f"/people/{ana.pk}/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["You are now Anna."]
    ana.refresh_from_db()
    assert ana.first_name == "Anna"


def test_bad_input_is_400_and_keeps_what_was_typed(client, ana):
    response = client.post(url(ana), {"first_name": "A much too long first name indeed"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ensure this value has at most 20 characters" in body
    assert 'value="A much too long first name indeed"' in body


def test_service_refusal_is_shown_next_to_the_field(client, ana):
    response = client.post(url(ana), {"first_name": "Bad"})
    assert response.status_code == 400
    assert "Bad is not a name." in response.content.decode()
    assert response.context["form"].errors["first_name"] == ["Bad is not a name."]
    ana.refresh_from_db()
    assert ana.first_name == "Ana"


def test_service_permission_refusal_is_403_with_its_message(client, ana):
    response = client.post(url(ana), {"first_name": "Forbidden"})
    assert response.status_code == 403
    assert "Only the registrar may choose that name." in response.content.decode()


def test_stale_form_from_a_second_tab_is_refused_then_a_deliberate_resend_goes_through(client, ana):
    first_tab = {"first_name": "Anna", VERSION_FIELD: "Ana"}
    second_tab = {"first_name": "Annie", VERSION_FIELD: "Ana"}
    assert client.post(url(ana), first_tab).status_code == 302
    refused = client.post(url(ana), second_tab)
    assert refused.status_code == 409
    body = refused.content.decode()
    assert "Someone changed this since you opened the form" in body
    assert 'value="Annie"' in body
    ana.refresh_from_db()
    assert ana.first_name == "Anna"
    resend = {"first_name": "Annie", VERSION_FIELD: refused.context["form"][VERSION_FIELD].value()}
    assert resend[VERSION_FIELD] == "Anna"
    assert client.post(url(ana), resend).status_code == 302
    ana.refresh_from_db()
    assert ana.first_name == "Annie"


def test_a_form_without_a_version_is_not_checked(client, ana):
    assert client.post(url(ana), {"first_name": "Anna"}).status_code == 302


def test_transition_without_fields_is_one_button_without_a_version(client, ana):
    response = client.post(url(ana, "wave"))
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["You waved."]


def test_available_for_lists_what_the_user_may_do_now_in_order(ana):
    request = RequestFactory().get("/")
    request.user = ana
    assert [t.name for t in people.available_for(request, ana)] == ["rename", "wave"]
    other = UserFactory(first_name="Shy")
    assert [t.name for t in people.available_for(request, other)] == []
    rename = people.available_for(request, ana)[0]
    assert (rename.title, rename.button, rename.style, rename.url) == (
        "Rename",
        "Rename",
        "primary",
        url(ana),
    )
    assert not rename.form.is_bound


def test_a_transition_name_is_a_slug_and_unique_in_its_set():
    with pytest.raises(ValueError):
        Transition(name="Mark done", title="x", allowed=bool, perform=bool, success="x")
    with pytest.raises(ValueError):
        people.add(people["wave"])


def test_a_stray_byte_in_the_step_name_is_not_found(client, ana):
    assert client.post(f"/people/{ana.pk}/do/rename%00/").status_code == 404
    assert client.post(f"/people/{ana.pk}/do/Rename/").status_code == 404
