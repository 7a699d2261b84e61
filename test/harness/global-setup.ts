// Vitest global setup for the integration project: finds or starts a real Kafka broker and hands its
// bootstrap servers to the tests (`inject('kafkaBootstrapServers')`). The order is:
//   1. KAFKA_BOOTSTRAP_SERVERS, when set (your own cluster, docker compose, CI service);
//   2. testcontainers, when a Docker engine answers;
//   3. the local launcher (tools/kafka), which assembles Kafka from Maven Central and starts it if not running.
import type { TestProject } from 'vitest/node';
import { findBroker } from './find-broker.js';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBootstrapServers: string;
    kafkaSource: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const broker = await findBroker((line) => process.stderr.write(`[kafka] ${line}\n`));
  project.provide('kafkaBootstrapServers', broker.bootstrapServers);
  project.provide('kafkaSource', broker.source);
  process.stderr.write(`[kafka] integration tests use ${broker.bootstrapServers} (${broker.source})\n`);
  return broker.release;
}
