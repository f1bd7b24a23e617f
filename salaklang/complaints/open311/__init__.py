"""Open311 GeoReport v2 at /open311/v2/: views, the rows they answer (data), the JSON/XML formats, the query
parameters and the per-key quotas. Writes go through ``complaints.services.intake.complaint_submit``."""
