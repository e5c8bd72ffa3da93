# One image for the five services and the gateway. docker-compose.yml runs one module per container:
#     nameko run --config config.yml services.<name>.service:<Name>Service   (or gateway.service:GatewayService)
# The command is exec-form, so nameko is the process that receives SIGTERM and shuts down gracefully
# (compose adds `init: true`, a tiny init that forwards signals and reaps zombies).

# --- build: install the project and its pinned dependencies into a virtualenv ------------------
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
WORKDIR /src
COPY pyproject.toml README.md ./
COPY services ./services
COPY gateway ./gateway
RUN /opt/venv/bin/pip install .

# --- runtime: the virtualenv, config.yml, a non-root user ----------------------------------------
FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    CONFIG_FILE=/app/config.yml
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY config.yml ./
USER 10001:10001
EXPOSE 8000
# Default: everything in one process on one broker account (a trial); compose runs one container per
# service and the gateway, each with its own broker user (docs/security.md), and sets the gateway's address.
CMD ["nameko", "run", "--config", "config.yml", "services.personnel.service:PersonnelService", "services.training.service:TrainingService", "services.inspection.service:InspectionService", "services.feedback.service:FeedbackService", "services.subscriptions.service:SubscriptionsService", "gateway.service:GatewayService"]
