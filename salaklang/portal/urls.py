from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from salaklang.portal import feeds, views, views_seo

app_name = "portal"
urlpatterns = [
    path("", views.site_list, name="sites"),
    # the language switch of anonymous portal pages: they carry no CSRF token (cacheable, no cookie); switching a
    # visitor's language is all a forged request could do
    path("language/", csrf_exempt(login_not_required(set_language)), name="language"),
    # editors
    path("manage/", views.manage, name="manage"),
    path("manage/<str:code>/", views.manage_site, name="manage_site"),
    path("manage/<str:code>/new/", views.post_create, name="post_create"),
    path("manage/<str:code>/settings/", views.site_settings, name="site_settings"),
    path("manage/<str:code>/categories/", views.category_create, name="category_create"),
    path("manage/<str:code>/import/", views.feed_import, name="import"),
    path("manage/<str:code>/posts/<int:pk>/", views.post_edit, name="post_edit"),
    path("manage/<str:code>/posts/<int:pk>/publish/", views.post_publish, name="post_publish"),
    path("manage/<str:code>/posts/<int:pk>/unpublish/", views.post_unpublish, name="post_unpublish"),
    path("manage/<str:code>/posts/<int:pk>/unschedule/", views.post_unschedule, name="post_unschedule"),
    path("manage/<str:code>/posts/<int:pk>/feature/", views.post_feature, name="post_feature"),
    path("manage/<str:code>/posts/<int:pk>/history/", views.post_history, name="post_history"),
    path("manage/<str:code>/posts/<int:pk>/history/<int:number>/restore/", views.post_restore, name="post_restore"),
    path("manage/<str:code>/posts/<int:pk>/photos/", views.photo_add, name="photo_add"),
    path("manage/<str:code>/posts/<int:pk>/photos/<int:photo_pk>/", views.photo_edit, name="photo_edit"),
    path("manage/<str:code>/posts/<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("manage/<str:code>/posts/<int:pk>/attachments/<int:att_pk>/delete/", views.attachment_delete,
         name="attachment_delete"),
    # publish from the work
    path("from/meeting/<int:pk>/", views.from_meeting, name="from_meeting"),
    path("from/call/<int:pk>/", views.from_call, name="from_call"),
    path("from/consultation/<int:pk>/", views.from_consultation, name="from_consultation"),
    path("from/agenda/<int:pk>/", views.from_agenda, name="from_agenda"),
    # files
    path("photos/<int:pk>/<str:size>/", views.photo_file, name="photo"),
    path("files/<int:pk>/", views.attachment_file, name="attachment"),
    # public pages of a site
    path("<str:code>/", views.home, name="home"),
    path("<str:code>/feed.rss", login_not_required(feeds.SiteFeed()), name="feed_rss"),
    path("<str:code>/feed.atom", login_not_required(feeds.SiteAtomFeed()), name="feed_atom"),
    path("<str:code>/sitemap.xml", views_seo.site_sitemap, name="sitemap"),
    path("<str:code>/posts/<int:pk>/", views.post_detail, name="post"),
    path("<str:code>/posts/<int:pk>/print/", views.post_print, name="post_print"),
    path("<str:code>/list/<str:kind>/", views.kind_list, name="kind"),
    path("<str:code>/category/<slug:slug>/", views.category, name="category"),
    path("<str:code>/category/<slug:slug>/feed.rss", login_not_required(feeds.CategoryFeed()), name="category_rss"),
    path("<str:code>/category/<slug:slug>/feed.atom", login_not_required(feeds.CategoryAtomFeed()),
         name="category_atom"),
    path("<str:code>/section/<str:org>/", views.section, name="section"),
    path("<str:code>/page/<str:page>/", views.standing_page, name="page"),
]
