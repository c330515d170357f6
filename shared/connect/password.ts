/**
 * A secret configuration value (`PASSWORD` type) that does not leak into
 * logs, REST responses or error messages.
 *
 * @example
 * ```ts
 * import { Password } from "./password.ts";
 * const secret = new Password("hunter2");
 * console.log(`${secret}`); // "[hidden]"
 * console.log(JSON.stringify({ secret })); // '{"secret":"[hidden]"}'
 * console.log(secret.value()); // "hunter2"
 * ```
 * @module
 */

/**
 * A secret string: printing, interpolating or serialising it shows
 * `[hidden]`; call {@linkcode Password.value} to use it.
 *
 * @example
 * ```ts
 * import { Password } from "./password.ts";
 * const password = new Password("s3cret");
 * const authHeader = `Basic ${btoa(`user:${password.value()}`)}`;
 * console.log(String(password)); // "[hidden]"
 * ```
 */
export class Password {
  /** What a password prints as. */
  static readonly HIDDEN = "[hidden]";
  readonly #value: string;

  /** @param value the secret. */
  constructor(value: string) {
    this.#value = value;
  }

  /** The secret itself. Never log it. */
  value(): string {
    return this.#value;
  }

  /** Always `[hidden]`. */
  toString(): string {
    return Password.HIDDEN;
  }

  /** Always `"[hidden]"`, so `JSON.stringify` does not leak it. */
  toJSON(): string {
    return Password.HIDDEN;
  }

  /** Shown by `console.log` / `Deno.inspect`: `[hidden]`. */
  [Symbol.for("Deno.customInspect")](): string {
    return Password.HIDDEN;
  }

  /** Shown by Node's `util.inspect`: `[hidden]`. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return Password.HIDDEN;
  }
}
