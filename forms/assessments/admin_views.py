"""The bureau's views and page contents outside modeladmin: an evidence file, the case page's item table and roster,
and a round's figures for its list."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views import View

from forms.cases.uploads import private_file_response

from . import scoring
from .models import Assessment, AssessmentEvidence, PlacementRow
from .participants import eligible_markets
from .roster import same_month_elsewhere
from .self_assessment import round_rules
from .workflow import ASSESSMENTS


class EvidenceFileView(View):
    """One evidence file, only for staff who may open its assessment (drafts are not the bureau's)."""

    model = AssessmentEvidence

    def get(self, request, pk):
        if not request.user.has_perm("assessments.view_assessment"):
            raise PermissionDenied
        evidence = get_object_or_404(AssessmentEvidence.objects.select_related("assessment"), pk=pk)
        if not ASSESSMENTS.may_open(request.user, evidence.assessment):
            raise Http404
        return private_file_response(evidence.file, evidence.content_type, evidence.original_name)


# --- The case page's item table -------------------------------------------------------------------


@dataclass
class ItemRow:
    criterion: object
    item: object
    evidence: list
    scores: list  # one (score or None) per expert, in the table's expert order
    combined: object
    differs: bool
    fields: tuple = ()  # the current user's points and comment fields of the score form, when on offer


@dataclass
class ItemTable:
    experts: list
    rows: list
    trim_rule: object
    documents: list = field(default_factory=list)  # the 工作运营方案落实情况报告 (item 0)


def item_table(assessment, score_form=None):
    """Per item: 基本分值, 自评分值 and 佐证说明 with files, every expert's score, the combined 考核分值."""
    rules = round_rules(assessment.round)
    trim_rule, trim = scoring.expert_trim(rules, assessment.market.facility_type)
    items = {item.number: item for item in assessment.items.all()}
    evidence = evidence_by_item(assessment)
    scores = list(assessment.expert_scores.select_related("expert"))
    experts = list({score.expert_id: score.expert for score in scores}.values())
    by_cell = {(score.number, score.expert_id): score for score in scores}
    rows = []
    for criterion in rules.criteria:
        item = items.get(criterion.number)
        cells = [by_cell.get((criterion.number, expert.pk)) for expert in experts]
        combined = combined_points(item, [cell.points for cell in cells if cell], trim)
        rows.append(
            ItemRow(
                criterion=criterion,
                item=item,
                evidence=evidence.get(criterion.number, []),
                scores=cells,
                combined=combined,
                differs=scoring.large_difference(item.self_points if item else None, combined),
                fields=score_fields(score_form, criterion.number),
            )
        )
    return ItemTable(experts, rows, trim_rule, evidence.get(AssessmentEvidence.REPORT, []))


def combined_points(item, points, trim):
    """The 考核分值 once the assessment is complete, the experts' combined score so far before."""
    if item is not None and item.assessed_points is not None:
        return item.assessed_points
    return scoring.combined_points(points, trim)


def evidence_by_item(assessment):
    files = {}
    for evidence in assessment.evidence.all():
        files.setdefault(evidence.item_number, []).append(evidence)
    return files


def score_fields(form, number):
    if form is None:
        return ()
    return form[f"points_{number}"], form[f"comment_{number}"]


def expert_name(user):
    return user.get_full_name() or user.get_username()


# --- The roster -----------------------------------------------------------------------------------


@dataclass
class RosterRow:
    row: PlacementRow
    name: str
    id_number: str
    phone: str
    also_placed_by: list  # names of other markets of the round that placed the same person in the same month


def roster(assessment, revealed=False):
    """The roster, masked unless ``revealed``, each row flagged when another market placed the same person in the
    same month of the same round (a flag for the county to look into, not an error)."""
    rows = list(assessment.placements.all())
    elsewhere = placed_elsewhere(assessment, rows)
    return [
        RosterRow(
            row=row,
            name=row.name if revealed else row.masked_name,
            id_number=(row.id_number or "") if revealed else row.masked_id_number,  # None once erased
            phone=(row.phone or "") if revealed else row.masked_phone,
            also_placed_by=elsewhere.get((row.person_digest, month_of(row.placed_on)), []),
        )
        for row in rows
    ]


def month_of(day):
    return day.year, day.month


def placed_elsewhere(assessment, rows):
    """{(person digest, (year, month)): [market names]} from the round's other assessments the bureau sees
    (``roster.same_month_elsewhere`` compares them)."""
    digests = {row.person_digest for row in rows if row.person_digest}  # erased rows have none
    others = (
        PlacementRow.objects.filter(assessment__round=assessment.round, person_digest__in=digests)
        .exclude(assessment=assessment)
        .exclude(assessment__status=Assessment.Status.DRAFT)
        .select_related("assessment__market")
    )
    flags = same_month_elsewhere(
        [(row.person_digest, row.placed_on) for row in rows],
        [(other.person_digest, other.placed_on, other.assessment.market.title) for other in others],
    )
    found = {}
    for flag in flags:
        names = found.setdefault((flag.person_digest, month_of(flag.placed_on)), [])
        if flag.other_market not in names:
            names.append(flag.other_market)
    return found


# --- A round's figures ----------------------------------------------------------------------------


def status_counts(round_):
    """[(status, label, count)] of the round's assessments the bureau sees (drafts stay with the operators)."""
    counts = {status: 0 for status in Assessment.Status.values if status != Assessment.Status.DRAFT}
    for status in round_.assessments.exclude(status=Assessment.Status.DRAFT).values_list("status", flat=True):
        counts[status] += 1
    return [(status, Assessment.Status(status).label, count) for status, count in counts.items()]


def eligible_count(round_):
    return len(eligible_markets(round_))
