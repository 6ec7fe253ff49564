"""Snippets scoped to what a member of staff may see (the rules of ``portal.scoping``), in every admin URL that
takes a row's id: edit, delete, copy, history, usage, the chooser's chosen view, the editing-session ping and the
bulk delete. A row outside the user's scope does not exist for them (404), whatever permissions they hold; the
listing and the chooser list only rows in scope.

A viewset names its policy: ``CityScopedSnippetViewSet`` (the row's city, ``city_field``, among ``cities_for``) or
``CountyScopedSnippetViewSet`` (the row's county, ``county_field``, among ``counties_for``).
"""

from django.contrib.admin.utils import unquote
from django.shortcuts import get_list_or_404, get_object_or_404
from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import CopyView, DeleteView, EditView, HistoryView, SnippetViewSet, UsageView

from .scoping import city_ids_for, counties_for


class ScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, limited to the rows ``scope(user, queryset)`` keeps."""

    def scope(self, user, queryset):
        raise NotImplementedError

    def user_has_permission_for_instance(self, user, action, instance):
        if not super().user_has_permission_for_instance(user, action, instance):
            return False
        return self.scope(user, self.model._default_manager.filter(pk=instance.pk)).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        return self.scope(user, super().instances_user_has_any_permission_for(user, actions))


class CityScopedPermissionPolicy(ScopedPermissionPolicy):
    """Rows of the cities the user's city-level groups serve (superusers: all)."""

    def __init__(self, model, city_field="city"):
        super().__init__(model)
        self.city_field = city_field

    def scope(self, user, queryset):
        if user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.city_field}__in": city_ids_for(user)})


class CountyScopedPermissionPolicy(ScopedPermissionPolicy):
    """Rows of the counties the user may see: a county's staff, their county; city staff, their city's."""

    def __init__(self, model, county_field="county"):
        super().__init__(model)
        self.county_field = county_field

    def scope(self, user, queryset):
        if user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.county_field}__in": counties_for(user)})


def scope_for(request, model, queryset):
    return policy_registry.get_by_type(model).scope(request.user, queryset)


class ScopedObjectMixin:
    """Edit and delete: a row outside the user's scope is not found (404)."""

    def get_queryset(self):
        return scope_for(self.request, self.model, super().get_queryset())


class ScopedBaseObjectMixin:
    """The views about one row (history, usage): the same."""

    def get_base_object_queryset(self):
        return scope_for(self.request, self.model, super().get_base_object_queryset())


class ScopedEditView(ScopedObjectMixin, EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, DeleteView):
    pass


class ScopedHistoryView(ScopedBaseObjectMixin, HistoryView):
    pass


class ScopedUsageView(ScopedBaseObjectMixin, UsageView):
    pass


class ScopedCopyView(CopyView):
    """A copy starts from a row in scope only (Wagtail's copy looks the id up in the whole table)."""

    def get_object(self, queryset=None):
        rows = scope_for(self.request, self.model, self.model._default_manager.all())
        get_object_or_404(rows, pk=unquote(str(self.kwargs[self.pk_url_kwarg])))
        return super().get_object(queryset)


class ScopedChooserMixin:
    def get_object_list(self):
        return scope_for(self.request, self.model_class, super().get_object_list())


class ScopedChooseView(ScopedChooserMixin, ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooserMixin, ChooseResultsView):
    pass


class ScopedChosenView(SnippetChosenView):
    def get_object(self, pk):
        return scope_for(self.request, self.model_class, self.model_class.objects.all()).get(pk=pk)


class ScopedChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return scope_for(self.request, self.model_class, super().get_objects(pks))


class ScopedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView


class ScopedDeleteBulkAction(DeleteBulkAction):
    """Bulk delete of rows in scope only; ids outside it are not found (404 when none is left)."""

    models = []

    def get_queryset(self, model, object_ids):
        return get_list_or_404(scope_for(self.request, model, model._default_manager.all()), pk__in=object_ids)


class ScopedSnippetViewSet(SnippetViewSet):
    """A snippet whose every view taking an id, listing and chooser keep to the user's scope."""

    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_class = ScopedCopyView
    chooser_viewset_class = ScopedChooserViewSet

    def make_permission_policy(self):
        raise NotImplementedError

    def on_register(self):
        register_permission_policy(self.model, self.make_permission_policy(), exact_class=True)
        name = f"Scoped{self.model.__name__}DeleteBulkAction"
        bulk_delete = type(name, (ScopedDeleteBulkAction,), {"models": [self.model]})
        # After Wagtail's own bulk delete for every snippet (order 0), so that this one is the model's.
        hooks.register("register_bulk_action", bulk_delete, order=100)
        super().on_register()

    def get_queryset(self, request):
        return self.permission_policy.scope(request.user, self.model._default_manager.all())


class CityScopedSnippetViewSet(ScopedSnippetViewSet):
    city_field = "city"

    def make_permission_policy(self):
        return CityScopedPermissionPolicy(self.model, self.city_field)


class CountyScopedSnippetViewSet(ScopedSnippetViewSet):
    county_field = "county"

    def make_permission_policy(self):
        return CountyScopedPermissionPolicy(self.model, self.county_field)
