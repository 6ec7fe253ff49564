"""How a case moves from state to state, for every kind of case.

Each kind declares its transitions once, as data: a ``Transition`` says from which states it may run, who may
run it, any condition of the moment, the form it asks for and the step itself. A ``Workflow`` holds a kind's
transitions with its models and rules, and gives the one ``perform()`` the admin case pages call: the user must
be able to open the case and the transition must be on offer; the form is validated; the case is locked, the
step runs and the history records who did what and when.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class ActionForm(forms.Form):
    """The form of a transition; it knows the user and the case, for forms whose fields depend on them."""

    def __init__(self, *args, user=None, case=None, **kwargs):
        self.user = user
        self.case = case
        super().__init__(*args, **kwargs)


class NoteForm(ActionForm):
    note = forms.CharField(label=_("说明"), required=False, max_length=500)


def anyone(user, case):
    return True  # anyone who can open the case (checked before any transition)


def always(case, user):
    return True


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    run: Callable  # (case, user, cleaned form data) -> None; raises ValidationError to refuse
    form: type = NoteForm
    from_statuses: frozenset = frozenset()
    allowed: Callable = anyone  # (user, case): who may run it
    available: Callable = always  # (case, user): a condition of the moment, such as a pending request
    button_class: str = ""

    def offered(self, case, user):
        return case.status in self.from_statuses and self.allowed(user, case) and self.available(case, user)


@dataclass(frozen=True)
class Workflow:
    """One kind of case: its model, its history model, who may open a case, and its transitions."""

    model: type
    event_model: type
    may_open: Callable  # (user, case)
    transitions: tuple = ()
    on_status_change: Callable | None = None  # (case, old status, new status), in the change's transaction
    reveal_action: str = ""  # the history's action when someone opens the personal numbers shown masked
    reveal_note: str = ""
    by_name: dict = field(init=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "by_name", {t.name: t for t in self.transitions})

    def available(self, case, user):
        """The transitions this user can run on this case now (what the case page offers)."""
        return [t for t in self.transitions if t.offered(case, user)]

    def form_for(self, transition, user, data=None, case=None):
        return transition.form(data, prefix=transition.name, user=user, case=case)

    def record(self, case, action, user=None, note="", from_status="", **event_fields):
        return self.event_model.objects.create(
            case=case,
            action=action,
            actor=user if user is not None and user.is_authenticated else None,
            from_status=from_status,
            to_status=case.status,
            note=note,
            **event_fields,
        )

    def change_status(self, case, user, new_status, action, note="", event_fields=None, **fields):
        """Move ``case`` to ``new_status`` with ``fields`` set, record it, and tell whom the kind tells."""
        old = case.status
        case.status = new_status
        for name, value in fields.items():
            setattr(case, name, value)
        case.save()
        self.record(case, action, user, note, from_status=old, **(event_fields or {}))
        if self.on_status_change is not None:
            self.on_status_change(case, old, new_status)

    def reveal(self, case, user):
        """Someone who may open the case sees its personal numbers in full: recorded in its history, logged."""
        if not self.may_open(user, case):
            raise PermissionDenied
        self.record(case, self.reveal_action, user, self.reveal_note, from_status=case.status)
        logger.info("%s %s: personal numbers opened by user %s", self.model.__name__, case.receipt_no, user.pk)

    def perform(self, case, user, name, post_data):
        """Run one transition from the case page; returns (ok, form). Raises PermissionDenied."""
        transition = self.by_name.get(name)
        if transition is None or not self.may_open(user, case) or not transition.offered(case, user):
            raise PermissionDenied
        form = self.form_for(transition, user, post_data, case)
        if not form.is_valid():
            return False, form
        try:
            with transaction.atomic():
                locked = self.model.objects.select_for_update().get(pk=case.pk)
                transition.run(locked, user, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return False, form
        return True, form


def require(condition, message):
    if not condition:
        raise ValidationError(message)
