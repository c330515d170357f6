/**
 * TCP ports for a cluster: the fixed layout (`basePort` and up, two per node)
 * and free ports picked by the OS, so tests never clash with a developer's
 * broker on 9092.
 *
 * @module
 */

/**
 * The two listeners of one combined broker+controller node.
 *
 * @example
 * ```ts
 * const [first]: NodePorts[] = fixedPorts(9092, 1);
 * console.log(first.broker, first.controller); // 9092 9093
 * ```
 */
export interface NodePorts {
  /** PLAINTEXT listener that clients bootstrap from. */
  broker: number;
  /** CONTROLLER listener of the KRaft quorum. */
  controller: number;
}

/**
 * Host every listener binds to.
 *
 * @example
 * ```ts
 * const bootstrap = `${HOST}:9092`; // "127.0.0.1:9092"
 * ```
 */
export const HOST = "127.0.0.1";

/**
 * The fixed port layout: node i (0-based) gets `basePort + 2i` for clients
 * and `basePort + 2i + 1` for the controller quorum. So one node on 9092 uses
 * 9092/9093, and three nodes use 9092/9093, 9094/9095, 9096/9097.
 *
 * @example
 * ```ts
 * fixedPorts(9092, 3).map((p) => p.broker); // [9092, 9094, 9096]
 * ```
 */
export function fixedPorts(basePort: number, nodes: number): NodePorts[] {
  if (!Number.isInteger(basePort) || basePort < 1 || basePort + 2 * nodes - 1 > 65_535) {
    throw new Error(
      `Cannot lay out ports: base port ${basePort} does not leave ${2 * nodes} ports below 65536`,
    );
  }
  return Array.from({ length: nodes }, (_, i) => ({
    broker: basePort + 2 * i,
    controller: basePort + 2 * i + 1,
  }));
}

/**
 * Asks the OS for `count` distinct free ports on {@link HOST}. They are free
 * when returned; a process could still grab one before Kafka binds it, which
 * start-up detects (the node dies and its log says why).
 *
 * @example
 * ```ts
 * const [a, b] = pickFreePorts(2);
 * ```
 */
export function pickFreePorts(count: number): number[] {
  const listeners: Deno.Listener[] = [];
  try {
    for (let i = 0; i < count; i++) {
      listeners.push(Deno.listen({ hostname: HOST, port: 0, transport: "tcp" }));
    }
    return listeners.map((listener) => (listener.addr as Deno.NetAddr).port);
  } finally {
    for (const listener of listeners) listener.close();
  }
}

/**
 * A free-port layout for `nodes` nodes (see {@link pickFreePorts}).
 *
 * @example
 * ```ts
 * const ports = freePorts(1); // e.g. [{ broker: 41233, controller: 38125 }]
 * ```
 */
export function freePorts(nodes: number): NodePorts[] {
  const ports = pickFreePorts(2 * nodes);
  return Array.from({ length: nodes }, (_, i) => ({
    broker: ports[2 * i],
    controller: ports[2 * i + 1],
  }));
}

/**
 * Whether `port` can be bound on {@link HOST} right now.
 *
 * @example
 * ```ts
 * if (!isPortFree(9092)) console.log("something already listens on 9092");
 * ```
 */
export function isPortFree(port: number): boolean {
  try {
    Deno.listen({ hostname: HOST, port, transport: "tcp" }).close();
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.AddrInUse) return false;
    throw error;
  }
}

/**
 * The first port of `layout` that is already taken, if any.
 *
 * @example
 * ```ts
 * const busy = firstBusyPort(fixedPorts(9092, 1));
 * if (busy !== undefined) throw new Error(`Cannot start Kafka: port ${busy} is in use`);
 * ```
 */
export function firstBusyPort(layout: NodePorts[]): number | undefined {
  for (const { broker, controller } of layout) {
    if (!isPortFree(broker)) return broker;
    if (!isPortFree(controller)) return controller;
  }
  return undefined;
}
