"""Personnel entrypoints for recruitment (tuyển dụng, docs/domain.md rule 12): campaigns, candidates, scores,
results, the recruitment decision making officials on probation, the end of probation, and the erasure of
rejected candidates' personal data (a mixin of PersonnelService)."""
from dataclasses import replace

from services.common.commands import change, create
from services.common.documents import from_document
from services.common.ids import new_id
from services.common.rpc_errors import domain_rpc as rpc
from services.common.scans import change_each
from services.common.schemas import load_or_invalid, shared
from services.common.schemas_scope import scoped
from services.common.timers import singleton_timer
from services.personnel import api
from services.personnel.domain import recruitment
from services.personnel.domain.recruitment import Campaign, Candidate, CandidateStatus
from services.personnel.domain.recruitment_rules import rule_set_for
from services.personnel.domain.separations import separate
from services.personnel.recruitment_settings import RecruitmentConfig


def campaign_view(campaign):
    rule_set = rule_set_for(campaign.category, campaign.announced_on)
    return shared(api.CampaignView).dump(dict(vars(campaign), rounds=rule_set.rounds_of(campaign.method),
                                              tie_break=list(rule_set.tie_break)))


class RecruitmentEntrypoints:
    recruitment_settings = RecruitmentConfig()

    @rpc
    def open_campaign(self, payload):
        command = load_or_invalid(shared(api.OpenCampaign), payload)
        wanted = command.pop("vacancies")

        def decide():
            unit, scheme = self.store.units.get(command["unit_id"]), self.store.schemes.get(command["scheme_id"])
            ids = [v["position_id"] for v in wanted]
            positions = {position_id: self.store.positions.get(position_id) for position_id in ids}
            campaign = from_document(Campaign, dict(command, id=new_id("rc"), legal_basis=""))
            return recruitment.open_campaign(campaign, wanted, unit, scheme, positions,
                                             set(self.store.subtree_ids(unit.id)),
                                             self.store.in_post(ids, campaign.announced_on),
                                             self.store.places_offered(ids))
        return create(self.store.campaigns, decide, campaign_view)

    @rpc
    def get_campaign(self, campaign_id):
        return campaign_view(self.store.campaigns.get(campaign_id))

    @rpc
    def list_campaigns(self, query=None):
        query = load_or_invalid(shared(scoped(api.ListCampaignsQuery)), query or {})
        items, total, following = self.store.list_campaigns(**query)
        return {"items": [campaign_view(c) for c in items], "total": total, "next": following}

    @rpc
    def register_candidate(self, campaign_id, payload):
        command = load_or_invalid(shared(api.RegisterCandidate), payload)

        def decide():
            campaign = self.store.campaigns.get(campaign_id)
            candidate = from_document(Candidate, dict(command, id=new_id("cand"), campaign_id=campaign_id))
            return recruitment.register_candidate(
                campaign, candidate, self.store.positions.get(candidate.position_id),
                self.store.applied_already(campaign_id, candidate.national_id))
        return create(self.store.candidates, decide, shared(api.CandidateView).dump)

    @rpc
    def list_candidates(self, campaign_id):
        self.store.campaigns.get(campaign_id)
        items = self.store.candidates_of(campaign_id)
        return {"items": shared(api.CandidateView, many=True).dump(items), "total": len(items)}

    @rpc
    def get_candidate(self, candidate_id):
        return shared(api.CandidateView).dump(self.store.candidates.get(candidate_id))

    @rpc
    def record_candidate_score(self, candidate_id, payload):
        command = load_or_invalid(shared(api.RecordScore), payload)
        return change(self.store.candidates, candidate_id, lambda candidate: recruitment.record_score(
            candidate, self.store.campaigns.get(candidate.campaign_id), command["round"], command["score"],
            command["scored_on"]), shared(api.CandidateView).dump)

    @rpc
    def publish_results(self, campaign_id, payload):
        """Rank and publish: every candidate's status, total and place, then the campaign (its event last, so a
        retry after a failure ranks again the same way)."""
        command = load_or_invalid(shared(api.PublishResults), payload)
        campaign, version = self.store.campaigns.get_versioned(campaign_id)
        candidates = self.store.candidates_of(campaign_id)
        published, ranked, events = recruitment.publish_results(
            campaign, candidates, command["published_on"], command["results_ref"], command["head_choice_ids"])
        for candidate in ranked:
            _, candidate_version = self.store.candidates.get_versioned(candidate.id)
            self.store.candidates.save(candidate, candidate_version)
        self.store.campaigns.save(published, version, events)
        return campaign_view(published)

    @rpc
    def decide_recruitment(self, campaign_id, payload):
        """Each candidate who passed becomes an official through `register_official` (the one registration
        path), on probation from the first day; then the campaign is completed (`recruitment_completed`).
        Written candidate by candidate: a retry after a failure carries on with those not yet recruited."""
        command = load_or_invalid(shared(api.DecideRecruitment), payload)
        campaign, version = self.store.campaigns.get_versioned(campaign_id)
        start = command["service_start_date"]
        recruitment.check_recruitment(campaign, command["decided_on"], start)
        probations = []
        for candidate in self.store.candidates_of(campaign_id):
            if candidate.status == CandidateStatus.RECRUITED:
                probations.append(self.store.probations.get(recruitment.probation_id(candidate.official_id)))
            elif candidate.status == CandidateStatus.PASSED:
                probations.append(self._recruit(campaign, candidate, start))
        completed, events = recruitment.complete(campaign, probations, command["decided_on"],
                                                 command["decision_ref"], start)
        self.store.campaigns.save(completed, version, events)
        return campaign_view(completed)

    def _recruit(self, campaign, candidate, start):
        registered = self.register_official(recruitment.official_payload(campaign, candidate, start))
        official = self.store.officials.get(registered["id"])
        probation = recruitment.start_probation(campaign, candidate, official,
                                                self.store.positions.get(official.position_id))
        self.store.probations.add(probation)
        _, candidate_version = self.store.candidates.get_versioned(candidate.id)
        self.store.candidates.save(replace(candidate, status=CandidateStatus.RECRUITED, official_id=official.id),
                                   candidate_version)
        return probation

    @rpc
    def get_probation(self, official_id):
        return shared(api.ProbationView).dump(self.store.probations.get(recruitment.probation_id(official_id)))

    @rpc
    def list_probations(self, query=None):
        query = load_or_invalid(shared(scoped(api.ListProbationsQuery)), query or {})
        items, total = self.store.list_probations(**query)
        return {"items": shared(api.ProbationView, many=True).dump(items), "total": total}

    @rpc
    def end_probation(self, official_id, payload):
        """Pass: the official is confirmed in the rank; fail: the official is separated (PROBATION_FAILED)."""
        command = load_or_invalid(shared(api.EndProbation), payload)
        probation, version = self.store.probations.get_versioned(recruitment.probation_id(official_id))
        ended, events = recruitment.end_probation(probation, command["passed"], command["ended_on"],
                                                  command["decision_ref"], command["comment"])
        if not command["passed"]:
            change(self.store.officials, official_id, lambda official: separate(
                official, recruitment.failed_separation(ended), self.store.open_reviews_of(official_id),
                self.store.evaluations_of(official_id), self.store.disciplines_of(official_id)), lambda _: None)
        self.store.probations.save(ended, version, events)
        return shared(api.ProbationView).dump(ended)

    @rpc
    def purge_rejected_candidates(self):
        """Erase the personal data of rejected candidates whose retention period ended (the timer's work, callable
        on demand), on the day of the configured clock."""
        settings = self.recruitment_settings
        as_of, days = settings.clock(), settings.rejected_retention_days
        erased = []
        for campaign_id in self.store.campaigns_with_results():
            if recruitment.erasure_due(self.store.campaigns.get(campaign_id), days, as_of):
                saved = change_each(self.store.rejected_not_erased(campaign_id), self.store.candidates.get_versioned,
                                    lambda candidate: _erased(candidate, as_of), self.store.candidates.save)
                erased += [candidate_id for candidate_id, _, _ in saved]
        return shared(api.RetentionRunView).dump({"as_of": as_of, "retention_days": days, "erased": erased})

    @singleton_timer("RECRUITMENT_RETENTION_CHECK_SECONDS", 86400, lease="recruitment-retention")
    def rejected_candidates_timer(self):
        self.purge_rejected_candidates()


def _erased(candidate, on):
    erased = recruitment.erase(candidate, on)
    return None if erased is None else (erased, ())
