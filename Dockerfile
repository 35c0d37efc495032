# IBeam for .NET: the engine, the dashboard and IBKR's Client Portal Gateway in one image.
#
#   docker build -t ibeam-dotnet .                        # downloads the gateway from IBKR at build time
#   docker build --build-arg GATEWAY_URL= -t ibeam-dotnet .   # no download: mount yours at /srv/clientportal.gw
#   docker run --env-file env.list -p 5000:5000 -p 5001:5001 -p 5080:5080 \
#       -v ./inputs:/srv/inputs -v ibeam-outputs:/srv/outputs -v ibeam-data:/srv/data ibeam-dotnet
#
# The runtime is Debian, not Microsoft's .NET 10 images (Ubuntu, whose chromium package is only a
# snap stub): Debian's chromium is the browser IBeam is tested with. The app is therefore published
# self-contained, so the image needs no .NET installation of its own.

ARG DEBIAN_RELEASE=bookworm

# --- Build: restore first (cached while only sources change), then publish. -------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY IBeam.Engine/IBeam.Engine.csproj IBeam.Engine/
COPY migrations/IBeam.Migrations.csproj migrations/
COPY IBeam.Dashboard/IBeam.Dashboard.csproj IBeam.Dashboard/
RUN dotnet restore IBeam.Dashboard/IBeam.Dashboard.csproj -r linux-x64
COPY IBeam.Engine/ IBeam.Engine/
COPY migrations/ migrations/
COPY IBeam.Dashboard/ IBeam.Dashboard/
RUN dotnet publish IBeam.Dashboard/IBeam.Dashboard.csproj -c Release -r linux-x64 --self-contained true \
        --no-restore -o /app \
    && rm -rf /app/outputs

# --- The gateway, from IBKR's public URL (empty GATEWAY_URL: none; mount it instead). -----------
FROM debian:${DEBIAN_RELEASE}-slim AS gateway
ARG GATEWAY_URL=https://download2.interactivebrokers.com/portal/clientportal.gw.zip
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl unzip \
    && mkdir -p /srv/clientportal.gw \
    && if [ -n "$GATEWAY_URL" ]; then \
         curl -fsSL --retry 3 "$GATEWAY_URL" -o /tmp/gateway.zip \
         && unzip -q /tmp/gateway.zip -d /srv/clientportal.gw \
         && rm /tmp/gateway.zip \
         && chmod +x /srv/clientportal.gw/bin/run.sh; \
       fi

# --- Runtime: Debian's Chromium, a Java runtime for the gateway, the published app. -----------
FROM debian:${DEBIAN_RELEASE}-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        chromium fonts-liberation openjdk-17-jre-headless ca-certificates curl libicu72 tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 --shell /usr/sbin/nologin ibeam \
    && mkdir -p /srv/inputs /srv/outputs /srv/data \
    && chown ibeam:ibeam /srv/inputs /srv/outputs /srv/data

COPY --from=gateway --chown=ibeam:ibeam /srv/clientportal.gw /srv/clientportal.gw
COPY --from=build /app /app

# IBeam's own image layout and variables, so an existing env.list keeps working.
ENV IBEAM_GATEWAY_DIR=/srv/clientportal.gw \
    IBEAM_INPUTS_DIR=/srv/inputs \
    IBEAM_OUTPUTS_DIR=/srv/outputs \
    IBEAM_DATABASE_PATH=/srv/data/ibeam.db \
    IBEAM_BROWSER_PATH=/usr/bin/chromium \
    IBEAM_HEALTH_SERVER_PORT=5001 \
    ASPNETCORE_URLS=http://0.0.0.0:5080 \
    DOTNET_gcServer=0

USER ibeam
WORKDIR /srv/data
VOLUME ["/srv/inputs", "/srv/outputs", "/srv/data"]

# 5000: the gateway (its API, for your trading code); 5001: health probes, /activate, /deactivate
# and SMS webhooks; 5080: the dashboard and its REST API. Without IBEAM_DASHBOARD_PASSWORD (or one
# set on a first visit) the dashboard listens on the container's loopback only.
EXPOSE 5000 5001 5080

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${IBEAM_HEALTH_SERVER_PORT}/livez" || exit 1

ENTRYPOINT ["/app/IBeam.Dashboard"]
