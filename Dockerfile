# Tributary workers on the official Deno image. `docker compose` builds it once
# and runs it as the source worker and the sink worker.
FROM denoland/deno:2.9.6

WORKDIR /app
COPY deno.json deno.lock ./
COPY shared/ shared/
COPY services/ services/
COPY examples/ examples/
# File connectors may use /app/data (the workers' file.allowed.dirs default,
# which their Deno permissions grant); compose mounts a volume there.
RUN deno cache --frozen services/source-worker/main.ts services/sink-worker/main.ts \
  && mkdir -p /app/data && chown -R deno:deno /app

USER deno
ENTRYPOINT ["deno", "task"]
CMD ["source-worker"]
