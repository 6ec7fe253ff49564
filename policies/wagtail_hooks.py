"""Admin for the bureau: moderating comments on drafts, the assessment criteria and the rule values."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSetGroup

from portal.scoped_admin import CityScopedSnippetViewSet

from .admin_forms import CityScopedCriterionForm, CopyRuleSetForm, RuleValueForm
from .models import AssessmentCriterion, PolicyComment, RuleValue
from .rulesets import copy_rule_set


class PolicyCommentViewSet(CityScopedSnippetViewSet):
    model = PolicyComment
    city_field = "page__city"
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


class AssessmentCriterionViewSet(CityScopedSnippetViewSet):
    model = AssessmentCriterion
    icon = "list-ol"
    menu_label = _("考核项目")
    list_display = ["number", "title", "category", "max_points", "city"]
    list_filter = ["city"]
    ordering = ["city", "number"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("city"), FieldPanel("number"), FieldPanel("max_points")]),
            FieldRowPanel([FieldPanel("category"), FieldPanel("title")]),
            FieldPanel("rule_text"),
            FieldPanel("computation"),
            FieldPanel("clauses"),
            MultiFieldPanel([FieldPanel("is_interpretation"), FieldPanel("interpretation_note")], heading=_("来源")),
        ],
        base_form_class=CityScopedCriterionForm,
    )


class RuleValueIndexView(IndexView):
    copy_rule_set_url_name = None

    @property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            url = reverse(self.copy_rule_set_url_name)
            buttons.append(HeaderButton(_("从上一政策复制规则取值"), url=url, icon_name="copy"))
        return buttons


class RuleValueViewSet(CityScopedSnippetViewSet):
    model = RuleValue
    city_field = "policy__city"
    icon = "cogs"
    menu_label = _("规则取值")
    index_view_class = RuleValueIndexView
    list_display = [
        "key",
        "facility_type",
        "threshold",
        "value",
        "citation",
        BooleanColumn("is_interpretation", label=_("解读取值")),
        "policy",
    ]
    list_filter = ["policy", "key", "facility_type", "is_interpretation"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("policy"), FieldPanel("facility_type")]),
            FieldPanel("key"),
            FieldRowPanel([FieldPanel("threshold"), FieldPanel("value")]),
            MultiFieldPanel([FieldPanel("citation"), FieldPanel("clause"), FieldPanel("anchor")], heading=_("出处")),
            FieldRowPanel([FieldPanel("is_interpretation"), FieldPanel("note")]),
        ],
        base_form_class=RuleValueForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(copy_rule_set_url_name=self.get_url_name("copy_rule_set"), **kwargs)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("copy/", self.copy_rule_set_view, name="copy_rule_set")]

    def copy_rule_set_view(self, request):
        """Start a successor policy's rule set from a copy of an earlier policy's, to be edited afterwards."""
        if not self.permission_policy.user_has_permission(request.user, "add"):
            raise PermissionDenied
        form = CopyRuleSetForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            source, target = form.cleaned_data["source"], form.cleaned_data["target"]
            try:
                count = copy_rule_set(source, target)
            except ValidationError as error:
                form.add_error("target", error)
            else:
                messages.success(
                    request,
                    _("已将《%(source)s》的%(count)s项规则取值复制到《%(target)s》，请逐项核对修改。")
                    % {"source": source.title, "count": count, "target": target.title},
                )
                return redirect(f"{reverse(self.get_url_name('list'))}?policy={target.pk}")
        context = {"form": form, "header_title": _("从上一政策复制规则取值"), "view_set": self}
        return TemplateResponse(request, "policies/admin/copy_rule_set.html", context)


class PoliciesAdminGroup(SnippetViewSetGroup):
    menu_label = _("政策与考核")
    menu_icon = "doc-full"
    items = (PolicyCommentViewSet, AssessmentCriterionViewSet, RuleValueViewSet)


register_snippet(PoliciesAdminGroup)
