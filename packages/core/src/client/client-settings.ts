// The settings an application gives the Kafka client, in Kafka's own terms and independent of the client library
// (Kafka Streams passes them with the `producer.`, `consumer.` and `admin.` prefixes). Each adapter maps them to
// its library, and refuses with a ConfigError a setting its library cannot honour rather than ignore it.
import type { Logger } from 'pino';
import type { KafkaClientPort } from './kafka-client.js';

/** TLS to the brokers, as Node's `tls.connect` takes it (PEM strings or buffers). */
export interface TlsSettings {
  /** CA certificates to trust; default: Node's bundled CAs. */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** Client certificate and key, for mutual TLS. */
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  readonly passphrase?: string;
  /** Default true. Turning it off accepts any certificate: for local tests only. */
  readonly rejectUnauthorized?: boolean;
  /** Server name for SNI and the certificate check, when it differs from the broker host. */
  readonly servername?: string;
}

/** SASL authentication (Kafka's `sasl.mechanism` and its credentials). */
export type SaslSettings =
  | { readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; readonly username: string; readonly password: string }
  | {
      readonly mechanism: 'oauthbearer';
      /** Called for a token whenever the client (re)authenticates. */
      readonly token: () => Promise<{ readonly value: string }>;
    };

/** How every client of the instance reaches the brokers. */
export interface ConnectionSettings {
  /** Kafka's `client.id`; default `kstreams`. */
  readonly clientId?: string;
  /** `true` for TLS with Node's default CAs, or the TLS settings. Default: plaintext. */
  readonly ssl?: boolean | TlsSettings;
  readonly sasl?: SaslSettings;
  /** Time to establish a connection (ms). Default 3000. */
  readonly connectionTimeoutMs?: number;
  /** Time to wait for a response to a request (Kafka's `request.timeout.ms`). Default 30000. */
  readonly requestTimeoutMs?: number;
}

export type CompressionType = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

/** The producers' settings (Kafka Streams: `producer.*`). */
export interface ProducerSettings {
  /** Kafka's `compression.type`. Default `none`. */
  readonly compression?: CompressionType;
  /** Kafka's `linger.ms`: how long a batch may wait for more records. */
  readonly lingerMs?: number;
  /** Kafka's `batch.size` (bytes per partition batch). */
  readonly batchSize?: number;
  /** Kafka's `max.request.size` (bytes). */
  readonly maxRequestSize?: number;
  /** How long the broker may wait for the replicas to acknowledge a write (acks=all), ms. Default 30000. */
  readonly ackTimeoutMs?: number;
}

/** The group consumer's and the partition readers' fetch settings (Kafka Streams: `consumer.*`). */
export interface ConsumerSettings {
  /** Kafka's `fetch.min.bytes`. Default 1. */
  readonly fetchMinBytes?: number;
  /** Kafka's `fetch.max.bytes`. Default 10485760. */
  readonly fetchMaxBytes?: number;
  /** Kafka's `fetch.max.wait.ms`. Default 100 (Kafka's is 500; a stream app prefers latency). */
  readonly fetchMaxWaitMs?: number;
}

/** The admin client's settings (Kafka Streams: `admin.*`). */
export interface AdminSettings {
  /** Kafka's `retries` for admin requests that fail with a retriable error. Default 5. */
  readonly retries?: number;
}

/** What a client factory is given when an instance starts. */
export interface ClientContext {
  readonly bootstrapServers: readonly string[];
  readonly connection: ConnectionSettings;
  readonly producer: ProducerSettings;
  readonly consumer: ConsumerSettings;
  readonly admin: AdminSettings;
  /** The instance's logger; the client logs through it. */
  readonly logger: Logger;
}

/**
 * Creates the Kafka client port an instance uses (StreamsConfig `client`). `kafkajsClient()` is the default;
 * another adapter passes the port contract tests (test/integration/client-contract) and is given here.
 */
export type KafkaClientFactory = (context: ClientContext) => KafkaClientPort;
