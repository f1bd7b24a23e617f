"""The safe subset of HTML the portal stores and shows (nh3, an allow-list sanitiser).

Kept: paragraphs, line breaks, headings (h2–h5; an h1 becomes an h2, the page has its own h1), bold/italic/
underline, lists, quotes, links (http, https, mailto, tel and site-relative), tables and images. Everything
else goes — Word's ``<o:p>``, ``<xml>`` blocks, conditional comments, ``class``/``style``/``lang``
attributes, fonts and spans keep their text and lose their markup.

What cannot be an accident is refused with a message instead of being silently dropped: a script, an
embedded object or frame, an inline event handler (``onclick=…``) or a ``javascript:``/``vbscript:``/``data:``
address. Plain-text fields (captions, titles) are checked with the same rule by ``check_plain``.
"""

from __future__ import annotations

import re

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote", "ul", "ol",
    "li", "a", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "img", "figure", "figcaption", "hr",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
SCHEMES = {"http", "https", "mailto", "tel"}
# Removed with their content (Word's XML islands and style sheets included).
CLEAN_CONTENT = {"script", "style", "xml", "title", "head", "iframe", "object", "embed", "noscript", "template"}

DANGEROUS = re.compile(
    r"<\s*(script|iframe|object|embed|applet|base|meta|form|svg|math)\b"
    r"|\bon[a-z]+\s*="
    r"|(java|vb)script\s*:"
    r"|\b(href|src|action|formaction|xlink:href)\s*=\s*[\"']?\s*data\s*:",
    re.IGNORECASE,
)
_H1 = re.compile(r"<(/?)h1\b", re.IGNORECASE)
# Chromium's editor (and Word) make a paragraph a <div> on Enter: keep it a paragraph, not run-together text.
_DIV = re.compile(r"<(/?)div\b[^>]*>", re.IGNORECASE)
_BLOCK_EDGE = re.compile(r"</?(?:p|br|li|h[2-5]|tr|td|th|blockquote|figcaption|div)\b[^>]*>", re.IGNORECASE)
_EMPTY_P = re.compile(r"<p>(?:\s|&nbsp;|\xa0|<br>)*</p>")
_IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\balt=)", re.IGNORECASE)
# Text typed before the first Enter has no paragraph of its own: the leading run of text and inline tags.
_INLINE = r"(?:[^<]|<(?:/?(?:a|strong|b|em|i|u|s|sub|sup)|br|img)\b[^>]*>)"
_LEADING_INLINE = re.compile(rf"^(?=\s*[^\s<]|\s*<(?:a|strong|b|em|i|u|s|sub|sup|img)\b){_INLINE}+")


def has_dangerous_markup(text: str) -> bool:
    # Entities such as &#106;avascript: are decoded by browsers: check the decoded form too.
    import html

    return bool(DANGEROUS.search(text or "") or DANGEROUS.search(html.unescape(text or "")))


def sanitize(html: str, *, field: str | None = None, strict: bool = True) -> str:
    """The safe HTML for ``html``; ValidationError if it carries a script, a handler or a script address
    (``strict=False``, for imported feeds: those are silently removed instead)."""
    html = html or ""
    if strict and has_dangerous_markup(html):
        message = _("The text contains a script, an event handler or a javascript: link. Remove it and save again.")
        raise ValidationError({field: message} if field else message)
    html = _H1.sub(r"<\1h2", html)
    html = _DIV.sub(r"<\1p>", html)
    cleaned = nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, clean_content_tags=CLEAN_CONTENT, url_schemes=SCHEMES,
        strip_comments=True, link_rel="noopener noreferrer",
        set_tag_attribute_values={"img": {"loading": "lazy"}},
    )
    # An image without a text alternative: screen readers read its file name (axe: image-alt, critical). Marked
    # decorative (alt="") unless the editor gives it a description.
    cleaned = _IMG_WITHOUT_ALT.sub('<img alt=""', cleaned)
    cleaned = _LEADING_INLINE.sub(lambda m: f"<p>{m.group(0).strip()}</p>", cleaned.strip(), count=1)
    return _EMPTY_P.sub("", cleaned).strip()


def check_plain(text: str, *, field: str | None = None) -> str:
    """A plain-text field (title, caption): refused if it carries markup that could run."""
    text = (text or "").strip()
    if has_dangerous_markup(text):
        message = _("This text contains a script, an event handler or a javascript: link.")
        raise ValidationError({field: message} if field else message)
    return text


def plain_text(html: str) -> str:
    """The text of sanitised HTML (feeds' summaries, share descriptions)."""
    import html as html_lib

    spaced = _BLOCK_EDGE.sub(" ", html or "")  # paragraphs, lines and cells do not run together in a summary
    return re.sub(r"\s+", " ", html_lib.unescape(nh3.clean(spaced, tags=set()))).strip()
