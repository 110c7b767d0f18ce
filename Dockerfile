# monitor: polls news feeds and alerts on new ISIS-related incidents in Syria.
FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# gcc only for wheels that lack a prebuilt binary on this platform; removed after.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY monitor ./monitor
RUN pip install . && apt-get purge -y gcc libc6-dev && apt-get autoremove -y

# Default config and the bundled fixture feeds (the demo works offline);
# mount your own config over /config.
COPY config /config
COPY fixtures /fixtures

RUN useradd --system --uid 10001 --home-dir /data monitor \
    && mkdir -p /data && chown monitor /data
USER monitor

ENV MONITOR_CONFIG_DIR=/config \
    MONITOR_DATA_DIR=/data \
    MONITOR_LOGGING__FORMAT=json
VOLUME ["/config", "/data"]

# Healthy when a poll cycle completed recently (see `monitor healthcheck --help`).
HEALTHCHECK --interval=60s --timeout=10s --start-period=120s --retries=3 \
    CMD ["monitor", "healthcheck"]

ENTRYPOINT ["monitor"]
CMD ["run"]
