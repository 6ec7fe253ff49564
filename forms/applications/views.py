"""Operators' accounts on the public site: register, log in, 我的办理, passwords."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView

from . import catalogue
from .forms import OperatorRegistrationForm
from .models import FormDownloadPage

LOGIN_URL = reverse_lazy("operators:login")
HOME_URL = reverse_lazy("operators:home")


@method_decorator(sensitive_post_parameters("password1", "password2"), name="dispatch")
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


@login_required(login_url=LOGIN_URL)
def my_services(request):
    """我的办理: the organisation, its applications (none can be made online yet) and what to do next."""
    profile = getattr(request.user, "operator_profile", None)
    if profile is None:
        return render(request, "applications/my_services.html", {"profile": None})
    city_slug = profile.county.city.slug
    context = {
        "profile": profile,
        "applications": [],
        "download_page": FormDownloadPage.objects.live().filter(city__slug=city_slug).first(),
        "materials": [
            (label, catalogue.materials_for(city_slug, key)) for key, label in catalogue.SUBSIDY_TYPES.items()
        ],
        "materials_interpretation": catalogue.materials_interpretation(city_slug),
    }
    return render(request, "applications/my_services.html", context)


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
