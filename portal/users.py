"""The admin's accounts screens, scoped: a city administrator sees and changes only their own city's staff and
operators, can give only their own city's groups, and never makes anyone a superuser (Wagtail's user viewset,
with the rules of ``portal.scoping``). Every view taking an account's id — edit, delete, copy, history, usage, the
editing-session ping (through the permission policy) and the bulk actions — finds only the accounts the user
manages: another city's account is a 404."""

from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.shortcuts import get_list_or_404, get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction
from wagtail.users.views.bulk_actions.set_active_state import SetActiveStateBulkAction

from .scoping import grantable_groups, manageable_users


class ManageableUsersPolicy(ModelPermissionPolicy):
    """Model permissions on accounts, limited to the accounts ``user`` manages."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not super().user_has_permission_for_instance(user, action, instance):
            return False
        return manageable_users(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        return super().instances_user_has_any_permission_for(user, actions).filter(pk__in=manageable_users(user))


class ScopedUserFormMixin:
    def __init__(self, *args, for_user, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user.is_superuser:
            return
        self.fields.pop("is_superuser", None)
        groups = self.fields["groups"]
        groups.queryset = grantable_groups(for_user)
        groups.required = True
        groups.error_messages["required"] = _("请至少选择一个本市的用户组。")


class StaffUserCreationForm(ScopedUserFormMixin, UserCreationForm):
    pass


class StaffUserEditForm(ScopedUserFormMixin, UserEditForm):
    pass


class ForUserFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class ManageableOnlyMixin:
    """Another city's account, or a superuser's, does not exist for this user (404): edit and delete."""

    def get_queryset(self):
        return manageable_users(self.request.user)


class ManageableBaseObjectMixin:
    """The same for the views about one account (history, usage), which list something else."""

    def get_base_object_queryset(self):
        return manageable_users(self.request.user)


class IndexView(wagtail_users.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(pk__in=manageable_users(self.request.user))


class CreateView(ForUserFormMixin, wagtail_users.CreateView):
    pass


class EditView(ManageableOnlyMixin, ForUserFormMixin, wagtail_users.EditView):
    pass


class DeleteView(ManageableOnlyMixin, wagtail_users.DeleteView):
    pass


class HistoryView(ManageableBaseObjectMixin, wagtail_users.HistoryView):
    pass


class UsageView(ManageableBaseObjectMixin, generic.UsageView):
    pass


class CopyView(ForUserFormMixin, generic.CopyView):
    """A new account starting from a copy of one the user manages (Wagtail's copy looks in every account)."""

    def get_object(self, queryset=None):
        get_object_or_404(manageable_users(self.request.user), pk=unquote(str(self.kwargs[self.pk_url_kwarg])))
        return super().get_object(queryset)


class ManageableBulkActionMixin:
    """A bulk action on the accounts the user manages only; none left is a 404."""

    def get_queryset(self, model, object_ids):
        return get_list_or_404(manageable_users(self.request.user), pk__in=object_ids)


class ScopedAssignRoleBulkAction(ManageableBulkActionMixin, AssignRoleBulkAction):
    """Assigning a group in bulk offers only the groups the user may give (Wagtail's offers every group)."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["role"].queryset = grantable_groups(self.request.user)
        return form


class ScopedDeleteBulkAction(ManageableBulkActionMixin, DeleteBulkAction):
    pass


class ScopedSetActiveStateBulkAction(ManageableBulkActionMixin, SetActiveStateBulkAction):
    pass


# Registered in portal/wagtail_hooks.py after Wagtail's, so that they replace them.
BULK_ACTIONS = [ScopedAssignRoleBulkAction, ScopedDeleteBulkAction, ScopedSetActiveStateBulkAction]


class UserViewSet(wagtail_users.UserViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    copy_view_class = CopyView

    def on_register(self):
        register_permission_policy(get_user_model(), ManageableUsersPolicy(get_user_model()), exact_class=True)
        super().on_register()

    def get_form_class(self, for_update=False):
        return StaffUserEditForm if for_update else StaffUserCreationForm
