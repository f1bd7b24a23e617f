from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from salaklang.accounts.models import User


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username or e-mail"), max_length=254, widget=forms.TextInput(attrs={"autofocus": True,
                                                                                     "autocomplete": "username"})
    )
    error_messages = {
        "invalid_login": _("The username/e-mail or password is not correct. Please try again."),
        "inactive": _("This account is inactive."),
    }


class EmailPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True).exclude(password="").iterator()


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["title", "first_name", "last_name", "first_name_en", "last_name_en", "position_title", "phone", "email"]

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip()
        if email and User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This e-mail address is already used by another account."))
        return email


class CitizenSignupForm(forms.ModelForm):
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                strip=False)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                strip=False)

    class Meta:
        model = User
        fields = ["username", "email", "first_name", "last_name", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["first_name"].required = True

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("This e-mail address is already used by another account."))
        return email

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        if p1:
            candidate = User(username=data.get("username") or "", email=data.get("email") or "",
                             first_name=data.get("first_name") or "", last_name=data.get("last_name") or "")
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data
