"""The bureau's side of the Open311 api_keys: city administrators issue a key to a client system (shown once, then
only its digest is kept), see when it was last used and revoke it. Each city's administrators see and change only
their city's clients (superusers, all); a client is revoked, never deleted, as its complaints name it."""

from django import forms
from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.scoping import cities_for

from .records import Open311Client


def clients_visible_to(user, queryset):
    """The clients of the cities ``user`` works for (every client for a superuser)."""
    if user.is_superuser:
        return queryset
    return queryset.filter(city__in=cities_for(user))


class Open311ClientPolicy(ModelPermissionPolicy):
    """Model permissions, limited to the user's cities' clients; nobody deletes a client (revoking is the way)."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        visible = clients_visible_to(user, Open311Client.objects.filter(pk=instance.pk)).exists()
        return visible and self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        return clients_visible_to(user, super().instances_user_has_any_permission_for(user, actions))


class Open311ClientForm(WagtailAdminModelForm):
    revoke = forms.BooleanField(
        label=_("吊销此密钥"),
        required=False,
        help_text=_("吊销后该客户端不能再提交投诉建议，且不能恢复；需要时另签发新密钥。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities_for(self.for_user)
        if self.instance._state.adding or self.instance.is_revoked:
            del self.fields["revoke"]
        self.issued_key = None

    def save(self, commit=True):
        client = self.instance
        if client._state.adding:
            self.issued_key = client.issue_key()
            client.created_by = self.for_user
        elif self.cleaned_data.get("revoke"):
            client.revoke(self.for_user)
        return super().save(commit)


class RecordPanel(FieldPanel):
    """A read-only fact about an issued key (when, by whom, last use), shown once it has a value."""

    def __init__(self, field_name, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("disable_comments", True)
        super().__init__(field_name, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            issued = not self.instance._state.adding
            return issued and getattr(self.instance, self.field_name) is not None and super().is_shown()


class ScopedObjectMixin:
    """Another city's client is not found (404)."""

    def get_queryset(self):
        return clients_visible_to(self.request.user, super().get_queryset())


class ScopedBaseObjectMixin:
    def get_base_object_queryset(self):
        return clients_visible_to(self.request.user, super().get_base_object_queryset())


class ClientIndexView(generic.IndexView):
    def get_base_queryset(self):
        return clients_visible_to(self.request.user, super().get_base_queryset())


ISSUED_KEY_SESSION = "open311_issued_key"


class IssueKeyView(generic.CreateView):
    """Creating a client issues its key; the next page shows it once (a reload neither shows it again nor issues
    a second key)."""

    def save_action(self):
        self.request.session[ISSUED_KEY_SESSION] = {"client": self.object.pk, "key": self.form.issued_key}
        return redirect("open311_clients:issued", self.object.pk)


class IssuedKeyView(generic.InspectView):
    """The key just issued, taken out of the session as it is shown (another city's client is not found)."""

    template_name = "forms/admin/open311_key_issued.html"

    def get_object(self, queryset=None):
        visible = clients_visible_to(self.request.user, Open311Client.objects.all())
        return get_object_or_404(visible, pk=unquote(str(self.pk)))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issued = self.request.session.pop(ISSUED_KEY_SESSION, None) or {}
        context.update(
            client=self.object,
            key=issued.get("key") if issued.get("client") == self.object.pk else None,
            index_url=reverse("open311_clients:index"),
        )
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        patch_cache_control(response, no_store=True, private=True)
        return response


class ClientEditView(ScopedObjectMixin, generic.EditView):
    pass


class ClientDeleteView(ScopedObjectMixin, generic.DeleteView):
    """Nobody deletes a client (the policy refuses it); another city's client is not found before that is said."""

    def dispatch(self, request, *args, **kwargs):
        get_object_or_404(self.get_queryset(), pk=unquote(str(kwargs[self.pk_url_kwarg])))
        return super().dispatch(request, *args, **kwargs)


class ClientHistoryView(ScopedBaseObjectMixin, HistoryView):
    pass


class ClientUsageView(ScopedBaseObjectMixin, UsageView):
    pass


class Open311ClientViewSet(ModelViewSet):
    model = Open311Client
    name = "open311_clients"
    icon = "key"
    menu_label = _("Open311 客户端密钥")
    copy_view_enabled = False
    index_view_class = ClientIndexView
    add_view_class = IssueKeyView
    edit_view_class = ClientEditView
    delete_view_class = ClientDeleteView
    history_view_class = ClientHistoryView
    usage_view_class = ClientUsageView
    list_display = [
        "name",
        "city",
        "key_prefix",
        Column("state", label=_("状态"), accessor="state_label"),
        "created_at",
        "last_used_at",
    ]
    list_filter = ["city"]
    search_fields = ["name", "contact"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("contact"),
            FieldPanel("city"),
            FieldPanel("revoke"),
            RecordPanel("key_prefix"),
            RecordPanel("created_at"),
            RecordPanel("created_by"),
            RecordPanel("last_used_at"),
            RecordPanel("revoked_at"),
            RecordPanel("revoked_by"),
        ],
        base_form_class=Open311ClientForm,
    )

    def get_urlpatterns(self):
        issued = self.construct_view(IssuedKeyView, **self.get_common_view_kwargs())
        return super().get_urlpatterns() + [path("issued/<str:pk>/", issued, name="issued")]

    def on_register(self):
        register_permission_policy(self.model, Open311ClientPolicy(self.model), exact_class=True)
        super().on_register()
