from django import template

from salaklang.documents.text import paragraphs as split_paragraphs

register = template.Library()


@register.filter
def paragraphs(value):
    """``{% for p in text|paragraphs %}<p class="para">{{ p }}</p>{% endfor %}``: one typed line, one paragraph."""
    return split_paragraphs(str(value) if value is not None else "")
