from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class PortalConfig(AppConfig):
    default = True  # apps.py also holds the users app's config
    name = "portal"
    verbose_name = "门户"

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the deploy checks)
            page_cache,  # here, not at the top: it needs the models, which load after this module
        )

        page_cache.connect_signals()


class PortalUsersConfig(WagtailUsersAppConfig):
    """Wagtail's accounts admin with the portal's scoping (portal/users.py)."""

    user_viewset = "portal.users.UserViewSet"
