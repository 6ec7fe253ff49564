"""Admin for the bureau: moderating comments on drafts, the assessment criteria and the rule values."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet, SnippetViewSetGroup

from portal.models import StaffScope

from .models import AssessmentCriterion, PolicyComment, RuleValue


def staff_city_ids(user):
    """The cities whose bureau ``user`` works for (city-level groups only)."""
    scopes = StaffScope.objects.filter(group__user=user, county__isnull=True)
    return set(scopes.values_list("city_id", flat=True))


class CityScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, limited to rows of the cities the user's city-level groups serve."""

    def __init__(self, model, city_field):
        super().__init__(model)
        self.city_field = city_field

    def city_of(self, instance):
        value = instance
        for part in self.city_field.split("__"):
            value = getattr(value, part, None)
        return getattr(value, "pk", value)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not super().user_has_any_permission_for_instance(user, actions, instance):
            return False
        return user.is_superuser or self.city_of(instance) in staff_city_ids(user)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        return self.scope(user, instances)

    def scope(self, user, queryset):
        if user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.city_field}__in": staff_city_ids(user)})


class CityScopedObjectMixin:
    """Another city's row is not found (404) rather than shown."""

    def get_queryset(self):
        return self.permission_policy.scope(self.request.user, super().get_queryset())


class CityScopedEditView(CityScopedObjectMixin, EditView):
    pass


class CityScopedDeleteView(CityScopedObjectMixin, DeleteView):
    pass


class CityScopedViewSet(SnippetViewSet):
    city_field = "city"
    edit_view_class = CityScopedEditView
    delete_view_class = CityScopedDeleteView

    def on_register(self):
        policy = CityScopedPermissionPolicy(self.model, self.city_field)
        register_permission_policy(self.model, policy, exact_class=True)
        super().on_register()

    def get_queryset(self, request):
        return self.permission_policy.scope(request.user, self.model._default_manager.all())


class PolicyCommentViewSet(CityScopedViewSet):
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


class AssessmentCriterionViewSet(CityScopedViewSet):
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


class RuleValueViewSet(CityScopedViewSet):
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
