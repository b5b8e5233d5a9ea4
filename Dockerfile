# PaperBot container image.
#
#   docker build -t paperbot .
#   docker run -e DISCORD_TOKEN=... paperbot        # that is the whole deploy
#
# Stage 1 builds one static binary (no cgo: the SQLite driver is pure Go);
# stage 2 is a small Debian with pdftotext for PDF uploads, a non-root user,
# a volume for the index and state, and a HEALTHCHECK that runs the binary's
# own probe against its loopback ops endpoint.
#
# No Docker engine runs on the project's CI machines, so CI checks this file
# with dockerfile_test.go and builds the binary the same way in .ci/run.

FROM golang:1.26-bookworm AS build
WORKDIR /src
ENV CGO_ENABLED=0 GOTOOLCHAIN=local
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/paperbot .

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates poppler-utils \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --user-group --no-create-home --home-dir /data --shell /usr/sbin/nologin paperbot \
 && mkdir -p /data \
 && chown 10001:10001 /data
COPY --from=build /out/paperbot /usr/local/bin/paperbot
ENV DATA_DIR=/data \
    OPS_ADDR=127.0.0.1:9090
VOLUME /data
WORKDIR /data
USER 10001:10001
HEALTHCHECK --interval=30s --timeout=5s --start-period=2m --retries=3 \
  CMD ["/usr/local/bin/paperbot", "health"]
# No arguments: serve Discord when DISCORD_TOKEN is set (else a terminal chat, with -it).
ENTRYPOINT ["/usr/local/bin/paperbot"]
