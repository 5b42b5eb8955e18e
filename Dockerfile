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
ENV NODE_ENV=production TZ=UTC HTTP_PORT=8080
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY config ./config
# The SQLite store lives on a volume so alerts are not repeated after the container is replaced.
RUN mkdir -p /app/data && chown -R node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 8080
# The slim image has no curl: Node's own fetch asks /healthz, which is 503 (exit 1) when unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 8080) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "dist/cli.js"]
CMD ["start"]
