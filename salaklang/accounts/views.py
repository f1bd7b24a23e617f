from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from salaklang.accounts import services
from salaklang.accounts.forms import CitizenSignupForm, EmailPasswordResetForm, LoginForm, ProfileForm
from salaklang.core.links import base_url
from salaklang.core.ratelimit import ratelimit


def lockout_response(request, credentials=None, *args, **kwargs):
    """Shown (HTTP 429) once an account or an address has too many failed sign-ins."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    form_class = EmailPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self):  # the link in the e-mail: BASE_URL, never the request's Host header
        return {"base_url": base_url()}

    @method_decorator(ratelimit(key="ip", rate=lambda group, request: settings.PASSWORD_RESET_RATE, method="POST",
                                block=False))
    def post(self, request, *args, **kwargs):
        if getattr(request, "limited", False):
            return render(request, "core/rate_limited.html", status=429)
        return super().post(request, *args, **kwargs)


@method_decorator(login_not_required, name="dispatch")
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


@method_decorator(login_not_required, name="dispatch")
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response


def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=request.user, actor=request.user, data=form.cleaned_data)
        messages.success(request, _("Your details have been saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form}, status=400 if form.errors else 200)


@login_not_required
@ratelimit(key="ip", rate=lambda group, request: settings.CITIZEN_SIGNUP_RATE, method="POST", block=False)
def citizen_signup(request):
    if request.user.is_authenticated:
        return redirect("core:home")
    if getattr(request, "limited", False):
        return render(request, "core/rate_limited.html", status=429)
    form = CitizenSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        user = services.citizen_register(username=d["username"], email=d["email"], password=d["password1"],
                                         first_name=d["first_name"], last_name=d.get("last_name", ""),
                                         phone=d.get("phone", ""))
        auth_login(request, user, backend="salaklang.accounts.backends.UsernameOrEmailBackend")
        messages.success(request, _("Your citizen account has been created."))
        return redirect("core:home")
    return render(request, "accounts/signup.html", {"form": form}, status=400 if form.errors else 200)
