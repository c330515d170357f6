/**
 * KRaft cluster ids, made in-process instead of by a JVM run of
 * `kafka-storage random-uuid` (saves a second of start-up).
 *
 * @module
 */

/**
 * A random cluster id in Kafka's `Uuid` text form: a version-4 UUID's 16
 * bytes in URL-safe base64 without padding (22 characters). Like Kafka's
 * `Uuid.randomUuid()` it never starts with `-`, and it is never the all-zero
 * id or the metadata topic's id (1).
 *
 * @example
 * ```ts
 * const clusterId = randomClusterId(); // e.g. "q7m3yC1kQ2W6bT0Xr1ZpUg"
 * ```
 */
export function randomClusterId(): string {
  for (;;) {
    const hex = crypto.randomUUID().replaceAll("-", "");
    const bytes = new Uint8Array(16);
    for (let i = 0; i < 16; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    const id = btoa(String.fromCharCode(...bytes))
      .replaceAll("+", "-")
      .replaceAll("/", "_")
      .replace(/=+$/, "");
    if (!id.startsWith("-") && !/^A{21}[AQ]$/.test(id)) return id;
  }
}

/**
 * Whether `id` has the shape of a Kafka `Uuid` string (22 URL-safe base64 characters).
 *
 * @example
 * ```ts
 * isClusterId("q7m3yC1kQ2W6bT0Xr1ZpUg"); // true
 * isClusterId("not an id"); // false
 * ```
 */
export function isClusterId(id: string): boolean {
  return /^[A-Za-z0-9_-]{21}[AQgw]$/.test(id);
}
