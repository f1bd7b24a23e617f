from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("complaints", "0002_defaults")]

    operations = [
        migrations.RemoveConstraint(model_name="complaintstat", name="complaint_stat_key"),
        migrations.RemoveConstraint(model_name="complaintdurationstat", name="complaint_duration_key"),
        migrations.RemoveIndex(model_name="complaintstat", name="cmp_stat_province_day"),
        migrations.RemoveIndex(model_name="complaintdurationstat", name="cmp_dur_province_day"),
        migrations.RenameField(model_name="complaintstat", old_name="day", new_name="month"),
        migrations.RenameField(model_name="complaintdurationstat", old_name="day", new_name="month"),
        migrations.AddConstraint(
            model_name="complaintstat",
            constraint=models.UniqueConstraint(
                fields=["month", "province_id", "category_id", "agency_id", "district_id", "status", "timeliness"],
                name="complaint_stat_key"),
        ),
        migrations.AddConstraint(
            model_name="complaintdurationstat",
            constraint=models.UniqueConstraint(
                fields=["month", "province_id", "category_id", "agency_id", "district_id", "metric", "bucket"],
                name="complaint_duration_key"),
        ),
        migrations.AddIndex(model_name="complaintstat",
                            index=models.Index(fields=["province_id", "month"], name="cmp_stat_province_month")),
        migrations.AddIndex(model_name="complaintdurationstat",
                            index=models.Index(fields=["province_id", "month"], name="cmp_dur_province_month")),
    ]
