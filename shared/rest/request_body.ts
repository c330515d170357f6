/**
 * Request bodies of the REST API: reading JSON the way Kafka Connect's
 * Jackson provider does, and checking the entities it binds to
 * (`CreateConnectorRequest`, a connector config `Map<String, String>`, a
 * config patch, `ConnectorOffsets`).
 *
 * Every problem is a `RestError` the route answers before it calls the
 * herder, so a bad request never changes stored state:
 * - a `Content-Type` other than `application/json` → 415 `HTTP 415
 *   Unsupported Media Type` (Jersey's answer; a missing `Content-Type` is
 *   read as JSON, as Jersey does);
 * - an empty body, malformed JSON, or a value of the wrong shape → 400 with
 *   a message `Cannot <action>: <reason>` naming the field.
 *
 * Config values are coerced as Jackson coerces scalars into a
 * `Map<String, String>`: numbers keep their JSON text (`1.50` → `"1.50"`),
 * booleans become `"true"`/`"false"`; objects and arrays are rejected.
 *
 * @example
 * ```ts
 * import { parseConnectorConfig, parseJson } from "./request_body.ts";
 * const body = parseJson('{"tasks.max": 2, "topic": "t"}', "set config of connector fs");
 * console.log(parseConnectorConfig(body, "set config of connector fs"));
 * // { "tasks.max": "2", topic: "t" }
 * ```
 * @module
 */
import type {
  ConnectorConfig,
  ConnectorOffset,
  ConnectorOffsets,
  TargetState,
} from "../runtime/herder.ts";
import { RestError } from "./rest_error.ts";

/** The JSON text of each number parsed by {@linkcode parseJson}, by holder and key. */
const NUMBER_TEXT = new WeakMap<object, Map<string, string>>();

type Reviver = (
  this: unknown,
  key: string,
  value: unknown,
  context?: { source?: string },
) => unknown;

/** Remembers each number's JSON source text (needs JSON.parse source access). */
const rememberNumberText: Reviver = function (key, value, context) {
  if (typeof value === "number" && typeof context?.source === "string") {
    const holder = this as object;
    let texts = NUMBER_TEXT.get(holder);
    if (texts === undefined) NUMBER_TEXT.set(holder, texts = new Map());
    texts.set(key, context.source);
  }
  return value;
};

/**
 * The JSON type of a parsed value, for messages: `object`, `array`,
 * `string`, `number`, `boolean` or `null`.
 *
 * @example
 * ```ts
 * import { jsonTypeName } from "./request_body.ts";
 * console.log(jsonTypeName([1]), jsonTypeName(null), jsonTypeName({})); // array null object
 * ```
 */
export function jsonTypeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/**
 * Whether a parsed JSON value is an object (not an array, not null).
 *
 * @example
 * ```ts
 * import { isJsonObject } from "./request_body.ts";
 * console.log(isJsonObject({}), isJsonObject([]), isJsonObject(null)); // true false false
 * ```
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Parses a request body's text as JSON; 400 `Cannot <action>: ...` if it is
 * empty or malformed. Numbers remember their JSON text, which
 * {@linkcode parseConnectorConfig} uses to coerce them as Jackson does.
 *
 * @param text the body.
 * @param action what the request does, for the message (`create connector`).
 *
 * @example
 * ```ts
 * import { parseJson } from "./request_body.ts";
 * console.log(parseJson('{"a": 1}', "create connector")); // { a: 1 }
 * try {
 *   parseJson("{", "create connector");
 * } catch (err) {
 *   console.log((err as Error).message); // Cannot create connector: the request body is not valid JSON: ...
 * }
 * ```
 */
export function parseJson(text: string, action: string): unknown {
  if (text.trim() === "") {
    throw new RestError(400, `Cannot ${action}: the request body is empty; send a JSON document`);
  }
  try {
    return (JSON.parse as (text: string, reviver: Reviver) => unknown)(text, rememberNumberText);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new RestError(
      400,
      `Cannot ${action}: the request body is not valid JSON: ${reason}`,
      { cause: err },
    );
  }
}

/**
 * Reads a request's JSON body: 415 `HTTP 415 Unsupported Media Type` unless
 * its `Content-Type` is `application/json` (parameters such as `charset`
 * allowed) or absent, then {@linkcode parseJson}.
 *
 * @param request the HTTP request (in Hono, `c.req.raw`).
 * @param action what the request does, for messages (`create connector`).
 *
 * @example
 * ```ts
 * import { readJsonBody } from "./request_body.ts";
 * const request = new Request("http://localhost/connectors", {
 *   method: "POST",
 *   headers: { "Content-Type": "application/json" },
 *   body: '{"name": "fs"}',
 * });
 * console.log(await readJsonBody(request, "create connector")); // { name: "fs" }
 * ```
 */
export async function readJsonBody(request: Request, action: string): Promise<unknown> {
  const contentType = request.headers.get("content-type")?.trim() ?? "";
  if (contentType !== "") {
    const mediaType = contentType.split(";", 1)[0].trim().toLowerCase();
    if (mediaType !== "application/json") {
      throw new RestError(415, "HTTP 415 Unsupported Media Type");
    }
  }
  return parseJson(await request.text(), action);
}

/**
 * Options of {@linkcode parseConnectorConfig}.
 *
 * @example
 * ```ts
 * import type { ConfigParseOptions } from "./request_body.ts";
 * const options: ConfigParseOptions = { field: "config" }; // messages say "config.<key>"
 * ```
 */
export interface ConfigParseOptions {
  /** Where the config sits in the body, for messages (`config`); the body itself if absent. */
  field?: string;
}

/**
 * A connector config from a parsed body: a JSON object whose values are
 * strings, or numbers and booleans (coerced to their JSON text as Jackson
 * does). Anything else is a 400 naming the key.
 *
 * @param value the parsed JSON value.
 * @param action what the request does, for messages.
 *
 * @example
 * ```ts
 * import { parseConnectorConfig, parseJson } from "./request_body.ts";
 * const config = parseConnectorConfig(parseJson('{"batch.size": 1e3, "x": true}', "a"), "a");
 * console.log(config); // { "batch.size": "1e3", x: "true" }
 * ```
 */
export function parseConnectorConfig(
  value: unknown,
  action: string,
  options: ConfigParseOptions = {},
): ConnectorConfig {
  const entries = configEntries(value, action, options.field, false);
  return Object.fromEntries(entries) as ConnectorConfig;
}

/**
 * A config patch (`PATCH /connectors/{n}/config`): like a config, but a
 * `null` value is kept (it removes the key).
 *
 * @example
 * ```ts
 * import { parseConfigPatch, parseJson } from "./request_body.ts";
 * console.log(parseConfigPatch(parseJson('{"topic": "t2", "file": null}', "a"), "a"));
 * // { topic: "t2", file: null }
 * ```
 */
export function parseConfigPatch(value: unknown, action: string): Record<string, string | null> {
  return Object.fromEntries(configEntries(value, action, undefined, true));
}

function configEntries(
  value: unknown,
  action: string,
  field: string | undefined,
  allowNull: boolean,
): [string, string | null][] {
  const where = field === undefined ? "the request body" : `"${field}"`;
  if (!isJsonObject(value)) {
    throw new RestError(
      400,
      `Cannot ${action}: ${mustBe(where, "a JSON object of config keys to string values", value)}`,
    );
  }
  const texts = NUMBER_TEXT.get(value);
  return Object.entries(value).map(([key, v]): [string, string | null] => {
    if (typeof v === "string") return [key, v];
    if (typeof v === "number") return [key, texts?.get(key) ?? String(v)];
    if (typeof v === "boolean") return [key, String(v)];
    if (v === null && allowNull) return [key, null];
    const keyName = field === undefined ? `"${key}"` : `"${field}.${key}"`;
    const expected = allowNull ? "a string or null" : "a string";
    throw new RestError(
      400,
      `Cannot ${action}: config key ${keyName} must have ${expected} value, not ${
        article(jsonTypeName(v))
      }`,
    );
  });
}

function article(typeName: string): string {
  if (typeName === "null") return "null";
  return /^[aeiou]/.test(typeName) ? `an ${typeName}` : `a ${typeName}`;
}

/** `<where> is missing` or `<where> must be <expected>, not <a type>`. */
function mustBe(where: string, expected: string, value: unknown): string {
  if (value === undefined) return `${where} is missing`;
  return `${where} must be ${expected}, not ${article(jsonTypeName(value))}`;
}

function rejectUnknownFields(
  body: Record<string, unknown>,
  known: readonly string[],
  where: string,
  action: string,
): void {
  for (const key of Object.keys(body)) {
    if (!known.includes(key)) {
      throw new RestError(
        400,
        `Cannot ${action}: unknown field "${key}" in ${where}; expected ${
          known.map((k) => `"${k}"`).join(", ")
        }`,
      );
    }
  }
}

/**
 * The body of `POST /connectors`, checked.
 *
 * @example
 * ```ts
 * import type { CreateConnectorRequest } from "./request_body.ts";
 * const request: CreateConnectorRequest = { name: "fs", config: { topic: "t" }, initialState: "PAUSED" };
 * ```
 */
export interface CreateConnectorRequest {
  /** The connector's name, trimmed. */
  name: string;
  /** Its config, without the `name` key added (see {@linkcode withConnectorName}). */
  config: ConnectorConfig;
  /** `initial_state`, if given (case-insensitive in the body). */
  initialState?: TargetState;
}

const TARGET_STATES: readonly TargetState[] = ["RUNNING", "PAUSED", "STOPPED"];

/**
 * Checks a `POST /connectors` body: an object with a non-blank string
 * `name` (trimmed), an object `config` (see {@linkcode parseConnectorConfig})
 * and an optional `initial_state` of `RUNNING`, `PAUSED` or `STOPPED` (any
 * case, as Kafka Connect). Unknown fields are rejected, as Jackson does.
 *
 * @example
 * ```ts
 * import { parseCreateConnectorRequest } from "./request_body.ts";
 * const req = parseCreateConnectorRequest({ name: " fs ", config: { topic: "t" }, initial_state: "paused" });
 * console.log(req); // { name: "fs", config: { topic: "t" }, initialState: "PAUSED" }
 * ```
 */
export function parseCreateConnectorRequest(body: unknown): CreateConnectorRequest {
  const action = "create connector";
  if (!isJsonObject(body)) {
    throw new RestError(
      400,
      `Cannot ${action}: ${
        mustBe("the request body", 'a JSON object with "name" and "config"', body)
      }`,
    );
  }
  rejectUnknownFields(body, ["name", "config", "initial_state"], "the request body", action);
  const rawName = body.name;
  if (rawName === undefined || rawName === null) {
    throw new RestError(400, `Cannot ${action}: "name" is missing from the request body`);
  }
  if (typeof rawName !== "string") {
    throw new RestError(400, `Cannot ${action}: ${mustBe('"name"', "a string", rawName)}`);
  }
  const name = rawName.trim();
  if (name === "") throw new RestError(400, `Cannot ${action}: "name" must not be blank`);
  if (body.config === undefined) {
    throw new RestError(400, `Cannot ${action}: "config" is missing from the request body`);
  }
  const config = parseConnectorConfig(body.config, action, { field: "config" });
  const request: CreateConnectorRequest = { name, config };
  const rawState = body.initial_state;
  if (rawState !== undefined && rawState !== null) {
    const state = typeof rawState === "string" ? rawState.toUpperCase() : undefined;
    if (state === undefined || !(TARGET_STATES as readonly string[]).includes(state)) {
      throw new RestError(
        400,
        `Cannot ${action}: "initial_state" must be one of ${TARGET_STATES.join(", ")}, not ${
          JSON.stringify(rawState)
        }`,
      );
    }
    request.initialState = state as TargetState;
  }
  return request;
}

/**
 * Kafka Connect's `checkAndPutConnectorConfigName`: a config's `name`, if
 * present, must equal the connector's name (400 with Kafka Connect's
 * message otherwise); if absent it is added. Returns a new config.
 *
 * @example
 * ```ts
 * import { withConnectorName } from "./request_body.ts";
 * console.log(withConnectorName({ topic: "t" }, "fs")); // { topic: "t", name: "fs" }
 * try {
 *   withConnectorName({ name: "x" }, "fs");
 * } catch (err) {
 *   console.log((err as Error).message);
 *   // Connector name configuration (x) doesn't match connector name in the URL (fs)
 * }
 * ```
 */
export function withConnectorName(config: ConnectorConfig, name: string): ConnectorConfig {
  if (Object.hasOwn(config, "name")) {
    checkConnectorName(config.name, name);
    return config;
  }
  return Object.fromEntries([...Object.entries(config), ["name", name]]);
}

/**
 * Throws Kafka Connect's 400 when a config's `name` value differs from the
 * connector's name (null or absent values pass).
 *
 * @example
 * ```ts
 * import { checkConnectorName } from "./request_body.ts";
 * checkConnectorName("fs", "fs"); // fine
 * checkConnectorName(null, "fs"); // fine: nothing to compare
 * ```
 */
export function checkConnectorName(included: string | null | undefined, name: string): void {
  if (included !== null && included !== undefined && included !== name) {
    throw new RestError(
      400,
      `Connector name configuration (${included}) doesn't match connector name in the URL (${name})`,
    );
  }
}

/**
 * Kafka Connect's message for an alter-offsets request without offsets.
 *
 * @example
 * ```ts
 * import { NO_OFFSETS_MESSAGE } from "./request_body.ts";
 * console.log(NO_OFFSETS_MESSAGE); // "Partitions / offsets need to be provided for an alter offsets request"
 * ```
 */
export const NO_OFFSETS_MESSAGE =
  "Partitions / offsets need to be provided for an alter offsets request";

/**
 * Checks a `PATCH /connectors/{n}/offsets` body: `{"offsets": [{"partition":
 * {...}, "offset": {...} | null}]}`. A missing, null or empty `offsets` is
 * Kafka Connect's 400 {@linkcode NO_OFFSETS_MESSAGE}; a missing `offset` is
 * null (it resets that partition), as Jackson binds it.
 *
 * @example
 * ```ts
 * import { parseConnectorOffsets } from "./request_body.ts";
 * const offsets = parseConnectorOffsets(
 *   { offsets: [{ partition: { filename: "/data/in.txt" }, offset: { position: 30 } }] },
 *   "alter offsets of connector fs",
 * );
 * console.log(offsets.offsets.length); // 1
 * ```
 */
export function parseConnectorOffsets(body: unknown, action: string): ConnectorOffsets {
  if (!isJsonObject(body)) {
    throw new RestError(
      400,
      `Cannot ${action}: ${mustBe("the request body", 'a JSON object with "offsets"', body)}`,
    );
  }
  rejectUnknownFields(body, ["offsets"], "the request body", action);
  const list = body.offsets;
  if (list === undefined || list === null || (Array.isArray(list) && list.length === 0)) {
    throw new RestError(400, NO_OFFSETS_MESSAGE);
  }
  if (!Array.isArray(list)) {
    throw new RestError(400, `Cannot ${action}: ${mustBe('"offsets"', "an array", list)}`);
  }
  const offsets = list.map((entry, i): ConnectorOffset => {
    const where = `offsets[${i}]`;
    if (!isJsonObject(entry)) {
      throw new RestError(
        400,
        `Cannot ${action}: ${
          mustBe(`"${where}"`, 'a JSON object with "partition" and "offset"', entry)
        }`,
      );
    }
    rejectUnknownFields(entry, ["partition", "offset"], `"${where}"`, action);
    const { partition, offset = null } = entry;
    if (!isJsonObject(partition)) {
      throw new RestError(
        400,
        `Cannot ${action}: ${mustBe(`"${where}.partition"`, "a JSON object", partition)}`,
      );
    }
    if (offset !== null && !isJsonObject(offset)) {
      throw new RestError(
        400,
        `Cannot ${action}: ${mustBe(`"${where}.offset"`, "a JSON object or null", offset)}`,
      );
    }
    return { partition, offset };
  });
  return { offsets };
}
