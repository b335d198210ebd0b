from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from workspace.selectors import dashboard_for


@login_required
def home(request):
    """Each role lands here: their councils or units and the counts of their open items."""
    return render(request, "workspace/home.html", {"dashboard": dashboard_for(request.user)})
