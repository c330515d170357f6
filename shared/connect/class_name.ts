/**
 * Plugin identity: the class name a connector or task is known by.
 *
 * A plugin class declares its full name as `static readonly className`
 * (Kafka Connect's fully-qualified Java class name, e.g.
 * `org.apache.kafka.connect.file.FileStreamSourceConnector`, or
 * `com.example.MyFileSourceConnector` for your own), so names users know from
 * Kafka Connect work unchanged. Without it, the JavaScript class name is used.
 *
 * @example
 * ```ts
 * import { pluginClassName } from "./class_name.ts";
 * class MySourceConnector {
 *   static readonly className = "com.example.MySourceConnector";
 * }
 * class Plain {}
 * console.log(pluginClassName(MySourceConnector)); // "com.example.MySourceConnector"
 * console.log(pluginClassName(Plain)); // "Plain"
 * ```
 * @module
 */

/**
 * Anything with a name: a class, optionally with a declared `className`.
 *
 * @example
 * ```ts
 * import type { NamedClass } from "./class_name.ts";
 * const c: NamedClass = class Foo {};
 * ```
 */
export type NamedClass = { readonly name: string; readonly className?: string };

/**
 * The full class name of a plugin class: its `static className` if it
 * declares a non-empty one, else its JavaScript name.
 *
 * @example
 * ```ts
 * import { pluginClassName } from "./class_name.ts";
 * class FileStreamSourceConnector {
 *   static readonly className = "org.apache.kafka.connect.file.FileStreamSourceConnector";
 * }
 * console.log(pluginClassName(FileStreamSourceConnector));
 * // "org.apache.kafka.connect.file.FileStreamSourceConnector"
 * ```
 */
export function pluginClassName(cls: NamedClass): string {
  const declared = (cls as { className?: unknown }).className;
  return typeof declared === "string" && declared.length > 0 ? declared : cls.name;
}

/**
 * The simple name of a full class name: what follows the last `.`.
 *
 * @example
 * ```ts
 * import { simpleClassName } from "./class_name.ts";
 * console.log(simpleClassName("org.apache.kafka.connect.file.FileStreamSourceConnector"));
 * // "FileStreamSourceConnector"
 * ```
 */
export function simpleClassName(className: string): string {
  return className.slice(className.lastIndexOf(".") + 1);
}
