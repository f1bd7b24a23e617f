"""salaklang.core.access.get_visible: the row a person may see, or 404 — never a server error for a mangled id."""

import pytest
from django.http import Http404

from salaklang.accounts.models import User
from salaklang.core.access import get_visible

pytestmark = pytest.mark.django_db


def test_the_visible_row_is_returned():
    user = User.objects.create_user(username="someone", password="x-long-password-1")
    assert get_visible(User.objects.all(), user.pk) == user
    assert get_visible(User.objects.all(), str(user.pk)) == user


@pytest.mark.parametrize("pk", ["abc", None, 10**30, "1; DROP TABLE", 987654])
def test_a_missing_hidden_or_mangled_id_is_a_404(pk):
    user = User.objects.create_user(username="someone", password="x-long-password-1")
    with pytest.raises(Http404):
        get_visible(User.objects.all(), pk)
    with pytest.raises(Http404):  # exists, but not among what this person may see
        get_visible(User.objects.exclude(pk=user.pk), user.pk)
