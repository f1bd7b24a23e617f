from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("organizations", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ExtractedText",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=300, unique=True)),
                ("text", models.TextField(blank=True)),
            ],
        ),
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=20, verbose_name="kind")),
                ("object_id", models.BigIntegerField()),
                ("fiscal_year", models.PositiveIntegerField(blank=True, null=True)),
                ("date", models.DateTimeField(blank=True, null=True)),
                ("label", models.CharField(blank=True, help_text="sub-kind shown to people, e.g. announcement",
                                           max_length=100)),
                ("title", models.CharField(max_length=500)),
                ("body", models.TextField(blank=True, help_text="cleaned text the snippets are cut from")),
                ("url", models.CharField(max_length=300)),
                ("title_norm", models.CharField(max_length=500)),
                ("text_norm", models.TextField()),
                ("indexed_at", models.DateTimeField(auto_now=True)),
                ("organization", models.ForeignKey(blank=True, db_constraint=False, null=True,
                                                   on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                                                   to="organizations.organization")),
                ("province", models.ForeignKey(blank=True, db_constraint=False, null=True,
                                               on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                                               to="organizations.organization")),
            ],
            options={
                "indexes": [models.Index(fields=["province", "kind"], name="search_doc_province"),
                            models.Index(fields=["-date"], name="search_doc_date")],
                "constraints": [models.UniqueConstraint(fields=("kind", "object_id"), name="search_doc_once")],
            },
        ),
    ]
