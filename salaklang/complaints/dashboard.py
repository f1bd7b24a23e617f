from salaklang.complaints import access, queries


def panel(request):
    """Open, overdue and due-soon counts of the person's complaint inbox (three COUNT queries)."""
    if not access.is_complaint_staff(request.user):
        return None
    return {"template": "complaints/_dashboard_panel.html", "order": 20, "counts": queries.inbox_counts(request.user)}
