"""Feedback entrypoints for dialogues and statistics (mixins of FeedbackService; nameko entrypoints
only: load -> domain -> store -> dump)."""
from datetime import date

from services.common.commands import create
from services.common.documents import from_document
from services.common.ids import new_id, today
from services.common.rpc_errors import domain_rpc as rpc
from services.common.schemas_reporting import AnnualReportQuery
from services.common.schemas import load_or_invalid, shared
from services.common.schemas_scope import scoped
from services.feedback import api
from services.feedback.domain import dialogues, statistics


class DialogueEntrypoints:

    @rpc
    def record_dialogue(self, payload, recorded_by=None):
        command = load_or_invalid(shared(api.RecordDialogue), payload)

        def decide():
            draft = from_document(dialogues.Dialogue, dict(command, id=new_id("dlg"), recorded_by=recorded_by))
            return dialogues.hold(draft, self.store.find_unit(draft.unit_id),
                                  self.store.missing_feedback(draft.feedback_ids), today())
        return create(self.store.dialogues, decide, shared(api.DialogueView).dump)

    @rpc
    def get_dialogue(self, dialogue_id):
        ref = load_or_invalid(shared(api.DialogueRef), {"dialogue_id": dialogue_id})
        return shared(api.DialogueView).dump(self.store.dialogues.get(ref["dialogue_id"]))

    @rpc
    def list_dialogues(self, query=None):
        query = load_or_invalid(shared(scoped(api.ListDialoguesQuery)), query or {})
        items, total = self.store.list_dialogues(**query)
        return {"items": shared(api.DialogueView, many=True).dump(items), "total": total}


class StatisticsEntrypoints:

    @rpc
    def statistics(self, query=None):
        query = load_or_invalid(shared(scoped(api.StatisticsQuery)), query or {})
        as_of = today()
        period = {"from_": query["from_"] or date(as_of.year, 1, 1), "to": query["to"] or as_of,
                  "unit_id": query.get("unit_id")}
        figures = statistics.statistics(self.store.received_between(**period, unit_ids=query["unit_ids"]),
                                        self.store.dialogues_between(**period, unit_ids=query["unit_ids"]), as_of)
        return shared(api.StatisticsView).dump(dict(figures, **period, as_of=as_of,
                                            deadline_rules=self.policy.describe()))

    @rpc
    def annual_report(self, year, unit_id=None, unit_ids=None):
        query = load_or_invalid(AnnualReportQuery(), {"year": year, "unit_id": unit_id, "unit_ids": unit_ids})
        period = {"from_": date(query["year"], 1, 1), "to": date(query["year"], 12, 31),
                  "unit_id": query["unit_id"], "unit_ids": query["unit_ids"]}
        as_of = min(today(), period["to"])
        return statistics.annual_figures(query["year"], self.store.received_between(**period),
                                         self.store.dialogues_between(**period), as_of)
