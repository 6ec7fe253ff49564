"""Whether a publicity notice's (公示) period is running: a pure function of its dates and today."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PublicityStatus:
    code: str
    label: str
    badge: str  # CSS class of the portal's .badge


NOT_STARTED = PublicityStatus("not_started", _("未开始"), "muted")
RUNNING = PublicityStatus("running", _("公示中"), "ok")
ENDED = PublicityStatus("ended", _("已结束"), "muted")


def publicity_status(start, end, today):
    """The status on ``today``; the period includes both its first and its last day."""
    if start is None or end is None:
        return None
    if today < start:
        return NOT_STARTED
    if today > end:
        return ENDED
    return RUNNING
