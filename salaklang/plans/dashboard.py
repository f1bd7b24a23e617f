from salaklang.plans import access, queries
from salaklang.plans.models import ProgressReport


def panel(request):
    """Executives and strategy staff: the status counts of their province; reporters: reports to do;
    the national office: a link to the side-by-side scorecard. Constant queries."""
    user = request.user
    if not user.is_authenticated or getattr(user, "is_citizen", False):
        return None
    provinces = sorted(access.scorecard_province_ids(user))
    national = access.can_see_national(user)
    my_orgs = access.reporting_org_ids(user)
    if not provinces and not national and not my_orgs:
        return None
    ctx = {"template": "plans/_dashboard_panel.html", "order": 15, "national": national, "summary": None,
           "returned": []}
    if provinces:
        from salaklang.organizations.models import Organization

        province = Organization.objects.get(pk=provinces[0])
        fy = queries.default_fy(province)
        rows = queries.national_scorecard([province], fy)
        ctx["summary"] = {"province": province, "fy": fy, "row": rows[0],
                          "awaiting": ProgressReport.objects.filter(plan__province=province,
                                                                    status=ProgressReport.Status.SUBMITTED).count()}
    if my_orgs:
        ctx["returned"] = list(ProgressReport.objects.filter(organization_id__in=my_orgs, status__in=[
            ProgressReport.Status.RETURNED, ProgressReport.Status.DRAFT]).select_related("plan")[:5])
    return ctx
