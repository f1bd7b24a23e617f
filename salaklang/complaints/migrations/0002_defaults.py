from django.db import migrations


def forwards(apps, schema_editor):
    from salaklang.complaints.defaults import load

    load(apps.get_model("complaints", "Category"), apps.get_model("complaints", "Holiday"))


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
