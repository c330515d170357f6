/**
 * The fast reachability check every factory runs before handing out a client,
 * and `checkKafkaConnection` for the workers' start-up. It fails within
 * `connectTimeoutMs` (default 5000) with "Cannot connect to Kafka at
 * <bootstrap servers>: <reason>" instead of retrying for minutes.
 *
 * @example
 * ```ts ignore
 * import { checkKafkaConnection } from "./connection_check.ts";
 * const info = await checkKafkaConnection({ bootstrapServers: ["127.0.0.1:9092"], clientId: "w" });
 * console.log(info.clusterId);
 * ```
 * @module
 */
import type { Base } from "@platformatic/kafka";
import { describeServers, toBaseOptions } from "./client_options.ts";
import { withDeadline } from "./deadline.ts";
import { KafkaClientError } from "./errors.ts";
import { plt } from "./platformatic_loader.ts";
import type { KafkaClusterInfo, KafkaConnectionOptions } from "./types.ts";

/**
 * Connects, fetches cluster metadata and closes. Resolves with the cluster
 * id and brokers; rejects with a `KafkaClientError` naming the address.
 *
 * @example
 * ```ts ignore
 * import { checkKafkaConnection } from "./connection_check.ts";
 * try {
 *   await checkKafkaConnection({ bootstrapServers: ["127.0.0.1:9999"], clientId: "w" }, 2000);
 * } catch (error) {
 *   console.error((error as Error).message); // Cannot connect to Kafka at 127.0.0.1:9999: ...
 *   Deno.exit(1);
 * }
 * ```
 */
export async function checkKafkaConnection(
  options: KafkaConnectionOptions,
  timeoutMs?: number,
): Promise<KafkaClusterInfo> {
  const admin = new plt.Admin({ ...toBaseOptions(options), retries: 0 });
  try {
    return await verifyConnection(admin, options, timeoutMs);
  } finally {
    await admin.close().catch(() => {});
  }
}

/**
 * Runs the check on an already-created library client. The caller closes the
 * client if this rejects.
 *
 * @example
 * ```ts ignore
 * const producer = new plt.Producer(base);
 * try {
 *   await verifyConnection(producer, options);
 * } catch (error) {
 *   await producer.close();
 *   throw error;
 * }
 * ```
 */
export async function verifyConnection(
  client: Base,
  options: KafkaConnectionOptions,
  timeoutMs?: number,
): Promise<KafkaClusterInfo> {
  const limit = timeoutMs ?? toBaseOptions(options).connectTimeout;
  const action = `connect to Kafka at ${describeServers(options)}`;
  try {
    const metadata = await withDeadline(
      client.metadata({ topics: [], retries: 0, forceUpdate: true }),
      limit,
      () => new Error(`no answer from the cluster within ${limit} ms`),
    );
    return {
      clusterId: metadata.id,
      controllerId: metadata.controllerId,
      brokers: [...metadata.brokers.entries()].map(([nodeId, broker]) => ({
        nodeId,
        host: broker.host,
        port: broker.port,
      })),
    };
  } catch (error) {
    throw KafkaClientError.wrap(action, error);
  }
}
