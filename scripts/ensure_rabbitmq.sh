#!/usr/bin/env bash
# Make sure a RabbitMQ broker answers on 127.0.0.1:5672 with its management API on :15672.
# Starts an installed-but-stopped broker; installs it from the distribution's packages when it is
# missing and we are root; otherwise says exactly what to do.
set -euo pipefail

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() {
  for _ in $(seq 1 60); do port_open "$1" && return 0; sleep 1; done
  return 1
}

if ! command -v rabbitmq-server >/dev/null 2>&1 && ! port_open 5672; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "RabbitMQ is not installed: installing it from the distribution's packages..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null
  else
    echo "RabbitMQ is not installed. Install it, then run this again:" >&2
    echo "    sudo apt-get install -y rabbitmq-server" >&2
    echo "or point AMQP_URI at a running broker (and RABBITMQ_MANAGEMENT_URL at its management API)." >&2
    exit 1
  fi
fi

if ! port_open 5672; then
  echo "Starting RabbitMQ..."
  if command -v systemctl >/dev/null 2>&1 && systemctl start rabbitmq-server 2>/dev/null; then :;
  else rabbitmq-server -detached; fi
  wait_for 5672 || { echo "RabbitMQ did not start on :5672 within 60 s" >&2; exit 1; }
fi

if ! port_open 15672; then
  # The tests create one vhost per test through the management API.
  rabbitmq-plugins enable --quiet rabbitmq_management >/dev/null 2>&1 || \
    rabbitmq-plugins enable --offline --quiet rabbitmq_management >/dev/null
  wait_for 15672 || { echo "RabbitMQ management API did not come up on :15672" >&2; exit 1; }
fi
echo "RabbitMQ is running (amqp :5672, management :15672)."
