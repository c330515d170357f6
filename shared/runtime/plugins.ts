/**
 * Connector plugins: the built-in connector classes plus those discovered
 * in the directories of the worker's `plugin.path`, looked up by Kafka
 * Connect's names and aliases.
 *
 * Discovery imports every TypeScript/JavaScript module (`*.ts`, `*.js`,
 * `*.mts`, `*.mjs`, recursively; test files, `.d.ts` and hidden or
 * `node_modules` directories skipped) found **on disk** under each
 * directory, and registers every exported class that is a connector. Only
 * paths from the worker's own configuration are ever imported; names from
 * REST requests are only looked up in the registry, never imported.
 * Plugin modules run with the worker's permissions: `plugin.path` must only
 * hold trusted code.
 *
 * A module that fails to import, or a class that cannot be instantiated, is
 * logged with its path and skipped; see {@linkcode PluginRegistry.failures}.
 *
 * How a plugin module imports the SDK: `import { SourceConnector } from
 * "@tributary/shared/connect"`. The worker runs with the workspace's
 * `deno.json`, whose workspace makes that specifier resolve for every
 * module it loads, wherever the module is on disk (a `deno.json` next to
 * the plugin is ignored), and to the same module instance the worker uses.
 * Under `--no-config` (or a compiled binary) bare specifiers do not resolve;
 * import the SDK by path then. Either way the registry recognises
 * connectors by shape, not only by `instanceof`, so a plugin bundling its
 * own copy of the SDK still loads.
 *
 * @example
 * ```ts ignore
 * import { PluginRegistry } from "./plugins.ts";
 * import { FileStreamSourceConnector } from "../connectors/file_stream_source.ts";
 *
 * const plugins = await PluginRegistry.load({
 *   builtins: [FileStreamSourceConnector],
 *   pluginPath: ["/opt/tributary/plugins"],
 * });
 * console.log(plugins.list()); // [{ class: "org.apache...FileStreamSourceConnector", type: "source", version: "..." }, ...]
 * const connector = plugins.create("FileStreamSource");
 * ```
 * @module
 */
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { pluginClassName, simpleClassName } from "../connect/class_name.ts";
import type { Connector, ConnectorClass, ConnectorType } from "../connect/connector.ts";
import { ConnectError } from "../connect/errors.ts";
import { createLogger, type Logger } from "./log.ts";

/**
 * A plugin as `GET /connector-plugins` lists it.
 *
 * @example
 * ```ts
 * import type { PluginInfo } from "./plugins.ts";
 * const info: PluginInfo = {
 *   class: "org.apache.kafka.connect.file.FileStreamSourceConnector",
 *   type: "source",
 *   version: "0.1.0",
 * };
 * ```
 */
export interface PluginInfo {
  readonly class: string;
  readonly type: ConnectorType;
  readonly version: string;
}

/**
 * A module or class that could not be loaded, and why.
 *
 * @example
 * ```ts
 * import type { PluginLoadFailure } from "./plugins.ts";
 * const failure: PluginLoadFailure = { path: "/opt/plugins/broken.ts", error: new Error("SyntaxError") };
 * ```
 */
export interface PluginLoadFailure {
  /** The module's path (or `builtin` for a built-in class). */
  readonly path: string;
  readonly error: Error;
}

/**
 * Options of {@linkcode PluginRegistry.load}.
 *
 * @example
 * ```ts
 * import type { PluginRegistryOptions } from "./plugins.ts";
 * const options: PluginRegistryOptions = { builtins: [], pluginPath: ["/opt/plugins"] };
 * ```
 */
export interface PluginRegistryOptions {
  /** Connector classes compiled into the worker; they win name clashes. */
  readonly builtins?: readonly unknown[];
  /** Directories (or single module files) to discover plugins in. */
  readonly pluginPath?: readonly string[];
  /** Where load failures are reported (default: a `plugins` logger on stderr). */
  readonly logger?: Logger;
}

/**
 * No plugin has the requested name or alias (REST: 404 / 400).
 *
 * @example
 * ```ts
 * import { PluginRegistry, UnknownPluginError } from "./plugins.ts";
 * try {
 *   new PluginRegistry([]).resolve("Nope");
 * } catch (err) {
 *   console.log(err instanceof UnknownPluginError); // true
 * }
 * ```
 */
export class UnknownPluginError extends ConnectError {
  /** The name asked for. */
  readonly plugin: string;
  /** Every known full class name. */
  readonly known: readonly string[];

  /** @param plugin the name asked for. @param known the known class names. */
  constructor(plugin: string, known: readonly string[]) {
    super(
      `Cannot find connector plugin ${plugin}: ` +
        (known.length === 0
          ? "no connector plugins are installed"
          : `known plugins are ${known.join(", ")}`),
    );
    this.plugin = plugin;
    this.known = known;
  }
}

/**
 * An alias matches more than one plugin; use the full class name.
 *
 * @example
 * ```ts
 * import { AmbiguousPluginError } from "./plugins.ts";
 * const err = new AmbiguousPluginError("Mine", ["a.MineConnector", "b.MineConnector"]);
 * console.log(err.message);
 * // Cannot resolve connector plugin Mine: the alias matches more than one plugin (a.MineConnector, b.MineConnector); use the full class name
 * ```
 */
export class AmbiguousPluginError extends ConnectError {
  /** The alias asked for. */
  readonly plugin: string;
  /** The full class names it matches. */
  readonly candidates: readonly string[];

  /** @param plugin the alias. @param candidates the class names it matches. */
  constructor(plugin: string, candidates: readonly string[]) {
    super(
      `Cannot resolve connector plugin ${plugin}: the alias matches more than one plugin ` +
        `(${candidates.join(", ")}); use the full class name`,
    );
    this.plugin = plugin;
    this.candidates = candidates;
  }
}

const REQUIRED_METHODS = ["version", "config", "start", "stop", "taskClass", "taskConfigs"];

/**
 * Whether a value is a connector class: a constructor whose prototype has
 * the connector methods (`version`, `config`, `start`, `stop`, `taskClass`,
 * `taskConfigs`). Works across copies of the SDK, where `instanceof` fails.
 * Abstract bases (`SourceConnector`, `SinkConnector`) do not qualify.
 *
 * @example
 * ```ts
 * import { isConnectorClass } from "./plugins.ts";
 * class NotAConnector {}
 * console.log(isConnectorClass(NotAConnector)); // false
 * ```
 */
export function isConnectorClass(value: unknown): value is ConnectorClass {
  if (typeof value !== "function") return false;
  const proto = (value as { prototype?: unknown }).prototype;
  if (proto === null || typeof proto !== "object") return false;
  return REQUIRED_METHODS.every((m) => typeof (proto as Record<string, unknown>)[m] === "function");
}

/**
 * A connector's type: its `type` (`source`/`sink`, from `SourceConnector`
 * / `SinkConnector`), or null when it declares neither.
 *
 * @example
 * ```ts
 * import { connectorTypeOf } from "./plugins.ts";
 * console.log(connectorTypeOf({ type: "sink" })); // "sink"
 * console.log(connectorTypeOf({})); // null
 * ```
 */
export function connectorTypeOf(connector: unknown): ConnectorType | null {
  const type = (connector as { type?: unknown } | null)?.type;
  return type === "source" || type === "sink" ? type : null;
}

/**
 * Every plugin module under a directory (or the file itself), sorted:
 * `*.ts`, `*.js`, `*.mts`, `*.mjs`, recursively, skipping test files
 * (`*_test.*`, `*.test.*`), `.d.ts` files, hidden entries and
 * `node_modules`. Symbolic links are followed once.
 *
 * @example
 * ```ts ignore
 * import { discoverPluginModules } from "./plugins.ts";
 * console.log(await discoverPluginModules("/opt/tributary/plugins"));
 * // [ "/opt/tributary/plugins/my_file_source/my_file_source_connector.ts", ... ]
 * ```
 */
export async function discoverPluginModules(root: string): Promise<string[]> {
  const found: string[] = [];
  const seen = new Set<string>();
  const visit = async (entryPath: string): Promise<void> => {
    const info = await Deno.stat(entryPath);
    if (info.isFile) {
      if (isPluginModule(path.basename(entryPath))) found.push(entryPath);
      return;
    }
    if (!info.isDirectory) return;
    const real = await Deno.realPath(entryPath);
    if (seen.has(real)) return;
    seen.add(real);
    const names: string[] = [];
    for await (const entry of Deno.readDir(entryPath)) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      names.push(entry.name);
    }
    names.sort();
    for (const name of names) await visit(path.join(entryPath, name));
  };
  await visit(path.resolve(root));
  return found;
}

function isPluginModule(name: string): boolean {
  if (!/\.(ts|js|mts|mjs)$/.test(name) || /\.d\.m?ts$/.test(name)) return false;
  return !/[._]test\.m?[tj]s$/.test(name);
}

interface Entry {
  readonly cls: ConnectorClass;
  readonly info: PluginInfo;
  readonly simple: string;
  readonly pruned: string;
}

/**
 * The connector plugins a worker can run. Build it with
 * {@linkcode PluginRegistry.load} (built-ins plus `plugin.path`
 * discovery), or directly from classes.
 *
 * @example
 * ```ts
 * import { PluginRegistry } from "./plugins.ts";
 * import { MyFileSourceConnector } from "../../examples/my_file_source/my_file_source_connector.ts";
 * const plugins = new PluginRegistry([MyFileSourceConnector]);
 * console.log(plugins.list());
 * // [ { class: "com.example.MyFileSourceConnector", type: "source", version: "1.0" } ]
 * console.log(plugins.resolve("MyFileSource") === MyFileSourceConnector); // true
 * ```
 */
export class PluginRegistry {
  readonly #entries = new Map<string, Entry>();
  readonly #failures: PluginLoadFailure[] = [];

  /**
   * A registry of the given classes, in order (a later class with an
   * already registered class name is reported and skipped).
   *
   * @param classes connector classes; values that are not are reported.
   * @param origin the path they came from, for failure reports.
   */
  constructor(classes: Iterable<unknown> = [], origin = "builtin") {
    for (const cls of classes) this.#register(cls, origin, true);
  }

  /**
   * Builds a registry from built-in classes and the connector classes
   * exported by every module under each `pluginPath` directory. Never
   * throws for a bad plugin: it is logged and listed in `failures`.
   *
   * @example
   * ```ts ignore
   * import { PluginRegistry } from "./plugins.ts";
   * const plugins = await PluginRegistry.load({ pluginPath: ["./plugins"] });
   * for (const f of plugins.failures) console.error(f.path, f.error.message);
   * ```
   */
  static async load(options: PluginRegistryOptions = {}): Promise<PluginRegistry> {
    const logger = options.logger ?? createLogger("plugins");
    const registry = new PluginRegistry(options.builtins ?? []);
    for (const failure of registry.#failures) {
      logger.warn(failure.error.message, { path: failure.path });
    }
    for (const dir of options.pluginPath ?? []) {
      let modules: string[];
      try {
        modules = await discoverPluginModules(dir);
      } catch (err) {
        registry.#fail(
          dir,
          new ConnectError(`Cannot scan plugin directory ${dir}: ${message(err)}`, { cause: err }),
          logger,
        );
        continue;
      }
      for (const modulePath of modules) {
        let exports: Record<string, unknown>;
        try {
          exports = await import(pathToFileURL(modulePath).href);
        } catch (err) {
          registry.#fail(
            modulePath,
            new ConnectError(`Cannot load plugin module ${modulePath}: ${message(err)}`, {
              cause: err,
            }),
            logger,
          );
          continue;
        }
        const before = registry.#failures.length;
        for (const value of Object.values(exports)) {
          if (isConnectorClass(value)) registry.#register(value, modulePath, false);
        }
        for (const failure of registry.#failures.slice(before)) {
          logger.warn(failure.error.message, { path: failure.path });
        }
      }
    }
    return registry;
  }

  /**
   * Every registered plugin as `GET /connector-plugins` returns it, sorted
   * by class name.
   *
   * @example
   * ```ts
   * import { PluginRegistry } from "./plugins.ts";
   * console.log(new PluginRegistry([]).list()); // []
   * ```
   */
  list(): PluginInfo[] {
    return [...this.#entries.values()].map((e) => e.info).sort((a, b) =>
      a.class < b.class ? -1 : a.class > b.class ? 1 : 0
    );
  }

  /**
   * Modules and classes that could not be loaded, with their paths.
   *
   * @example
   * ```ts
   * import { PluginRegistry } from "./plugins.ts";
   * console.log(new PluginRegistry([class NotAConnector {}]).failures.length); // 1
   * ```
   */
  get failures(): readonly PluginLoadFailure[] {
    return this.#failures;
  }

  /**
   * The class for a name, as Kafka Connect accepts it in `connector.class`:
   * the full class name (`org.apache.kafka.connect.file.FileStreamSourceConnector`),
   * the simple name (`FileStreamSourceConnector`) or the simple name without
   * its `Connector` suffix (`FileStreamSource`). Throws
   * {@linkcode UnknownPluginError} or {@linkcode AmbiguousPluginError}.
   *
   * @example
   * ```ts
   * import { PluginRegistry } from "./plugins.ts";
   * import { MyFileSourceConnector } from "../../examples/my_file_source/my_file_source_connector.ts";
   * const plugins = new PluginRegistry([MyFileSourceConnector]);
   * console.log(plugins.resolve("com.example.MyFileSourceConnector").name); // "MyFileSourceConnector"
   * console.log(plugins.resolve("MyFileSourceConnector").name); // "MyFileSourceConnector"
   * ```
   */
  resolve(name: string): ConnectorClass {
    return this.#find(name).cls;
  }

  /**
   * The listing of one plugin by name or alias (see `resolve`).
   *
   * @example
   * ```ts
   * import { PluginRegistry } from "./plugins.ts";
   * import { MyFileSourceConnector } from "../../examples/my_file_source/my_file_source_connector.ts";
   * console.log(new PluginRegistry([MyFileSourceConnector]).info("MyFileSource").type); // "source"
   * ```
   */
  info(name: string): PluginInfo {
    return this.#find(name).info;
  }

  /**
   * A new, uninitialised connector instance for a name or alias (see
   * `resolve`); the caller then calls `initialize(context)`.
   *
   * @example
   * ```ts
   * import { PluginRegistry } from "./plugins.ts";
   * import { MyFileSourceConnector } from "../../examples/my_file_source/my_file_source_connector.ts";
   * const connector = new PluginRegistry([MyFileSourceConnector]).create("MyFileSource");
   * console.log(connector.version()); // "1.0"
   * ```
   */
  create(name: string): Connector {
    const cls = this.resolve(name);
    try {
      return new cls();
    } catch (err) {
      throw new ConnectError(
        `Cannot create connector ${pluginClassName(cls)}: its constructor failed: ${message(err)}`,
        { cause: err },
      );
    }
  }

  #find(name: string): Entry {
    const exact = this.#entries.get(name);
    if (exact !== undefined) return exact;
    const matches = [...this.#entries.values()].filter((e) =>
      e.simple === name || e.pruned === name
    );
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) {
      throw new AmbiguousPluginError(name, matches.map((e) => e.info.class).sort());
    }
    throw new UnknownPluginError(name, this.list().map((p) => p.class));
  }

  #register(value: unknown, origin: string, reportNonConnectors: boolean): void {
    if (!isConnectorClass(value)) {
      if (reportNonConnectors) {
        const label = typeof value === "function" ? value.name : String(value);
        this.#failures.push({
          path: origin,
          error: new ConnectError(
            `Cannot register connector plugin ${label}: it is not a connector class`,
          ),
        });
      }
      return;
    }
    const className = pluginClassName(value);
    const existing = this.#entries.get(className);
    if (existing !== undefined) {
      if (existing.cls !== value) {
        this.#failures.push({
          path: origin,
          error: new ConnectError(
            `Cannot register connector plugin ${className}: a plugin with that class name is already registered`,
          ),
        });
      }
      return;
    }
    let type: ConnectorType | null;
    let version: unknown;
    try {
      const instance = new value();
      type = connectorTypeOf(instance);
      version = instance.version();
    } catch (err) {
      this.#failures.push({
        path: origin,
        error: new ConnectError(
          `Cannot register connector plugin ${className}: instantiating it failed: ${message(err)}`,
          { cause: err },
        ),
      });
      return;
    }
    if (type === null) {
      this.#failures.push({
        path: origin,
        error: new ConnectError(
          `Cannot register connector plugin ${className}: it is neither a source nor a sink ` +
            "connector (extend SourceConnector or SinkConnector)",
        ),
      });
      return;
    }
    const simple = simpleClassName(className);
    const pruned = simple.endsWith("Connector") && simple !== "Connector"
      ? simple.slice(0, -"Connector".length)
      : simple;
    this.#entries.set(className, {
      cls: value,
      info: Object.freeze({ class: className, type, version: String(version) }),
      simple,
      pruned,
    });
  }

  #fail(pathName: string, error: Error, logger: Logger): void {
    this.#failures.push({ path: pathName, error });
    logger.warn(error.message, { path: pathName });
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
