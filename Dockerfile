# Rare Earth Radar — multi-stage build: compile TypeScript, then a slim runtime with production deps only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# sqlite3 compiles from source when no prebuilt binary matches: it needs python3, make and g++.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
# HTTP_PORT serves /healthz and /metrics; the HEALTHCHECK below and orchestrators' probes use it.
# Two malloc arenas instead of glibc's default of eight per core: the threads of libuv, V8 and SQLite would
# each keep freed memory in an arena of their own. The first poll of 2,000 feeds peaks ~25 MB lower
# (BENCHMARKS.md, "Scale"); the variable must be set before Node starts, so it is set here.
ENV NODE_ENV=production TZ=UTC HTTP_PORT=8080 MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY config ./config
# The SQLite store lives on a volume so alerts are not repeated after the container is replaced. The bot runs
# as `node` (uid 1000): a bind-mounted folder must be writable by uid 1000 (README "Running with Docker").
RUN mkdir -p /app/data && chown -R node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 8080
# The slim image has no curl: Node's own fetch asks /healthz, which is 503 (exit 1) when unhealthy. It asks
# where the bot listens: HTTP_HOST when that is one address, loopback when unset or every interface.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const h = process.env.HTTP_HOST || ''; const host = h === '' || h === '0.0.0.0' || h === '::' ? '127.0.0.1' : h.includes(':') ? '[' + h + ']' : h; fetch('http://' + host + ':' + (process.env.HTTP_PORT || 8080) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# A 4 MB cap on V8's young generation, which Node takes only at start (src/cli/keep-heap-small.ts): a quarter
# of the scavenges of the 1 MB the bot keeps without it, for a few MB.
ENTRYPOINT ["node", "--max-semi-space-size=4", "dist/cli.js"]
CMD ["start"]
