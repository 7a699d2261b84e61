// The kafkajs adapter of the Kafka client port.
import { Kafka, Partitioners, type KafkaConfig } from 'kafkajs';
import type { Logger } from 'pino';
import type { ClientSettings } from '../../config/streams-config.js';
import type {
  AdminPort,
  GroupConsumerOptions,
  GroupConsumerPort,
  KafkaClientPort,
  PartitionReaderPort,
  ProducerPort,
  TransactionalProducerPort,
} from '../kafka-client.js';
import { KafkajsAdmin } from './kafkajs-admin.js';
import { KafkajsGroupConsumer } from './kafkajs-consumer.js';
import { kafkajsLevel, pinoLogCreator } from './kafkajs-logging.js';
import { KafkajsPartitionReader } from './kafkajs-partition-reader.js';
import { KafkajsProducer, KafkajsTransactionalProducer } from './kafkajs-producer.js';

/**
 * Producer retries: kafkajs' defaults (300 ms initial, doubling to 30 s) make the CONCURRENT_TRANSACTIONS
 * retries that follow every transaction take hundreds of ms, and only `kafka.producer({ retry })` reaches
 * the producer's send and transaction calls (not `new Kafka({ retry })`). See docs/compatibility.md.
 */
const PRODUCER_RETRY = { initialRetryTime: 20, maxRetryTime: 1000, retries: Number.MAX_SAFE_INTEGER };

export class KafkajsClient implements KafkaClientPort {
  private readonly kafka: Kafka;
  private readonly config: KafkaConfig;

  /**
   * `kafkajsOverrides` is a seam for tests: kafkajs connection settings the streams config does not expose, e.g. a
   * `socketFactory` through which a test cuts the network (test/integration/client-contract).
   */
  constructor(
    bootstrapServers: string | readonly string[],
    settings: ClientSettings,
    private readonly logger: Logger,
    kafkajsOverrides: Pick<KafkaConfig, 'socketFactory'> = {},
  ) {
    const brokers = typeof bootstrapServers === 'string' ? bootstrapServers.split(',').map((s) => s.trim()) : [...bootstrapServers];
    const config: KafkaConfig = {
      clientId: settings.clientId ?? 'kstreams',
      brokers,
      logLevel: kafkajsLevel(logger),
      logCreator: pinoLogCreator(logger),
      connectionTimeout: settings.connectionTimeoutMs ?? 3000,
      requestTimeout: settings.requestTimeoutMs ?? 30000,
    };
    if (settings.ssl !== undefined) config.ssl = settings.ssl as KafkaConfig['ssl'];
    if (settings.sasl !== undefined) config.sasl = settings.sasl as KafkaConfig['sasl'];
    if (kafkajsOverrides.socketFactory) config.socketFactory = kafkajsOverrides.socketFactory;
    this.config = config;
    this.kafka = new Kafka(config);
  }

  async admin(): Promise<AdminPort> {
    const admin = this.kafka.admin();
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
    return new KafkajsTransactionalProducer(create, options.transactionalId);
  }

  /**
   * The consumer gets a Kafka instance of its own: kafkajs shares one committed-offsets map among the clients of
   * an instance, and `sendOffsets` writes to it before the transaction commits, so a consumer sharing it could
   * take an aborted transaction's offsets for committed ones (docs/kafkajs-findings.md §0).
   */
  groupConsumer(options: GroupConsumerOptions): GroupConsumerPort {
    return new KafkajsGroupConsumer(new Kafka(this.config), options, this.logger);
  }

  /** Its own Kafka instance too, for the same reason; a throwaway group, deleted on close. */
  partitionReader(options?: { readonly maxBytesPerPartition?: number }): PartitionReaderPort {
    return new KafkajsPartitionReader(new Kafka(this.config), options ?? {}, this.logger);
  }
}
