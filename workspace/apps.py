from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """The staff workspace: who a signed-in user is in the domain (roles and scopes, computed
    from councils and police units) and their role's home page. It sits above the domain apps so
    that the user model in ``accounts`` knows nothing of councils or policing."""

    name = "workspace"
    verbose_name = "Workspace"
