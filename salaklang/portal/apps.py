from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PortalConfig(AppConfig):
    name = "salaklang.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from salaklang.audit import verbs
        from salaklang.core import schedule, workflow
        from salaklang.core.nav import NavItem, register
        from salaklang.portal import access, jobs, pagecache
        from salaklang.portal.models import Post

        workflow.register(Post, transitions=Post.TRANSITIONS,
                          allowed=lambda post, user, to: user is None or access.can_write_post(user, post))
        verbs.register({
            # the verb, not the date label "published" (เผยแพร่เมื่อ) of the catalogue; registered after participation's
            "published": pgettext_lazy("audit verb", "published"),
            "scheduled": _("scheduled"), "unpublished": _("unpublished"), "back to draft": _("moved back to draft"),
            "published on schedule": _("published on schedule"), "version restored": _("restored a version"),
            "featured": _("featured on the home page"), "unfeatured": _("removed from the home page"),
            "photo added": _("added a photo"), "photo changed": _("changed a photo"), "photo removed": _("removed a photo"),
            "attachment added": _("added an attachment"), "attachment removed": _("removed an attachment"),
            "drafted from the work": _("drafted a post from the work"), "feed imported": _("imported a feed"),
        })
        register(NavItem("portal", _("Website"), "portal:manage", access.may_edit_somewhere, order=70))
        schedule.every(minutes=1)(jobs.flush_counts)
        schedule.every(minutes=5)(jobs.publish_due)
        pagecache.connect()
