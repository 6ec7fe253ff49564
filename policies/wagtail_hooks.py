"""Admin for the bureau: moderating comments on drafts, the assessment criteria and the rule values."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import AssessmentCriterion, PolicyComment, RuleValue


class PolicyCommentViewSet(SnippetViewSet):
    model = PolicyComment
    icon = "comment"
    menu_label = _("征求意见审核")
    list_display = ["text", "page", "clause", "status", "created_at"]
    list_filter = ["status", "page"]
    search_fields = ["text"]
    panels = [
        FieldPanel("page", read_only=True),
        FieldPanel("clause", read_only=True),
        FieldPanel("text", read_only=True),
        FieldPanel("contact", read_only=True),
        FieldPanel("status"),
        FieldPanel("reply"),
    ]


class AssessmentCriterionViewSet(SnippetViewSet):
    model = AssessmentCriterion
    icon = "list-ol"
    menu_label = _("考核项目")
    list_display = ["number", "title", "category", "max_points", "city"]
    list_filter = ["city"]
    ordering = ["city", "number"]
    panels = [
        FieldRowPanel([FieldPanel("city"), FieldPanel("number"), FieldPanel("max_points")]),
        FieldRowPanel([FieldPanel("category"), FieldPanel("title")]),
        FieldPanel("rule_text"),
        FieldPanel("computation"),
        FieldPanel("clauses"),
    ]


class RuleValueViewSet(SnippetViewSet):
    model = RuleValue
    icon = "cogs"
    menu_label = _("规则取值")
    list_display = ["key", "facility_type", "threshold", "value", "citation", "is_interpretation", "city"]
    list_filter = ["city", "key", "facility_type", "is_interpretation"]
    panels = [
        FieldRowPanel([FieldPanel("city"), FieldPanel("facility_type")]),
        FieldPanel("key"),
        FieldRowPanel([FieldPanel("threshold"), FieldPanel("value")]),
        MultiFieldPanel(
            [FieldPanel("citation"), FieldPanel("clause"), FieldPanel("policy"), FieldPanel("anchor")],
            heading=_("出处"),
        ),
        FieldRowPanel([FieldPanel("is_interpretation"), FieldPanel("note")]),
    ]


class PoliciesAdminGroup(SnippetViewSetGroup):
    menu_label = _("政策与考核")
    menu_icon = "doc-full"
    items = (PolicyCommentViewSet, AssessmentCriterionViewSet, RuleValueViewSet)


register_snippet(PoliciesAdminGroup)
