"""The portal's own admin hooks: the scoped bulk actions on accounts (portal/users.py), and the page move
confirmation asking the permission the move itself asks."""

from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .users import BULK_ACTIONS

for action_class in BULK_ACTIONS:
    # After Wagtail's own (order 0): the registry keeps the last action of a type for a model.
    hooks.register("register_bulk_action", action_class, order=100)


@hooks.register("before_move_page")
def refuse_a_move_the_user_may_not_make(request, page, destination):
    """Wagtail's move confirmation names the page and its destination to whoever asks, and refuses only the POST
    (MovePageAction): another county's page is refused at once, with the page views' permission-denied answer."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("insert_global_admin_css")
def portal_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("portal/css/admin.css"))
