"""The search index: one row per searchable object (a denormalised copy, rebuilt from the source at any time)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    kind = models.CharField(_("kind"), max_length=20)
    object_id = models.BigIntegerField()
    organization = models.ForeignKey("organizations.Organization", null=True, blank=True, on_delete=models.DO_NOTHING,
                                     db_constraint=False, related_name="+")
    province = models.ForeignKey("organizations.Organization", null=True, blank=True, on_delete=models.DO_NOTHING,
                                 db_constraint=False, related_name="+")
    fiscal_year = models.PositiveIntegerField(null=True, blank=True)
    date = models.DateTimeField(null=True, blank=True)
    label = models.CharField(max_length=100, blank=True, help_text="sub-kind shown to people, e.g. announcement")
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True, help_text="cleaned text the snippets are cut from")
    url = models.CharField(max_length=300)
    # normalize(title) and normalize(title + body): what queries match (trigram indexes on PostgreSQL, FTS5 on
    # SQLite through the search_fts table kept in step by triggers).
    title_norm = models.CharField(max_length=500)
    text_norm = models.TextField()
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_doc_once")]
        indexes = [
            models.Index(fields=["province", "kind"], name="search_doc_province"),
            models.Index(fields=["-date"], name="search_doc_date"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title[:60]}"


class ExtractedText(models.Model):
    """The text of one uploaded file (by its storage name), extracted once for the index."""

    name = models.CharField(max_length=300, unique=True)
    text = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name
