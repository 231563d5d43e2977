from django.contrib.auth import views as auth_views
from django.urls import path

from . import oidc, security_views, views
from .permissions import public, signed_in

app_name = "accounts"
urlpatterns = [
    path("login/", public(views.LoginView.as_view()), name="login"),
    path("logout/", public(auth_views.LogoutView.as_view()), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("permissions/", security_views.permission_table, name="permission_table"),
    path("security/", security_views.security_events, name="security_events"),
    path("profile/totp/start/", views.totp_start, name="totp_start"),
    path("profile/totp/confirm/", views.totp_confirm, name="totp_confirm"),
    path("profile/tokens/", views.token_create, name="token_create"),
    path("profile/recovery-codes/", views.recovery_codes_create, name="recovery_codes_create"),
    path("second-factor/", views.second_factor_setup, name="second_factor_setup"),
    path("second-factor/verify/", views.second_factor_verify, name="second_factor_verify"),
    path("oidc/login/", public(oidc.StartView.as_view()), name="oidc_start"),
    path("oidc/callback/", public(oidc.CallbackView.as_view()), name="oidc_callback"),
    path("password/change/", signed_in(views.PasswordChangeView.as_view()), name="password_change"),
    path("password/reset/", public(views.PasswordResetView.as_view()), name="password_reset"),
    path(
        "password/reset/sent/",
        public(auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        public(views.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
]
