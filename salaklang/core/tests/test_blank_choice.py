"""Django's own strings that reach our pages are translated too."""


def test_djangos_empty_choice_is_translated():
    from django.db.models.fields import BLANK_CHOICE_LABEL
    from django.utils import translation

    with translation.override("th"):
        assert str(BLANK_CHOICE_LABEL) == "- เลือก -"
    with translation.override("en"):
        assert str(BLANK_CHOICE_LABEL) == "- Select an option -"
