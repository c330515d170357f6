/**
 * What every task has in common (Kafka Connect's `Task`): a version, and a
 * `start`/`stop` lifecycle. Tasks do the actual data copying; extend
 * `SourceTask` or `SinkTask`, not this.
 *
 * @example
 * ```ts
 * import type { Task, TaskClass } from "./task.ts";
 * class NoopTask implements Task {
 *   version(): string { return "1.0"; }
 *   start(_props: Readonly<Record<string, string>>): void {}
 *   stop(): void {}
 * }
 * const cls: TaskClass<Task> = NoopTask;
 * console.log(new cls().version()); // "1.0"
 * ```
 * @module
 */

/**
 * Configuration properties as the worker passes them: strings.
 *
 * @example
 * ```ts
 * import type { Props } from "./task.ts";
 * const props: Props = { file: "/data/in.txt", topic: "lines" };
 * ```
 */
export type Props = Readonly<Record<string, string>>;

/**
 * The lifecycle shared by source and sink tasks.
 *
 * @example
 * ```ts
 * import type { Task } from "./task.ts";
 * const task: Task = { version: () => "1.0", start: () => {}, stop: () => {} };
 * ```
 */
export interface Task {
  /** The task's version, usually the connector's. */
  version(): string;
  /** Starts the task with one of the configs its connector's `taskConfigs` returned. */
  start(props: Props): void | Promise<void>;
  /** Stops the task and releases what it holds. Called once, after the last `poll`/`put` settled. */
  stop(): void | Promise<void>;
}

/**
 * A task class: constructible without arguments (the worker creates one
 * instance per task). May declare `static readonly className`, its full
 * name, reported as `task.class`.
 *
 * @example
 * ```ts
 * import type { Task, TaskClass } from "./task.ts";
 * class MyTask implements Task {
 *   static readonly className = "com.example.MyTask";
 *   version() { return "1.0"; }
 *   start() {}
 *   stop() {}
 * }
 * const cls: TaskClass<Task> = MyTask;
 * ```
 */
export type TaskClass<T extends Task> = (new () => T) & { readonly className?: string };
