/**
 * The REST layer's error type and Kafka Connect's error body
 * `{"error_code": <status>, "message": "..."}`.
 *
 * @example
 * ```ts
 * import { RestError } from "./rest_error.ts";
 * throw new RestError(404, "Connector my-source not found");
 * ```
 * @module
 */

/** HTTP statuses the REST API answers errors with. */
export type ErrorStatus = 400 | 403 | 404 | 405 | 409 | 415 | 500 | 503;

/** The body of every error response, as Kafka Connect's `ErrorMessage`. */
export interface ErrorBody {
  error_code: number;
  message: string;
}

/**
 * An error that becomes a Kafka Connect error response with its status.
 *
 * @example
 * ```ts
 * import { RestError } from "./rest_error.ts";
 * const err = new RestError(409, "Connector fs already exists");
 * console.log(err.toBody()); // { error_code: 409, message: "Connector fs already exists" }
 * ```
 */
export class RestError extends Error {
  /** The HTTP status to answer with. */
  readonly status: ErrorStatus;

  /** Creates an error answered with `status` and `message`. */
  constructor(status: ErrorStatus, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "RestError";
    this.status = status;
  }

  /** The JSON body for this error. */
  toBody(): ErrorBody {
    return { error_code: this.status, message: this.message };
  }
}
