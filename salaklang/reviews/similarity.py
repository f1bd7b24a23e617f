"""Similar proposals by Thai word segmentation (not substring matching).

Each submitted proposal's title, background, objectives and novelty are segmented with PyThaiNLP's newmm
(offline dictionary); stop words, punctuation and one-letter tokens are dropped; the terms go to an
inverted index (ProposalTerm). A lookup weighs the terms two proposals share by their rarity (idf) and
ignores terms that occur in more than a fifth of all proposals, so it reads only short posting lists.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count

from salaklang.calls.models import Proposal
from salaklang.reviews.models import ProposalTerm

TEXT_FIELDS = ("title", "background", "objectives", "novelty", "target_group")
_WORD = re.compile(r"\w", re.UNICODE)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords())


def terms_of(text: str) -> Counter[str]:
    from pythainlp.tokenize import word_tokenize

    stop = _stopwords()
    out: Counter[str] = Counter()
    for token in word_tokenize(text or "", engine="newmm", keep_whitespace=False):
        token = token.strip().lower()
        if len(token) < 2 or token in stop or not _WORD.search(token) or token.isdigit():
            continue
        out[token[:60]] += 1
    return out


def proposal_text(p: Proposal) -> str:
    return "\n".join(getattr(p, f) or "" for f in TEXT_FIELDS)


def index_on_commit(p: Proposal) -> None:
    """Refresh the index of ``p`` once the transaction that submitted it commits. Called by the services that
    submit proposals (``calls.services.proposal_approve`` and ``proposal_forward``); nothing indexes on save."""
    transaction.on_commit(lambda: index_proposal(p))


@transaction.atomic
def index_proposal(p: Proposal) -> int:
    terms = terms_of(proposal_text(p))
    ProposalTerm.objects.filter(proposal=p).delete()
    ProposalTerm.objects.bulk_create([ProposalTerm(proposal=p, term=t, count=min(c, 32767)) for t, c in terms.items()])
    return len(terms)


def similar_to(p: Proposal, *, limit: int = 5, max_share: float = 0.2) -> list[tuple[Proposal, float]]:
    """Proposals of *other* organizations most similar to ``p`` (score 0–1, best first)."""
    mine = dict(ProposalTerm.objects.filter(proposal=p).values_list("term", "count"))
    if not mine:
        mine = dict(terms_of(proposal_text(p)))
    if not mine:
        return []
    total = cache.get_or_set("reviews:similarity:indexed", lambda: ProposalTerm.objects.values("proposal").distinct()
                             .count(), 600) or 1  # the idf base changes slowly: counted at most every 10 minutes
    df = dict(ProposalTerm.objects.filter(term__in=list(mine)).values("term").annotate(n=Count("id"))
              .values_list("term", "n"))
    idf = {t: math.log(1 + total / n) for t, n in df.items() if n <= max(2, total * max_share)}
    if not idf:
        return []
    norm = math.sqrt(sum((idf[t]) ** 2 for t in idf)) or 1.0
    scores: Counter[int] = Counter()
    for pid, term in (ProposalTerm.objects.filter(term__in=list(idf)).exclude(proposal=p)
                      .exclude(proposal__organization_id=p.organization_id).values_list("proposal_id", "term")):
        scores[pid] += idf[term] ** 2
    best = scores.most_common(limit)
    found = {x.pk: x for x in Proposal.objects.filter(pk__in=[pid for pid, _ in best])
             .select_related("organization", "call__issuer")}
    return [(found[pid], round(score / norm ** 2, 3)) for pid, score in best if pid in found]
