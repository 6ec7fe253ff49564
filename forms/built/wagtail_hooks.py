"""The bureau's side: 表单提交, every built form's submissions in one list kept to the user's counties (city staff:
their city), with search, filters, the .xlsx export and each submission's page (numbers masked until 查看完整号码,
recorded). wagtail.contrib.forms' own submissions screens are closed to these pages: they would show every
answer in full to anyone who may edit the page."""

from django.contrib.admin import SimpleListFilter
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import IndexView, InspectView

from forms.cases.admin import ScopedInstanceViewsMixin
from portal.scoping import counties_for

from . import admin_views
from .models import BuiltFormPage, BuiltFormSubmission, SubmissionAccess
from .scoping import can_see, forms_visible_to, may_reveal, submissions_visible_to


class FormFilter(SimpleListFilter):
    title = _("表单")
    parameter_name = "form"

    def lookups(self, request, model_admin):
        pages = forms_visible_to(request.user, BuiltFormPage.objects.order_by("-first_published_at", "title"))
        return [(str(page.pk), page.title) for page in pages]

    def queryset(self, request, queryset):
        return queryset.filter(page_id=self.value()) if self.value() else queryset


class CountyFilter(SimpleListFilter):
    title = _("所在县（市、区）")
    parameter_name = "county"

    def lookups(self, request, model_admin):
        return [(str(county.pk), county.name) for county in counties_for(request.user).order_by("division_code")]

    def queryset(self, request, queryset):
        return queryset.filter(county_id=self.value()) if self.value() else queryset


class SubmissionPermissionHelper(PermissionHelper):
    """Submissions are read and deleted in the admin, never made or changed, and only the user's forms'."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_inspect_obj(self, user, obj):
        return super().user_can_inspect_obj(user, obj) and can_see(user, obj)

    def user_can_delete_obj(self, user, obj):
        return super().user_can_delete_obj(user, obj) and can_see(user, obj)


class SubmissionIndexView(IndexView):
    """The list; ``?export=xlsx`` gives the listed submissions as .xlsx (``&full=1``: numbers in full)."""

    IGNORED_PARAMS = IndexView.IGNORED_PARAMS + ("full",)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if spreadsheet_format != "xlsx":
            raise Http404
        return admin_views.export(self.request, queryset, full=self.request.GET.get("full") == "1")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        for name in ("export", "full", "p"):
            query.pop(name, None)
        query["export"] = "xlsx"
        context["export_query"] = query.urlencode()
        context["may_reveal"] = may_reveal(self.request.user)
        return context


class SubmissionInspectView(InspectView):
    """One submission: every answer (numbers masked until 查看完整号码, which is recorded), its files."""

    def dispatch(self, request, *args, **kwargs):
        if not can_see(request.user, self.instance):  # another county's submission does not exist for this user
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_template_names(self):
        return ["built_forms/admin/submission_inspect.html"]

    def get_page_title(self):
        return _("表单提交")

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") != "reveal" or not may_reveal(request.user, self.instance):
            raise PermissionDenied
        SubmissionAccess.objects.create(
            user=request.user,
            action=SubmissionAccess.Action.REVEALED,
            page=self.instance.page,
            receipt_no=self.instance.receipt_no,
        )
        return self.render_to_response(self.get_context_data(revealed=True))

    def get_context_data(self, revealed=False, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.instance
        context.update(
            submission=submission,
            rows=submission.rows(masked=not revealed),
            revealed=revealed,
            may_reveal=may_reveal(self.request.user, submission),
            uploads=submission.uploads.all(),
            accesses=SubmissionAccess.objects.filter(receipt_no=submission.receipt_no).select_related("user"),
        )
        return context


class SubmissionAdmin(ScopedInstanceViewsMixin, ModelAdmin):
    model = BuiltFormSubmission
    menu_label = _("表单提交")
    menu_icon = "form"
    menu_order = 260
    permission_helper_class = SubmissionPermissionHelper
    index_view_class = SubmissionIndexView
    index_template_name = "built_forms/admin/submission_index.html"
    inspect_view_enabled = True
    inspect_view_class = SubmissionInspectView
    list_display = ("receipt_no", "page", "county", "masked_summary", "submitted_at")
    list_filter = (FormFilter, CountyFilter, "submitted_at")
    search_fields = ("receipt_no", "page__title")
    list_per_page = 50

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("page", "county")
        return submissions_visible_to(request.user, queryset)

    def masked_summary(self, submission):
        return submission.summary(masked=True)

    masked_summary.short_description = _("填写内容（号码已遮盖）")


modeladmin_register(SubmissionAdmin)


@hooks.register("register_admin_urls")
def register_upload_urls():
    return [path("built-forms/upload/<int:pk>/", admin_views.upload, name="built_forms_upload")]


@hooks.register("filter_form_submissions_for_user")
def keep_built_forms_out_of_wagtail_forms(user, editable_forms):
    """wagtail.contrib.forms' 表单 screens list and export submissions to whoever may edit the page, unmasked and
    unscoped; built forms' submissions are read under 表单提交 only."""
    return editable_forms.exclude(content_type=ContentType.objects.get_for_model(BuiltFormPage))
