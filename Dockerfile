# syntax=docker/dockerfile:1
# DentalPin: `docker build -t dentalpin .` (docs/deploy.md). Two stages: the web app is built with the
# dev dependencies; the run time has only `npm ci --omit=dev` (checked in CI by .ci/runtime-tree.sh).

FROM node:20-slim AS build
WORKDIR /app
ENV APOLLO_TELEMETRY_DISABLED=1
COPY . .
RUN npm ci --no-audit --no-fund
# The list of module web layers comes from the modules on disk; then the web app is built against it.
RUN node core/bin/dentalpin.js modules sync-frontend && npm run build:web

FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    APOLLO_TELEMETRY_DISABLED=1
WORKDIR /app
# The app writes module backups (storage/) under its folder: it belongs to the unprivileged user.
RUN chown node:node /app
USER node
COPY --chown=node:node . .
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build --chown=node:node /app/web/dist web/dist
COPY --from=build --chown=node:node /app/web/src/generated/module-layers.ts web/src/generated/module-layers.ts
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The bin itself, not `npm start`: it is PID 1's child of nothing, so SIGTERM reaches it directly.
CMD ["node", "core/bin/dentalpin.js", "serve"]
