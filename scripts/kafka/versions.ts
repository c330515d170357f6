/**
 * The one place that names the Kafka release this repo runs. `pom.xml` takes
 * these as `-Dkafka.version` / `-Dlog4j.version`, and the jar cache lives in
 * `.cache/kafka/<KAFKA_VERSION>/libs/`.
 *
 * @module
 */

/**
 * Apache Kafka release fetched by `deno task kafka`. 4.3.1 is the newest
 * release whose artifacts are all published, including `connect-file`,
 * which the benchmarks run Kafka Connect with (4.4.0 lacks it).
 *
 * @example
 * ```ts
 * console.log(`Kafka ${KAFKA_VERSION}`);
 * ```
 */
export const KAFKA_VERSION = "4.3.1";

/**
 * Version of `log4j-slf4j-impl`, the slf4j 1.7 binding that lets the broker
 * log. It must equal the log4j-core/log4j-api version that Kafka itself pulls
 * (see the jar names in the cache's libs/ folder).
 *
 * @example
 * ```ts
 * const args = [`-Dlog4j.version=${LOG4J_VERSION}`];
 * ```
 */
export const LOG4J_VERSION = "2.25.4";
