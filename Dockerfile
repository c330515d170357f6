# Tributary workers on the official Deno image. `docker compose` builds it once
# and runs it as the source worker and the sink worker.
FROM denoland/deno:2.9.6

WORKDIR /app
COPY deno.json deno.lock ./
COPY shared/ shared/
COPY services/ services/
COPY examples/ examples/
RUN deno cache --frozen services/source-worker/main.ts services/sink-worker/main.ts \
  && mkdir -p /data && chown deno:deno /data

USER deno
ENTRYPOINT ["deno", "task"]
CMD ["source-worker"]
