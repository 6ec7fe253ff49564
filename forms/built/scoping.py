"""Whose submissions a member of staff sees: a county's form's, that county's staff and its city's; a city's form's
(no county), that city's staff (portal.scoping, the rule every list keeps to)."""

from django.db.models import Q

from portal.scoping import cities_for, counties_for


def owned_by(user, prefix=""):
    """The condition on a form page (``prefix`` leading to it, e.g. "page__") for the forms ``user`` works for."""
    return Q(**{f"{prefix}county__in": counties_for(user)}) | Q(
        **{f"{prefix}county__isnull": True, f"{prefix}city__in": cities_for(user)}
    )


def forms_visible_to(user, pages):
    if not user.is_authenticated or not user.is_active:
        return pages.none()
    return pages.filter(owned_by(user))


def submissions_visible_to(user, submissions):
    if not user.is_authenticated or not user.is_active:
        return submissions.none()
    return submissions.filter(owned_by(user, "page__"))


def can_see(user, submission):
    return submissions_visible_to(user, type(submission).objects.filter(pk=submission.pk)).exists()


def may_reveal(user, submission=None):
    """Opening the full numbers (and exporting them): the permission, on a submission the user may see."""
    if not user.has_perm("built_forms.reveal_builtformsubmission"):
        return False
    return submission is None or can_see(user, submission)
