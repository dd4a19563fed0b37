# The jetjobs images, one build for both:
#   docker build --target service -t jetjobs-service .   gateway, job-registry, CLI (no media tools)
#   docker build --target worker  -t jetjobs-worker .    workers, with ffmpeg and speech tools
# The command picks the service, e.g. `docker run jetjobs-service apps/gateway/dist/main.js`.
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

# Workers: the Debian packages of tools/dev/debian-packages.txt, the list `npm start` installs, read
# here so that it lives in one place. nats-server is left out: NATS runs in its own containers.
FROM node:20-slim AS worker
COPY tools/dev/debian-packages.txt /tmp/debian-packages.txt
RUN apt-get update \
  && grep -v -e '^#' -e '^nats-server$' /tmp/debian-packages.txt | xargs apt-get install -y --no-install-recommends \
  && rm -rf /var/lib/apt/lists/* /tmp/debian-packages.txt
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
USER node
ENTRYPOINT ["node"]
CMD ["apps/echo-worker/dist/main.js"]

# Gateway, job-registry and the CLI: Node.js and the built code only. Last, so a plain
# `docker build .` makes this image.
FROM node:20-slim AS service
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
USER node
ENTRYPOINT ["node"]
CMD ["apps/gateway/dist/main.js"]
