// The kafkajs adapter of the Kafka client port.
import { Kafka, Partitioners, type KafkaConfig } from 'kafkajs';
import type { Logger } from 'pino';
import type { ClientContext, KafkaClientFactory } from '../client-settings.js';
import type {
  AdminPort,
  GroupConsumerOptions,
  GroupConsumerPort,
  KafkaClientPort,
  PartitionReaderPort,
  ProducerPort,
  TransactionalProducerPort,
} from '../kafka-client.js';
import { installAbortedRecordsFix } from './aborted-records.js';
import { KafkajsAdmin } from './kafkajs-admin.js';
import { KafkajsGroupConsumer } from './kafkajs-consumer.js';
import { kafkajsLevel, pinoLogCreator } from './kafkajs-logging.js';
import { KafkajsPartitionReader } from './kafkajs-partition-reader.js';
import { KafkajsProducer, KafkajsTransactionalProducer } from './kafkajs-producer.js';
import {
  kafkajsAdminRetries,
  kafkajsConnection,
  kafkajsFetchOptions,
  kafkajsSendOptions,
  type KafkajsSendOptions,
} from './kafkajs-settings.js';

/**
 * Producer retries: kafkajs' defaults (300 ms initial, doubling to 30 s) make the CONCURRENT_TRANSACTIONS
 * retries that follow every transaction take hundreds of ms, and only `kafka.producer({ retry })` reaches
 * the producer's send and transaction calls (not `new Kafka({ retry })`). See docs/compatibility.md.
 */
const PRODUCER_RETRY = { initialRetryTime: 20, maxRetryTime: 1000, retries: Number.MAX_SAFE_INTEGER };

/** Options of the kafkajs adapter itself (the neutral settings come through StreamsConfig). */
export interface KafkajsClientOptions {
  /**
   * A seam for tests: the sockets kafkajs connects through, e.g. one a test cuts to simulate a network failure
   * (test/integration/client-contract).
   */
  readonly socketFactory?: KafkaConfig['socketFactory'];
}

/**
 * The kafkajs adapter as StreamsConfig `client` takes it (the default). It validates the settings when the
 * instance creates its client: a setting kafkajs cannot honour is a ConfigError.
 */
export function kafkajsClient(options: KafkajsClientOptions = {}): KafkaClientFactory {
  return (context) => new KafkajsClient(context, options);
}

export class KafkajsClient implements KafkaClientPort {
  private readonly kafka: Kafka;
  private readonly config: KafkaConfig;
  private readonly logger: Logger;
  private readonly send: KafkajsSendOptions;
  /** Kept to derive each consumer's fetch options (validated once in the constructor). */
  private readonly fetch: ClientContext;
  private readonly adminRetries: number;

  constructor(context: ClientContext, options: KafkajsClientOptions = {}) {
    this.logger = context.logger;
    const config: KafkaConfig = {
      ...kafkajsConnection(context),
      logLevel: kafkajsLevel(context.logger),
      logCreator: pinoLogCreator(context.logger),
    };
    if (options.socketFactory) config.socketFactory = options.socketFactory;
    this.send = kafkajsSendOptions(context);
    kafkajsFetchOptions(context, 100);
    this.fetch = context;
    this.adminRetries = kafkajsAdminRetries(context);
    this.config = config;
    this.kafka = new Kafka(config);
    installAbortedRecordsFix(); // kafkajs' read_committed filter lets aborted records through (findings §9)
  }

  async admin(): Promise<AdminPort> {
    const admin = this.kafka.admin({ retry: { retries: this.adminRetries } });
    await admin.connect();
    return new KafkajsAdmin(admin);
  }

  producer(options: { readonly idempotent: boolean }): ProducerPort {
    return new KafkajsProducer(
      this.kafka.producer({
        idempotent: options.idempotent,
        maxInFlightRequests: options.idempotent ? 1 : 5,
        allowAutoTopicCreation: false,
        retry: PRODUCER_RETRY,
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
      this.send,
    );
  }

  transactionalProducer(options: { readonly transactionalId: string; readonly transactionTimeoutMs: number }): TransactionalProducerPort {
    const create = () =>
      this.kafka.producer({
        transactionalId: options.transactionalId,
        transactionTimeout: options.transactionTimeoutMs,
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        retry: PRODUCER_RETRY,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
    return new KafkajsTransactionalProducer(create, options.transactionalId, this.send);
  }

  /**
   * The consumer gets a Kafka instance of its own: kafkajs shares one committed-offsets map among the clients of
   * an instance, and `sendOffsets` writes to it before the transaction commits, so a consumer sharing it could
   * take an aborted transaction's offsets for committed ones (docs/kafkajs-findings.md §0).
   */
  groupConsumer(options: GroupConsumerOptions): GroupConsumerPort {
    return new KafkajsGroupConsumer(new Kafka(this.config), options, kafkajsFetchOptions(this.fetch, 100), this.logger);
  }

  /** Its own Kafka instance too, for the same reason; a throwaway group, deleted on close. */
  partitionReader(options?: { readonly maxBytesPerPartition?: number }): PartitionReaderPort {
    return new KafkajsPartitionReader(new Kafka(this.config), { ...kafkajsFetchOptions(this.fetch, 200), ...options }, this.logger);
  }
}
