"""The staff page where a user creates and revokes their own API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from api import services
from api.forms import TokenForm
from api.models import ApiToken
from transitions import add_service_errors


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    """GET lists the tokens; POST creates one and shows it once, on this response only."""
    form = TokenForm(request.POST or None)
    created = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                token, text = services.create_token(
                    request.user,
                    name=form.cleaned_data["name"],
                    days=form.cleaned_data["days"],
                    by=request.user,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 400
            else:
                created = {"token": token, "text": text}
                form = TokenForm()
        else:
            status = 400
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "created": created,
            "tokens": ApiToken.objects.filter(user=request.user).order_by("-created"),
        },
        status=status,
    )


@login_required
@require_POST
def revoke(request, key: str):
    token = get_object_or_404(ApiToken, user=request.user, token_key=key)
    services.revoke_token(token, by=request.user)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("api_tokens:list")
