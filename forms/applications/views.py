"""Operators' pages on the public site: account, 我的办理, and their applications from draft to decision."""

import io
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from wagtail import hooks

from forms.cases.held_uploads import discard_held_uploads
from forms.cases.uploads import private_file_response
from portal.ratelimits import limited

from . import catalogue, documents, review, rules_check
from .forms import MaterialsForm, OperatorRegistrationForm, application_form_class
from .models import Application, ApplicationDocument, ApplicationEvent, FormDownloadPage

LOGIN_URL = reverse_lazy("operators:login")
HOME_URL = reverse_lazy("operators:home")


@method_decorator(sensitive_post_parameters("password1", "password2"), name="dispatch")
@method_decorator(limited("register", methods=["POST"]), name="dispatch")
class RegisterView(FormView):
    template_name = "applications/register.html"
    form_class = OperatorRegistrationForm
    success_url = HOME_URL

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect(HOME_URL)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.save()
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, _("注册成功，已为您登录。"))
        return super().form_valid(form)


class OperatorLoginView(auth_views.LoginView):
    template_name = "applications/login.html"
    redirect_authenticated_user = True
    next_page = HOME_URL

    def get_context_data(self, **kwargs):
        return super().get_context_data(failure_limit=settings.AXES_FAILURE_LIMIT, **kwargs)


def operator_profile_required(view):
    """Logged-in operators only; the profile is passed to the view."""

    @login_required(login_url=LOGIN_URL)
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        profile = getattr(request.user, "operator_profile", None)
        if profile is None:
            return render(request, "applications/my_services.html", {"profile": None}, status=403)
        return view(request, profile, *args, **kwargs)

    return wrapped


@operator_profile_required
def my_services(request, profile):
    """我的办理: the organisation, its applications with status and next step, and how to apply."""
    city_slug = profile.county.city.slug
    context = {
        "profile": profile,
        "applications_closed": rules_check.applications_closed(city_slug),
        "applications": profile.applications.select_related("handling_county", "city"),
        "new_forms": catalogue.forms_for_city(city_slug),
        "download_page": FormDownloadPage.objects.live().filter(city__slug=city_slug).first(),
        "materials": [
            (label, catalogue.materials_for(city_slug, key)) for key, label in catalogue.SUBSIDY_TYPES.items()
        ],
        "materials_interpretation": catalogue.materials_interpretation(city_slug),
        # Other kinds of case add their part of the page (the annual assessment does): hook "operator_home_sections".
        "other_sections": [section(request, profile) for section in hooks.get_hooks("operator_home_sections")],
    }
    return render(request, "applications/my_services.html", context)


def own_application(profile, receipt_no):
    """The operator's own application; any other (another operator's) does not exist for them."""
    return get_object_or_404(
        Application.objects.select_related("city", "handling_county"), receipt_no=receipt_no, operator=profile
    )


# Error reports (e-mailed to admins) must not carry these numbers.
PERSONAL_FIELDS = ("phone", "manager_id_number", "bank_account")


@sensitive_post_parameters(*PERSONAL_FIELDS)
@operator_profile_required
def new_application(request, profile, form_kind):
    spec = catalogue.FORMS.get((profile.county.city.slug, form_kind))
    if spec is None:
        raise Http404
    closed = rules_check.applications_closed(spec.city)
    if closed:
        messages.error(request, closed)
        return redirect("operators:home")
    return edit_form(request, profile, spec, application=None)


@sensitive_post_parameters(*PERSONAL_FIELDS)
@operator_profile_required
def edit_application(request, profile, receipt_no):
    application = own_application(profile, receipt_no)
    if not application.is_editable:
        messages.info(request, _("此申请已提交，审核期间不能修改。"))
        return redirect(application_url(application))
    return edit_form(request, profile, application.spec, application)


def edit_form(request, profile, spec, application):
    """Fill in, save as a draft, upload materials and submit, all on one page; nothing entered is lost."""
    form_class = application_form_class(spec)
    instance = application or Application(operator=profile, city=profile.county.city, form_kind=spec.key)
    if request.method != "POST":
        initial = {} if application else {**profile.form_values(), "handling_county": profile.county}
        form = form_class(instance=instance, initial=initial, spec=spec)
        return render_form(request, spec, application, form, materials_form_for(application))

    form = form_class(request.POST, instance=instance, spec=spec)
    materials_form = materials_form_for(application, request)
    save_uploads(application, materials_form)  # a valid file is kept even when the rest has errors
    if not form.is_valid():
        application = save_valid_part(request, profile, form, application)
        messages.error(
            request,
            _(
                "已保存草稿（受理编号 %(no)s），但标红的栏目填写有误，这几栏未保存，申请也尚未提交。"
                "请按各栏标红的提示修改后再保存。"
            )
            % {"no": application.receipt_no},
        )
        report_refused(request, materials_form)
        return render_form(request, spec, application, form, materials_form)
    application = save_draft(request, profile, form, application)
    if materials_form.refused():  # saved, but never submitted nor left without saying which file is missing
        messages.error(
            request,
            _("已保存草稿（受理编号 %(no)s），但有文件未能上传，申请尚未提交：") % {"no": application.receipt_no},
        )
        report_refused(request, materials_form)
        return render_form(request, spec, application, form, materials_form)
    if request.POST.get("intent") != "submit":
        messages.success(request, _("已保存草稿（受理编号 %(no)s）。") % {"no": application.receipt_no})
        return redirect("operators:edit_application", receipt_no=application.receipt_no)
    return submit_or_explain(request, spec, application)


def submit_or_explain(request, spec, application):
    complete = application_form_class(spec)(request.POST, instance=application, spec=spec, complete=True)
    materials_form = materials_form_for(application)
    missing = application.missing_materials()
    if complete.is_valid() and not missing:
        try:
            review.submit(application, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("operators:edit_application", receipt_no=application.receipt_no)
        messages.success(
            request, _("申请已提交，受理编号 %(no)s。请等待县级人社部门审核。") % {"no": application.receipt_no}
        )
        return redirect(application_url(application))
    messages.error(request, _("已保存为草稿，但还不能提交：请按红字提示补全内容和材料后再提交。"))
    return render_form(request, spec, application, complete, materials_form, missing)


def report_refused(request, materials_form):
    """One message per refused file: its name, its material and why (the reason is also next to the field)."""
    for name, material, reasons in materials_form.refused():
        messages.error(
            request,
            _("“%(name)s”（%(material)s）未能上传：%(reasons)s")
            % {"name": name, "material": f"{material.number} {material.label}", "reasons": " ".join(reasons)},
        )


def save_draft(request, profile, form, application):
    if application is not None:
        return form.save()
    values = {name: form.cleaned_data.get(name) for name in form._meta.fields}
    return review.start_application(profile, form.spec.key, user=request.user, **values)


def save_valid_part(request, profile, form, application):
    """The draft with every field filled in correctly; a field with an error keeps what the draft had (the page
    shows what was typed, to correct). Submitting checks the whole application again."""
    if application is not None:
        form.instance.save()  # the form's cleaning has set the fields that passed on it
        return form.instance
    values = {name: form.cleaned_data[name] for name in form._meta.fields if name in form.cleaned_data}
    return review.start_application(profile, form.spec.key, user=request.user, **values)


def materials_form_for(application, request=None):
    materials = list(application.materials) if application else []
    if request is None:
        return MaterialsForm(materials=materials)
    return MaterialsForm(request.POST, request.FILES, materials=materials)


def save_uploads(application, materials_form):
    if application is None or not materials_form.is_bound:
        return
    materials_form.is_valid()
    for material, uploaded in materials_form.uploads():
        ApplicationDocument.objects.create(
            application=application,
            material_number=material.number,
            file=uploaded,
            original_name=uploaded.name[:200],
            content_type=uploaded.checked_content_type,
            size=uploaded.size,
        )
    discard_held_uploads(materials_form)  # stored with the draft: shown again, the form asks for no file back


def render_form(request, spec, application, form, materials_form, missing=()):
    documents = application.documents.all() if application else []
    context = {
        "spec": spec,
        "application": application,
        "form": form,
        "materials_form": materials_form,
        "material_rows": [
            (
                material,
                materials_form.field_for(material),
                [document for document in documents if document.material_number == material.number],
                material in missing,
            )
            for material in materials_form.materials
        ],
    }
    return render(request, "applications/application_form.html", context)


def application_url(application):
    return reverse("operators:application", kwargs={"receipt_no": application.receipt_no})


@operator_profile_required
def application_detail(request, profile, receipt_no):
    application = own_application(profile, receipt_no)
    context = {
        "application": application,
        "spec": application.spec,
        "rows": documents.screen_rows(application.spec, application.form_values(masked=True)),
        "documents": application.documents.all(),
        "missing": application.missing_materials(),
        "events": application.events.exclude(action=ApplicationEvent.Action.REVEALED),
    }
    return render(request, "applications/application_detail.html", context)


@operator_profile_required
def filled_form(request, profile, receipt_no):
    """The application filled in as .docx, in duplicate, for signing and stamping."""
    application = own_application(profile, receipt_no)
    date = application.submitted_at or application.updated_at
    date_text = f"{timezone.localtime(date):%Y年%m月%d日}"
    content = documents.as_bytes(documents.filled_document(application.spec, application.form_values(), date_text))
    filename = f"{application.receipt_no}-{application.spec.docx_name}"
    response = FileResponse(
        io.BytesIO(content), as_attachment=True, filename=filename, content_type=documents.DOCX_CONTENT_TYPE
    )
    response["Cache-Control"] = "private, no-store"  # it holds the full identity and bank numbers
    return response


@operator_profile_required
def material_file(request, profile, receipt_no, document_id):
    application = own_application(profile, receipt_no)
    document = get_object_or_404(application.documents, pk=document_id)
    return private_file_response(document.file, document.content_type, document.original_name)


@require_POST
@operator_profile_required
def delete_draft(request, profile, receipt_no):
    """A draft the bureau has never seen can be thrown away, files and all."""
    application = own_application(profile, receipt_no)
    if application.status != Application.Status.DRAFT:
        messages.error(request, _("只有未提交过的草稿可以删除。"))
        return redirect(application_url(application))
    for document in application.documents.all():
        document.file.delete(save=False)
    application.delete()
    messages.success(request, _("已删除草稿 %(no)s。") % {"no": receipt_no})
    return redirect(HOME_URL)


@require_POST
@operator_profile_required
def delete_material(request, profile, receipt_no, document_id):
    application = own_application(profile, receipt_no)
    if not application.is_editable:
        messages.error(request, _("此申请已提交，不能删除材料。"))
        return redirect(application_url(application))
    document = get_object_or_404(application.documents, pk=document_id)
    document.file.delete(save=False)
    document.delete()
    messages.success(request, _("已删除材料“%(name)s”。") % {"name": document.original_name})
    return redirect("operators:edit_application", receipt_no=receipt_no)


def lockout(request, original_response=None, credentials=None):
    """django-axes' response when too many logins have failed (AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "applications/lockout.html", context, status=429)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "applications/password_change.html"
    success_url = reverse_lazy("operators:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "applications/password_change_done.html"


@method_decorator(limited("password_reset", methods=["POST"]), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "applications/password_reset.html"
    email_template_name = "applications/password_reset_email.txt"
    subject_template_name = "applications/password_reset_subject.txt"
    success_url = reverse_lazy("operators:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "applications/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "applications/password_reset_confirm.html"
    success_url = reverse_lazy("operators:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "applications/password_reset_complete.html"
