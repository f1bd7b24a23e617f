"""The review pages' forms: the rubric (a table of criteria), choosing reviewers, the score sheet, a reason, the
decision. The templates keep their field names (``criterion_<key>`` columns, ``score_<id>`` / ``comment_<id>``)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

CRITERION_KEYS = ("name_th", "weight", "max_score", "description")


class RubricForm(forms.Form):
    blind = forms.BooleanField(required=False)
    # ranges are the service's to check (its messages say why)
    reviewers_per_proposal = forms.IntegerField(required=False)
    selections_allowed = forms.IntegerField(required=False)
    threshold = forms.DecimalField(required=False)

    CRITERIA_ERROR = _("Give each criterion a name, a weight in per cent and a maximum score.")

    def rows(self) -> list[dict[str, str]]:
        """The rows of the criteria table as typed (kept on the page when they are refused)."""
        columns = {key: self.data.getlist(f"criterion_{key}") for key in CRITERION_KEYS}
        count = max((len(v) for v in columns.values()), default=0)
        return [{key: (columns[key][i] if i < len(columns[key]) else "").strip() for key in CRITERION_KEYS}
                for i in range(count)]

    def clean(self):
        data = super().clean()
        criteria = []
        try:
            for row in self.rows():
                if not (row["name_th"] or row["weight"] or row["description"]):
                    continue
                if not row["name_th"]:
                    raise ValueError
                criteria.append({"name_th": row["name_th"], "weight": Decimal(row["weight"]),
                                 "max_score": int(row["max_score"] or 10), "description": row["description"]})
        except (ValueError, InvalidOperation):
            raise forms.ValidationError(self.CRITERIA_ERROR) from None
        if self.errors:
            raise forms.ValidationError(self.CRITERIA_ERROR)
        data["criteria"] = criteria
        return data

    def service_data(self) -> dict:
        d = self.cleaned_data
        return {"criteria": d["criteria"], "blind": d["blind"],
                "reviewers_per_proposal": d["reviewers_per_proposal"] or 0,
                "selections_allowed": d["selections_allowed"] or 1,
                "threshold": d["threshold"] if d["threshold"] is not None else Decimal("20")}


class AssignForm(forms.Form):
    """Reviewers ticked one by one and/or every named member of a committee; ids outside the candidates are
    ignored (a stale page)."""

    committee = forms.IntegerField(required=False)

    def __init__(self, data, *, candidates, committees):
        super().__init__(data)
        self.candidates, self.committees = candidates, committees

    def clean(self):
        data = super().clean()
        chosen = {x for x in self.data.getlist("reviewers") if x.isdigit()}
        committee = self.committees.filter(pk=data.get("committee") or 0).first()
        if committee is not None:
            chosen |= {str(pk) for pk in committee.members.filter(person__isnull=False)
                       .values_list("person_id", flat=True)}
        data["reviewers"] = list(self.candidates.filter(pk__in=chosen))
        if not data["reviewers"]:
            raise forms.ValidationError(_("Choose at least one reviewer."))
        return data


class ScoreSheetForm(forms.Form):
    """One score and one comment per criterion (``score_<id>``, ``comment_<id>``)."""

    def __init__(self, data=None, *, criteria):
        super().__init__(data)
        self.criteria = criteria

    def clean(self):
        data = super().clean()
        values = {}
        for c in self.criteria:
            raw = self.data.get(f"score_{c.pk}", "").strip()
            try:
                score = Decimal(raw) if raw else None
            except InvalidOperation:
                raise forms.ValidationError(_("Scores must be numbers.")) from None
            values[c.pk] = (score, self.data.get(f"comment_{c.pk}", "")[:2000])
        data["values"] = values
        data["submit"] = self.data.get("action") == "submit"
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(required=False)


class DecisionForm(forms.Form):
    """The proposals selected (of this call; other ids are ignored), the reasons and the meeting."""

    reasons = forms.CharField(required=False)
    meeting = forms.CharField(required=False)

    def __init__(self, data, *, proposals):
        super().__init__(data)
        self.proposals = proposals

    def clean(self):
        data = super().clean()
        ids = [x for x in self.data.getlist("selected") if x.isdigit()]
        data["proposals"] = list(self.proposals.filter(pk__in=ids))
        return data
