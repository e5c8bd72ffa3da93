"""Recruitment routes (tuyển dụng, docs/domain.md rule 12): campaigns, candidates, scores, results, the recruitment
decision, probation and its end, and the erasure of rejected candidates' personal data run now."""
from gateway.http import route
from gateway.roles import ADMIN_ONLY, HR_WRITE, STAFF
from services.personnel import api as personnel_api

TAG = "recruitment"
HR = HR_WRITE          # candidates' personal data and probation records: admin and HR only


class RecruitmentRoutes:

    @route("POST", "/api/v1/recruitment/campaigns", roles=HR_WRITE, body=personnel_api.OpenCampaign,
           response=personnel_api.CampaignView, status=201, tag=TAG)
    def open_campaign(self, call):
        """Announce a campaign: vacancies of positions of the unit's approved scheme, within quota minus staff in post
        (422 RECRUITMENT_QUOTA); the rule set is the one of `announced_on`."""
        return self.backends.call("personnel", "open_campaign", call.body)

    @route("GET", "/api/v1/recruitment/campaigns", roles=STAFF, query=personnel_api.ListCampaignsQuery,
           response=personnel_api.CampaignView, many=True, tag=TAG, unit_scoped=True)
    def list_campaigns(self, call):
        """Recruitment campaigns by unit and status."""
        return self.backends.call("personnel", "list_campaigns", call.query)

    @route("GET", "/api/v1/recruitment/campaigns/{campaign_id}", roles=STAFF, response=personnel_api.CampaignView,
           tag=TAG)
    def get_campaign(self, call, campaign_id):
        """One campaign with its rule set, rounds, tie-break and vacancies."""
        return self.backends.call("personnel", "get_campaign", campaign_id)

    @route("POST", "/api/v1/recruitment/campaigns/{campaign_id}/candidates", roles=HR,
           body=personnel_api.RegisterCandidate, response=personnel_api.CandidateView, status=201, tag=TAG)
    def register_candidate(self, call, campaign_id):
        """Register a candidate for a vacancy, with the legal basis of processing their data; 422
        RECRUITMENT_ELIGIBILITY names each condition missing (age, nationality, education, priority points)."""
        return self.backends.call("personnel", "register_candidate", campaign_id, call.body)

    @route("GET", "/api/v1/recruitment/campaigns/{campaign_id}/candidates", roles=HR,
           response=personnel_api.CandidateView, many=True, tag=TAG)
    def list_candidates(self, call, campaign_id):
        """A campaign's candidates with their scores, total, place and status."""
        return self.backends.call("personnel", "list_candidates", campaign_id)

    @route("GET", "/api/v1/recruitment/candidates/{candidate_id}", roles=HR, response=personnel_api.CandidateView,
           tag=TAG)
    def get_candidate(self, call, candidate_id):
        """One candidate (personal data erased once a rejected candidate's retention period ended)."""
        return self.backends.call("personnel", "get_candidate", candidate_id)

    @route("POST", "/api/v1/recruitment/candidates/{candidate_id}/scores", roles=HR, body=personnel_api.RecordScore,
           response=personnel_api.CandidateView, tag=TAG)
    def record_candidate_score(self, call, candidate_id):
        """A round's score (0-100; the same round again corrects it); a round comes after passing the earlier ones."""
        return self.backends.call("personnel", "record_candidate_score", candidate_id, call.body)

    @route("POST", "/api/v1/recruitment/campaigns/{campaign_id}/results", roles=HR_WRITE,
           body=personnel_api.PublishResults, response=personnel_api.CampaignView, tag=TAG)
    def publish_results(self, call, campaign_id):
        """Rank each vacancy's candidates and publish the results (422 RECRUITMENT_TIE: the head chooses among
        those tied at the last place, `head_choice_ids`)."""
        return self.backends.call("personnel", "publish_results", campaign_id, call.body)

    @route("POST", "/api/v1/recruitment/campaigns/{campaign_id}/decision", roles=HR_WRITE,
           body=personnel_api.DecideRecruitment, response=personnel_api.CampaignView, tag=TAG)
    def decide_recruitment(self, call, campaign_id):
        """The recruitment decision: every candidate who passed becomes an official on probation."""
        return self.backends.call("personnel", "decide_recruitment", campaign_id, call.body)

    @route("GET", "/api/v1/recruitment/probations", roles=HR, query=personnel_api.ListProbationsQuery,
           response=personnel_api.ProbationView, many=True, tag=TAG, unit_scoped=True)
    def list_probations(self, call):
        """Probations (tập sự) by official, unit and status, by their last day: start, last day, months, the rule."""
        return self.backends.call("personnel", "list_probations", call.query)

    @route("POST", "/api/v1/recruitment/probations/{official_id}/end", roles=HR_WRITE,
           body=personnel_api.EndProbation, response=personnel_api.ProbationView, tag=TAG)
    def end_probation(self, call, official_id):
        """The end-of-probation evaluation: passed confirms the official, failed separates them (PROBATION_FAILED)."""
        return self.backends.call("personnel", "end_probation", official_id, call.body)

    @route("POST", "/api/v1/recruitment/retention-runs", roles=ADMIN_ONLY, response=personnel_api.RetentionRunView,
           tag=TAG)
    def purge_rejected_candidates(self, call):
        """Erase now the personal data of rejected candidates whose retention period ended (the daily timer's work)."""
        return self.backends.call("personnel", "purge_rejected_candidates")
