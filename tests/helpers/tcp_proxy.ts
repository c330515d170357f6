/**
 * A TCP proxy for network-partition tests: it forwards every connection to
 * a target until it is cut, then stops moving bytes in both directions
 * (connections stay open and hang, as behind a dead switch, rather than
 * being reset) and leaves new connections hanging too. Healing moves bytes
 * again.
 *
 * @example
 * ```ts ignore
 * import { TcpProxy } from "./tcp_proxy.ts";
 * const proxy = TcpProxy.start({ hostname: "127.0.0.1", port: 9092 });
 * console.log(proxy.port); // clients connect here
 * proxy.cut();
 * proxy.heal();
 * await proxy.close();
 * ```
 * @module
 */

/**
 * The TCP proxy; see the module doc.
 *
 * @example
 * ```ts ignore
 * import { TcpProxy } from "./tcp_proxy.ts";
 * const proxy = TcpProxy.start({ hostname: "127.0.0.1", port: 9092 }, 19093);
 * await proxy.close();
 * ```
 */
export class TcpProxy {
  readonly port: number;
  readonly #listener: Deno.Listener;
  readonly #target: { hostname: string; port: number };
  readonly #conns = new Set<Deno.Conn>();
  readonly #pipes = new Set<Promise<void>>();
  #open: Promise<void> = Promise.resolve();
  #heal: () => void = () => {};
  #cut = false;
  #closed = false;
  readonly #accepting: Promise<void>;

  private constructor(listener: Deno.Listener, target: { hostname: string; port: number }) {
    this.#listener = listener;
    this.#target = target;
    this.port = (listener.addr as Deno.NetAddr).port;
    this.#accepting = this.#accept();
  }

  /** Listens on `port` of 127.0.0.1 (default: a free one) and forwards to `target`. */
  static start(target: { hostname: string; port: number }, port = 0): TcpProxy {
    return new TcpProxy(Deno.listen({ hostname: "127.0.0.1", port }), target);
  }

  /** Whether bytes are held back now. */
  get isCut(): boolean {
    return this.#cut;
  }

  /** Stops moving bytes, in both directions, on every connection. */
  cut(): void {
    if (this.#cut) return;
    this.#cut = true;
    this.#open = new Promise((resolve) => this.#heal = resolve);
  }

  /** Moves bytes again. */
  heal(): void {
    if (!this.#cut) return;
    this.#cut = false;
    this.#heal();
  }

  async #accept(): Promise<void> {
    for await (const client of this.#listener) {
      this.#conns.add(client);
      const pipe = this.#serve(client).finally(() => this.#pipes.delete(pipe));
      this.#pipes.add(pipe);
    }
  }

  async #serve(client: Deno.Conn): Promise<void> {
    let server: Deno.Conn | undefined;
    try {
      await this.#open;
      if (this.#closed) return;
      server = await Deno.connect(this.#target);
      this.#conns.add(server);
      await Promise.all([this.#pump(client, server), this.#pump(server, client)]);
    } catch {
      // A side went away: close both.
    } finally {
      for (const c of [client, server]) {
        if (!c) continue;
        this.#conns.delete(c);
        try {
          c.close();
        } catch {
          // already closed
        }
      }
    }
  }

  async #pump(from: Deno.Conn, to: Deno.Conn): Promise<void> {
    const buffer = new Uint8Array(64 * 1024);
    while (!this.#closed) {
      await this.#open;
      const n = await from.read(buffer);
      if (n === null) break;
      // Bytes read just before a cut are held back until it heals.
      await this.#open;
      let written = 0;
      while (written < n) written += await to.write(buffer.subarray(written, n));
    }
    try {
      to.closeWrite();
    } catch {
      // already closed
    }
  }

  /** Stops listening and closes every connection. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#heal();
    this.#listener.close();
    for (const c of this.#conns) {
      try {
        c.close();
      } catch {
        // already closed
      }
    }
    await this.#accepting.catch(() => {});
    await Promise.allSettled([...this.#pipes]);
  }
}
