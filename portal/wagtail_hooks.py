"""The portal's own admin hooks: the scoped bulk actions on accounts (portal/users.py)."""

from wagtail import hooks

from .users import BULK_ACTIONS

for action_class in BULK_ACTIONS:
    # After Wagtail's own (order 0): the registry keeps the last action of a type for a model.
    hooks.register("register_bulk_action", action_class, order=100)
