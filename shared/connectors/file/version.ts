/**
 * The version of the built-in FileStream connectors and their tasks.
 *
 * @example
 * ```ts
 * import { FILE_STREAM_VERSION } from "./version.ts";
 * console.log(FILE_STREAM_VERSION); // "1.0.0"
 * ```
 * @module
 */

/**
 * Version reported by `FileStreamSourceConnector`, `FileStreamSinkConnector` and their tasks.
 *
 * @example
 * ```ts
 * import { FILE_STREAM_VERSION } from "./version.ts";
 * console.log(`FileStream connectors ${FILE_STREAM_VERSION}`);
 * ```
 */
export const FILE_STREAM_VERSION = "1.0.0";
