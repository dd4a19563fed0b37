# One image for every service; the command picks which one runs, e.g.
#   docker run jetjobs apps/gateway/dist/main.js
FROM node:20-slim AS manifests
WORKDIR /src
COPY . .
# Only the manifests reach the install layer, so editing source does not reinstall dependencies.
RUN find . -name package.json -not -path '*/node_modules/*' -print0 \
  | tar --null -cf /manifests.tar --mtime=@0 --owner=0 --group=0 --sort=name -T - package-lock.json

FROM node:20-slim AS build
WORKDIR /app
COPY --from=manifests /manifests.tar /tmp/manifests.tar
RUN tar -xf /tmp/manifests.tar && rm /tmp/manifests.tar && npm ci --no-audit --no-fund
COPY . .
RUN npx tsc -b tsconfig.build.json && npm prune --omit=dev

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
USER node
ENTRYPOINT ["node"]
CMD ["apps/gateway/dist/main.js"]
