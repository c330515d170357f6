/**
 * Tributary's Kafka client seam: the only module that talks to the Kafka
 * client library. Workers import everything Kafka from here.
 *
 * @example
 * ```ts ignore
 * import { checkKafkaConnection, createKafkaProducer } from "@tributary/shared/kafka";
 * const connection = { bootstrapServers: ["127.0.0.1:9092"], clientId: "source-worker" };
 * await checkKafkaConnection(connection); // "Cannot connect to Kafka at ...: ..." within 5 s
 * const producer = await createKafkaProducer(connection);
 * await producer.send([{ topic: "t", key: null, value: new TextEncoder().encode("hi") }]);
 * await producer.close();
 * ```
 * @module
 */
export type * from "./types.ts";
export { KafkaClientError } from "./errors.ts";
export { checkKafkaConnection } from "./connection_check.ts";
export { createKafkaAdmin } from "./platformatic_admin.ts";
export { createKafkaProducer } from "./platformatic_producer.ts";
export { createKafkaGroupConsumer } from "./platformatic_group_consumer.ts";
export { createKafkaPartitionReader } from "./platformatic_partition_reader.ts";
export { partitionForKey } from "./murmur2.ts";
export { crc32cImplementation } from "./crc32c.ts";
