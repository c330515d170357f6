/**
 * The Hono application both services serve: a small core (`GET /`,
 * `GET /health`, Kafka Connect's error bodies) that route plug-ins extend.
 *
 * @example
 * ```ts
 * import { createRestApp } from "./app.ts";
 * const app = createRestApp({
 *   rootInfo: () => ({ version: "0.1.0", commit: "abc", kafka_cluster_id: "xyz" }),
 *   health: () => "healthy",
 * });
 * const res = await app.request("/health");
 * console.log(res.status); // 200
 * ```
 * @module
 */
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { RestError } from "./rest_error.ts";

/** What `GET /` answers, as Kafka Connect's `ServerInfo`. */
export interface RootInfo {
  version: string;
  commit: string;
  kafka_cluster_id: string | null;
}

/** The worker's health, as `GET /health` reports it. */
export type HealthState = "starting" | "healthy" | "unhealthy";

/** A route plug-in: adds its routes to the app. */
export type RestPlugin = (app: Hono) => void;

/** Options of {@linkcode createRestApp}. */
export interface RestAppOptions {
  /** Answers `GET /`. */
  rootInfo(): RootInfo;
  /** The worker's current health. */
  health(): HealthState;
  /** Route plug-ins, applied in order. */
  plugins?: readonly RestPlugin[];
  /** Called with unexpected errors (answered 500). */
  onUnexpectedError?: (err: unknown) => void;
}

const HEALTH_BODIES: Record<HealthState, { status: number; message: string }> = {
  healthy: {
    status: 200,
    message: "Worker has completed startup and is ready to handle requests.",
  },
  starting: { status: 503, message: "Worker is still starting up." },
  unhealthy: {
    status: 500,
    message: "Worker was unable to handle this request and may be unable to handle other requests.",
  },
};

/**
 * Builds the REST app with Kafka Connect's root and health endpoints and
 * error handling; `plugins` add the rest of the API.
 *
 * @example
 * ```ts
 * import { createRestApp } from "./app.ts";
 * const app = createRestApp({
 *   rootInfo: () => ({ version: "0.1.0", commit: "abc", kafka_cluster_id: null }),
 *   health: () => "starting",
 * });
 * console.log((await app.request("/health")).status); // 503
 * ```
 */
export function createRestApp(options: RestAppOptions): Hono {
  const app = new Hono();
  app.get("/", (c) => c.json(options.rootInfo()));
  app.get("/health", (c) => {
    const state = options.health();
    const { status, message } = HEALTH_BODIES[state];
    return c.json({ status: state, message }, status as ContentfulStatusCode);
  });
  for (const plugin of options.plugins ?? []) plugin(app);
  app.notFound((c) => c.json({ error_code: 404, message: "HTTP 404 Not Found" }, 404));
  app.onError((err, c) => {
    if (err instanceof RestError) return c.json(err.toBody(), err.status);
    options.onUnexpectedError?.(err);
    const message = err instanceof Error ? err.message : String(err);
    return c.json({ error_code: 500, message }, 500);
  });
  return app;
}
