from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "门户"


class PortalUsersConfig(WagtailUsersAppConfig):
    """Wagtail's accounts admin with the portal's scoping (portal/users.py)."""

    user_viewset = "portal.users.UserViewSet"
