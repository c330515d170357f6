/**
 * Renders the `server.properties` of one combined broker+controller KRaft
 * node: PLAINTEXT and CONTROLLER listeners on 127.0.0.1, a static voter set
 * of all nodes, and replication settings that fit the node count.
 *
 * @module
 */

import { HOST, type NodePorts } from "./ports.ts";

/**
 * A property value as written to the file.
 *
 * @example
 * ```ts
 * const overrides: Record<string, PropertyValue> = { "num.partitions": 6, "auto.create.topics.enable": false };
 * ```
 */
export type PropertyValue = string | number | boolean;

/**
 * Input of {@link serverProperties}.
 *
 * @example
 * ```ts
 * const options: ServerPropertiesOptions = { nodeId: 1, layout: fixedPorts(9092, 1), dataDir: "/tmp/k/data" };
 * await Deno.writeTextFile("server.properties", serverProperties(options));
 * ```
 */
export interface ServerPropertiesOptions {
  /** Node id, 1-based (node i of the layout has id i + 1). */
  nodeId: number;
  /** Ports of every node of the cluster, in node id order. */
  layout: NodePorts[];
  /** Absolute path of this node's log (data) directory. */
  dataDir: string;
  /** Extra or replacing settings, e.g. `{ "num.partitions": 3 }`. */
  overrides?: Record<string, PropertyValue>;
}

/**
 * Replication settings for a cluster of `nodes` nodes: every internal topic
 * (offsets, transactions, share state) and new topics get replication factor
 * `min(nodes, 3)`, and min ISR 2 once there are 3 or more nodes (else 1).
 *
 * @example
 * ```ts
 * replicationSettings(3)["transaction.state.log.min.isr"]; // 2
 * ```
 */
export function replicationSettings(nodes: number): Record<string, number> {
  const factor = Math.min(nodes, 3);
  const minIsr = nodes >= 3 ? 2 : 1;
  return {
    "default.replication.factor": factor,
    "min.insync.replicas": minIsr,
    "offsets.topic.replication.factor": factor,
    "transaction.state.log.replication.factor": factor,
    "transaction.state.log.min.isr": minIsr,
    "share.coordinator.state.topic.replication.factor": factor,
    "share.coordinator.state.topic.min.isr": minIsr,
  };
}

/**
 * The `controller.quorum.voters` value for a layout: `1@127.0.0.1:9093,...`.
 *
 * @example
 * ```ts
 * quorumVoters([{ broker: 9092, controller: 9093 }]); // "1@127.0.0.1:9093"
 * ```
 */
export function quorumVoters(layout: NodePorts[]): string {
  return layout.map((ports, i) => `${i + 1}@${HOST}:${ports.controller}`).join(",");
}

/**
 * The client bootstrap string for a layout: `127.0.0.1:9092,127.0.0.1:9094`.
 *
 * @example
 * ```ts
 * bootstrapServers([{ broker: 9092, controller: 9093 }]); // "127.0.0.1:9092"
 * ```
 */
export function bootstrapServers(layout: NodePorts[]): string {
  return layout.map((ports) => `${HOST}:${ports.broker}`).join(",");
}

/**
 * Escapes a value for `java.util.Properties.load`, which reads ISO-8859-1:
 * backslashes, line breaks, a leading space and non-ASCII characters.
 *
 * @example
 * ```ts
 * escapePropertyValue("/home/zoë/kafka"); // "/home/zo\\u00eb/kafka"
 * ```
 */
export function escapePropertyValue(value: string): string {
  let out = "";
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === "\\") out += "\\\\";
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (code < 0x20 || code > 0x7e) {
      // Astral characters become a UTF-16 surrogate pair, as Java expects.
      for (const unit of String.fromCodePoint(code).split("")) {
        out += `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`;
      }
    } else out += char;
  }
  return out.startsWith(" ") ? `\\${out}` : out;
}

/**
 * The settings of one node as an ordered record (before `overrides`).
 *
 * @example
 * ```ts
 * const settings = nodeSettings({ nodeId: 1, layout: fixedPorts(9092, 1), dataDir: "/tmp/k/data" });
 * settings["listeners"]; // "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093"
 * ```
 */
export function nodeSettings(options: ServerPropertiesOptions): Record<string, PropertyValue> {
  const { nodeId, layout, dataDir, overrides = {} } = options;
  const own = layout[nodeId - 1];
  if (own === undefined) {
    throw new Error(
      `Cannot write server.properties: node id ${nodeId} is outside a ${layout.length}-node layout`,
    );
  }
  return {
    "process.roles": "broker,controller",
    "node.id": nodeId,
    "controller.quorum.voters": quorumVoters(layout),
    "listeners": `PLAINTEXT://${HOST}:${own.broker},CONTROLLER://${HOST}:${own.controller}`,
    "advertised.listeners": `PLAINTEXT://${HOST}:${own.broker}`,
    "inter.broker.listener.name": "PLAINTEXT",
    "controller.listener.names": "CONTROLLER",
    "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
    "log.dirs": dataDir,
    "num.partitions": 1,
    "auto.create.topics.enable": true,
    ...replicationSettings(layout.length),
    "group.initial.rebalance.delay.ms": 0,
    ...overrides,
  };
}

/**
 * The text of one node's `server.properties`.
 *
 * @example
 * ```ts
 * const text = serverProperties({
 *   nodeId: 1,
 *   layout: [{ broker: 9092, controller: 9093 }],
 *   dataDir: "/repo/.cache/kafka/run/default/node-1/data",
 * });
 * await Deno.writeTextFile("server.properties", text);
 * ```
 */
export function serverProperties(options: ServerPropertiesOptions): string {
  const lines = [
    `# Written by scripts/kafka (node ${options.nodeId} of ${options.layout.length}); rewritten on every start.`,
  ];
  for (const [key, value] of Object.entries(nodeSettings(options))) {
    lines.push(`${key}=${escapePropertyValue(String(value))}`);
  }
  return `${lines.join("\n")}\n`;
}
