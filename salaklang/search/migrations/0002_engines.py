"""The text indexes, per database: FTS5 with the trigram tokenizer on SQLite (a table kept in step with
search_searchdocument by triggers), pg_trgm GIN indexes on PostgreSQL."""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(text_norm, content='search_searchdocument', content_rowid='id', "
    "tokenize='trigram')",
    "CREATE TRIGGER search_doc_ai AFTER INSERT ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(rowid, text_norm) VALUES (new.id, new.text_norm); END",
    "CREATE TRIGGER search_doc_ad AFTER DELETE ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, text_norm) VALUES ('delete', old.id, old.text_norm); END",
    "CREATE TRIGGER search_doc_au AFTER UPDATE OF text_norm ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, text_norm) VALUES ('delete', old.id, old.text_norm); "
    "INSERT INTO search_fts(rowid, text_norm) VALUES (new.id, new.text_norm); END",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS search_doc_au", "DROP TRIGGER IF EXISTS search_doc_ad",
               "DROP TRIGGER IF EXISTS search_doc_ai", "DROP TABLE IF EXISTS search_fts"]
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX search_doc_text_trgm ON search_searchdocument USING gin (text_norm gin_trgm_ops)",
    "CREATE INDEX search_doc_title_trgm ON search_searchdocument USING gin (title_norm gin_trgm_ops)",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS search_doc_title_trgm", "DROP INDEX IF EXISTS search_doc_text_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
                             _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN})),
    ]
