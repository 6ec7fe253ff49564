"""自建表单's models, registered with the app (label ``built_forms``): the page type and its fields (pages.py) and
what it receives (records.py). The pages hand their requests to views.py, which works on the records only."""

from .pages import BuiltFormField, BuiltFormPage
from .records import BuiltFormSubmission, BuiltFormUpload, SubmissionAccess

__all__ = ["BuiltFormField", "BuiltFormPage", "BuiltFormSubmission", "BuiltFormUpload", "SubmissionAccess"]
