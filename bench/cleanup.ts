/**
 * What the bench started, to be undone at the end, on an error, or on
 * Ctrl-C: a stack of async undo steps run newest first, each failure logged
 * and the rest still run.
 *
 * @example
 * ```ts
 * import { Cleanup } from "./cleanup.ts";
 * const cleanup = new Cleanup((m) => console.error(m));
 * const dir = await Deno.makeTempDir();
 * cleanup.add("remove the temp dir", () => Deno.remove(dir, { recursive: true }));
 * await cleanup.run();
 * ```
 * @module
 */

/**
 * A stack of undo steps; see the module doc.
 *
 * @example
 * ```ts
 * import { Cleanup } from "./cleanup.ts";
 * const cleanup = new Cleanup();
 * const remove = cleanup.add("noop", () => {});
 * remove(); // done early: forget it
 * await cleanup.run();
 * ```
 */
export class Cleanup {
  readonly #log: (message: string) => void;
  #steps: { label: string; undo: () => unknown }[] = [];
  #running: Promise<void> | null = null;

  /** `log` receives a line per failed step. */
  constructor(log: (message: string) => void = () => {}) {
    this.#log = log;
  }

  /** Adds a step; the returned function removes it again (when done early). */
  add(label: string, undo: () => unknown): () => void {
    const step = { label, undo };
    this.#steps.push(step);
    return () => {
      this.#steps = this.#steps.filter((s) => s !== step);
    };
  }

  /** Runs every step, newest first, once (later calls wait for the first). */
  run(): Promise<void> {
    this.#running ??= (async () => {
      while (this.#steps.length > 0) {
        const step = this.#steps.pop()!;
        try {
          await step.undo();
        } catch (err) {
          this.#log(`warning: cannot ${step.label}: ${(err as Error)?.message ?? err}`);
        }
      }
    })();
    return this.#running;
  }
}
