# syntax=docker/dockerfile:1
# Build: compile TypeScript and the native sqlite module; run: Node 24 LTS slim as a non-root user.

FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    BOT_DB=sqlite:///var/lib/niapp/bot.sqlite \
    KNOWLEDGE_DIR=/app/data/knowledge \
    HEALTH_PORT=8080
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY data/knowledge ./data/knowledge
COPY data/safety/model.json ./data/safety/model.json
RUN mkdir -p /var/lib/niapp && chown node:node /var/lib/niapp
USER node
VOLUME ["/var/lib/niapp"]
EXPOSE 3000 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.HEALTH_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
