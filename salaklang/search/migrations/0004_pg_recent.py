"""PostgreSQL: the (date, id) index the engine walks newest first (``ORDER BY date DESC NULLS LAST, id DESC``;
the model's ``search_doc_date`` is ``date DESC`` with NULLs first, which cannot give that order). A common word
is then answered by reading about ``2,000 / share`` rows in date order instead of the trigram bitmap of every
match (engine: ``choose_plan``). SQLite has its own covering index for the same walk (0003); nothing to do there."""

from django.db import migrations

POSTGRES_UP = ["CREATE INDEX IF NOT EXISTS search_doc_recent ON search_searchdocument (date DESC NULLS LAST, id DESC)"]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS search_doc_recent"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_title_fts")]

    operations = [migrations.RunPython(_run(POSTGRES_UP), _run(POSTGRES_DOWN))]
