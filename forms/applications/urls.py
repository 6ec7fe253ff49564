from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import path

from . import views

app_name = "operators"

urlpatterns = [
    path("register/", views.RegisterView.as_view(), name="register"),
    path("login/", views.OperatorLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page=views.LOGIN_URL), name="logout"),
    path("", views.my_services, name="home"),
    path("applications/new/<slug:form_kind>/", views.new_application, name="new_application"),
    path("applications/<str:receipt_no>/", views.application_detail, name="application"),
    path("applications/<str:receipt_no>/edit/", views.edit_application, name="edit_application"),
    path("applications/<str:receipt_no>/delete/", views.delete_draft, name="delete_draft"),
    path("applications/<str:receipt_no>/form.docx", views.filled_form, name="filled_form"),
    path("applications/<str:receipt_no>/materials/<int:document_id>/", views.material_file, name="material_file"),
    path(
        "applications/<str:receipt_no>/materials/<int:document_id>/delete/",
        views.delete_material,
        name="delete_material",
    ),
    path(
        "password/change/",
        login_required(views.PasswordChangeView.as_view(), login_url=views.LOGIN_URL),
        name="password_change",
    ),
    path(
        "password/change/done/",
        login_required(views.PasswordChangeDoneView.as_view(), login_url=views.LOGIN_URL),
        name="password_change_done",
    ),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/done/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("password/reset/complete/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
