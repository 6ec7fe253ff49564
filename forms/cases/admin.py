"""The bureau's case lists and case pages (wagtail-modeladmin), shared by every kind of case.

A kind subclasses ``CaseAdmin`` naming its ``Workflow`` (its list, scoped to the user's counties; its permission
helper) and ``CaseInspectView`` (its case page: a case of another county does not exist for the user; the
transitions on offer with their forms; a transition's form with errors stays open with what was typed). URLs of
the case lists and pages come from ``links.py``, so no modeladmin URL name is spelled out elsewhere.
"""

from functools import partial

from django.contrib import messages
from django.contrib.admin import SimpleListFilter
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import InspectView

from portal.scoping import counties_for

from .scoping import cases_visible_to


class HandlingCountyFilter(SimpleListFilter):
    """Only the counties the user may see are offered."""

    title = _("承办县（市、区）")
    parameter_name = "county"

    def lookups(self, request, model_admin):
        return [(str(county.pk), county.name) for county in counties_for(request.user).order_by("division_code")]

    def queryset(self, request, queryset):
        return queryset.filter(handling_county=self.value()) if self.value() else queryset


class CasePermissionHelper(PermissionHelper):
    """Cases are never created, edited or deleted in the admin, only handled by those who may open them."""

    def __init__(self, model, inspect_view_enabled=False, *, workflow):
        super().__init__(model, inspect_view_enabled)
        self.workflow = workflow

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False

    def user_can_inspect_obj(self, user, obj):
        view = self.get_perm_codename("view")
        return self.user_has_specific_permission(user, view) and self.workflow.may_open(user, obj)


class CaseInspectView(InspectView):
    """The case page: what the kind's template shows, the transitions on offer, and running one of them; personal
    numbers masked until 查看 (action ``reveal``), which the history records."""

    template = ""
    title = ""
    refused_message = _("此件当前状态下不能进行该操作，或您无权进行该操作。")

    @property
    def workflow(self):
        return self.model_admin.workflow

    def dispatch(self, request, *args, **kwargs):
        # Another county's case does not exist as far as this user is concerned.
        if not self.workflow.may_open(request.user, self.instance):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_template_names(self):
        return [self.template]

    def get_page_title(self):
        return self.title

    def case_page(self):
        return redirect(self.url_helper.get_action_url("inspect", self.pk_quoted))

    def post(self, request, *args, **kwargs):
        name = request.POST.get("action", "")
        if name == "reveal":
            self.workflow.reveal(self.instance, request.user)
            return self.render_to_response(self.get_context_data(revealed=True))
        try:
            ok, form = self.workflow.perform(self.instance, request.user, name, request.POST)
        except PermissionDenied:
            messages.error(request, self.refused_message)
            return self.case_page()
        if ok:
            messages.success(request, _("已%(action)s。") % {"action": self.workflow.by_name[name].label})
            return self.case_page()
        messages.error(request, _("操作未完成，请按提示修改。"))
        self.instance.refresh_from_db()
        return self.render_to_response(self.get_context_data(failed_action=name, failed_form=form))

    def get_context_data(self, failed_action=None, failed_form=None, revealed=False, **kwargs):
        context = super().get_context_data(**kwargs)
        context["revealed"] = revealed
        user = self.request.user
        context["actions"] = [
            {
                "action": transition,
                "form": failed_form
                if transition.name == failed_action
                else self.workflow.form_for(transition, user, case=self.instance),
                "open": transition.name == failed_action,
            }
            for transition in self.workflow.available(self.instance, user)
        ]
        context["events"] = self.instance.events.select_related("actor")
        return context


class ScopedInstanceViewsMixin:
    """The views of one row (inspect, edit, delete, history) look its id up in the admin's own ``get_queryset``
    first: a row of a county the user may not see is a 404 before any permission is asked. (wagtail-modeladmin
    looks the id up in the model's whole table, and its history view asks no permission at all: the history is
    shown to whoever may inspect the row.)"""

    def _visible_instance(self, request, instance_pk):
        instance = self.get_queryset(request).filter(pk=unquote(instance_pk)).first()
        if instance is None:
            raise Http404
        return instance

    def inspect_view(self, request, instance_pk):
        self._visible_instance(request, instance_pk)
        return super().inspect_view(request, instance_pk)

    def edit_view(self, request, instance_pk):
        self._visible_instance(request, instance_pk)
        return super().edit_view(request, instance_pk)

    def delete_view(self, request, instance_pk):
        self._visible_instance(request, instance_pk)
        return super().delete_view(request, instance_pk)

    def history_view(self, request, instance_pk):
        instance = self._visible_instance(request, instance_pk)
        if not self.permission_helper.user_can_inspect_obj(request.user, instance):
            raise PermissionDenied
        return super().history_view(request, instance_pk)


class CaseAdmin(ScopedInstanceViewsMixin, ModelAdmin):
    """A kind's case list: only the cases of the user's counties, each linked to its case page."""

    workflow = None
    inspect_view_enabled = True
    extra_css = ()
    list_per_page = 50

    def get_permission_helper_class(self):
        return partial(CasePermissionHelper, workflow=self.workflow)

    def get_queryset(self, request):
        return cases_visible_to(request.user, super().get_queryset(request).select_related("handling_county"))

    def receipt_link(self, case):
        return format_html('<a href="{}">{}</a>', self.url_helper.get_action_url("inspect", case.pk), case.receipt_no)

    receipt_link.short_description = _("受理编号")

    @staticmethod
    def badge(css, text):
        return format_html('<span class="status-tag {}">{}</span>', css, text)

    def get_index_view_extra_css(self):
        return list(self.extra_css)

    def get_inspect_view_extra_css(self):
        return list(self.extra_css)
