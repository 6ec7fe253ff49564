"""投诉建议's models, registered with the app (label ``forms``): the records (records.py), the public pages
(pages.py) and the State Council's holidays the working days use (forms/cases/official_calendar.py).

The pages hand their requests to views.py, which works on the records: so views import ``records``, never this
module, and nothing here forms a cycle.
"""

from forms.cases.official_calendar import OfficialCalendarDay, OfficialCalendarYear

from .pages import CaseFormPage, FeedbackIndexPage, ProgressPage, ServiceIndexPage, SurveyPage
from .records import (
    CaseTimeLimits,
    Category,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    Open311Client,
    ReplyTemplate,
    SurveyResponse,
)

__all__ = [
    "CaseFormPage",
    "CaseTimeLimits",
    "Category",
    "Complaint",
    "ComplaintAttachment",
    "ComplaintEvent",
    "FeedbackIndexPage",
    "OfficialCalendarDay",
    "OfficialCalendarYear",
    "Open311Client",
    "ProgressPage",
    "ReplyTemplate",
    "ServiceIndexPage",
    "SurveyPage",
    "SurveyResponse",
]
