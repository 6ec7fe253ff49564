"""The admin's accounts screens, scoped: a city administrator sees and changes only their own city's staff and
operators, can give only their own city's groups, and never makes anyone a superuser (Wagtail's user viewset,
with the rules of ``portal.scoping``)."""

from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users

from .scoping import grantable_groups, manageable_users


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
    """Another city's account, or a superuser's, does not exist for this user (404)."""

    def get_queryset(self):
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


class HistoryView(ManageableOnlyMixin, wagtail_users.HistoryView):
    pass


class UserViewSet(wagtail_users.UserViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView

    def get_form_class(self, for_update=False):
        return StaffUserEditForm if for_update else StaffUserCreationForm
