"""The full-text index, different on each database (see gongkai/search/models.py).

SQLite: an FTS5 table over the pre-tokenised text, rowid = search_searchentry.id.
The ``ascii`` tokenizer splits on ASCII non-alphanumerics only, so the
space-separated grams and words (CJK, or lower-case letters and digits) come
out exactly as Python made them.

PostgreSQL: two tsvector columns on search_searchentry, the grams one
GIN-indexed ('simple' configuration: no stemming, no stop words).
"""

from django.db import migrations


class VendorSQL(migrations.RunSQL):
    """RunSQL that runs only on one database vendor and is a no-op elsewhere."""

    def __init__(self, vendor, sql, reverse_sql):
        super().__init__(sql, reverse_sql)
        self.vendor = vendor

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"Full-text index ({self.vendor})"


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        VendorSQL(
            "sqlite",
            sql=[
                "CREATE VIRTUAL TABLE search_fts USING fts5("
                "title_grams, body_grams, title_words, body_words, tokenize = 'ascii')"
            ],
            reverse_sql=["DROP TABLE search_fts"],
        ),
        VendorSQL(
            "postgresql",
            sql=[
                "ALTER TABLE search_searchentry ADD COLUMN grams_tsv tsvector, "
                "ADD COLUMN words_tsv tsvector",
                "CREATE INDEX search_entry_grams_gin ON search_searchentry USING gin (grams_tsv)",
            ],
            reverse_sql=[
                "DROP INDEX search_entry_grams_gin",
                "ALTER TABLE search_searchentry DROP COLUMN grams_tsv, DROP COLUMN words_tsv",
            ],
        ),
    ]
