"""``{% fragment fragments "name" %}…{% endfragment %}``: the body rendered once and then read from the cache under the
key of ``salaklang.core.fragments.Fragments`` (see there for what may go inside). Without a ``Fragments`` object in the
context the body is simply rendered."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, fragments, name):
        self.nodelist, self.fragments, self.name = nodelist, fragments, name

    def render(self, context):
        fragments = self.fragments.resolve(context, ignore_failures=True)
        if fragments is None:
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        html = fragments.get(name)
        if html is None:
            html = self.nodelist.render(context)
            fragments.put(name, str(html))
        return mark_safe(html)  # noqa: S308 — the output of this template's own rendering, escaped when rendered


@register.tag("fragment")
def do_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError("usage: {% fragment <Fragments> \"name\" %}…{% endfragment %}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]), parser.compile_filter(bits[2]))
