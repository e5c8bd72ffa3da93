"""The gateway: the one HTTP door into the platform (nameko @http), calling services by RPC."""
from gateway.auth import Auth
from gateway.backends import Backends, TimedRpcProxy
from gateway.memo import Memos
from gateway.metrics import Metrics
from gateway.ratelimit import RateLimits
from gateway.routes.account import AccountRoutes
from gateway.routes.admin import AdminRoutes
from gateway.routes.agencies import AgencyRoutes
from gateway.routes.careers import CareerRoutes
from gateway.routes.feedback import FeedbackRoutes
from gateway.routes.inspection import InspectionRoutes
from gateway.routes.operations import OperationsRoutes
from gateway.routes.personnel import PersonnelRoutes
from gateway.routes.profile import ProfileRoutes
from gateway.routes.recruitment import RecruitmentRoutes
from gateway.routes.reports import ReportRoutes
from gateway.routes.training import TrainingRoutes
from nameko.dependency_providers import Config

from services.common.health import Heartbeat


class GatewayService(OperationsRoutes, AccountRoutes, AdminRoutes, PersonnelRoutes, TrainingRoutes,
                     InspectionRoutes, FeedbackRoutes, ProfileRoutes, ReportRoutes, AgencyRoutes,
                     RecruitmentRoutes, CareerRoutes):
    name = "gateway"
    auth = Auth()
    rate_limits = RateLimits()
    metrics = Metrics()
    memos = Memos()
    config = Config()
    heartbeat = Heartbeat("gateway")    # the process's own liveness (services/common/heartbeat.py)
    personnel_rpc = TimedRpcProxy("personnel")
    training_rpc = TimedRpcProxy("training")
    inspection_rpc = TimedRpcProxy("inspection")
    feedback_rpc = TimedRpcProxy("feedback")
    subscriptions_rpc = TimedRpcProxy("subscriptions")

    @property
    def backends(self):
        return Backends({"personnel": self.personnel_rpc, "training": self.training_rpc,
                         "inspection": self.inspection_rpc, "feedback": self.feedback_rpc,
                         "subscriptions": self.subscriptions_rpc},
                        float(self.config.get("GATEWAY_RPC_TIMEOUT_SECONDS", 5)),
                        float(self.config.get("GATEWAY_AGGREGATE_TIMEOUT_SECONDS", 2)), self.metrics)

    @property
    def max_body_bytes(self):
        return int(self.config.get("GATEWAY_MAX_BODY_BYTES", 1048576))
