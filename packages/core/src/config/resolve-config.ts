// Fills in defaults and rejects invalid values with a ConfigError that names the setting.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { KafkaClientFactory } from '../client/client-settings.js';
import { kafkajsClient } from '../client/kafkajs/kafkajs-client.js';
import { ConfigError } from '../errors.js';
import { TimestampExtractors } from '../processor/timestamp-extractors.js';
import type { ResolvedStreamsConfig, StreamsConfig } from './streams-config.js';
import { rejectUnknownKeys, validateBootstrapServers, validateHandlers } from './validate-config.js';

export function defaultLogger(): ResolvedStreamsConfig['logger'] {
  return pino({ name: 'kstreams', level: process.env.KSTREAMS_LOG_LEVEL ?? 'info' });
}

/** `extraKeys`: keys a caller adds of its own (the test driver's settings), not rejected as unknown. */
export function resolveConfig(config: StreamsConfig, extraKeys: readonly string[] = []): ResolvedStreamsConfig {
  rejectUnknownKeys(config, extraKeys);
  validateBootstrapServers(config.bootstrapServers);
  validateHandlers(config);
  if (!config.applicationId || !/^[a-zA-Z0-9._-]+$/.test(config.applicationId)) {
    throw new ConfigError(
      `applicationId must be a non-empty string of letters, digits, '.', '_' and '-' (got '${config.applicationId}')`,
    );
  }
  const guarantee = config.processingGuarantee ?? 'at_least_once';
  if (guarantee !== 'at_least_once' && guarantee !== 'exactly_once') {
    throw new ConfigError(`processingGuarantee must be 'at_least_once' or 'exactly_once' (got '${String(guarantee)}')`);
  }
  const commitIntervalMs = config.commitIntervalMs ?? (guarantee === 'exactly_once' ? 100 : 30_000);
  positive('commitIntervalMs', commitIntervalMs);
  const maxBuffered = config.maxBufferedRecordsPerPartition ?? 1000;
  positive('maxBufferedRecordsPerPartition', maxBuffered);
  const maxFetchBytesPerPartition = config.maxFetchBytesPerPartition ?? 1_048_576;
  positive('maxFetchBytesPerPartition', maxFetchBytesPerPartition);
  const transactionTimeoutMs = config.transactionTimeoutMs ?? 60_000;
  positive('transactionTimeoutMs', transactionTimeoutMs);
  const sessionTimeoutMs = config.sessionTimeoutMs ?? 45_000;
  positive('sessionTimeoutMs', sessionTimeoutMs);
  const heartbeatIntervalMs = config.heartbeatIntervalMs ?? 3_000;
  positive('heartbeatIntervalMs', heartbeatIntervalMs);
  if (heartbeatIntervalMs >= sessionTimeoutMs) {
    throw new ConfigError(`heartbeatIntervalMs (${heartbeatIntervalMs}) must be lower than sessionTimeoutMs (${sessionTimeoutMs})`);
  }
  const maxTaskIdleMs = config.maxTaskIdleMs ?? 0;
  if (!Number.isFinite(maxTaskIdleMs) || maxTaskIdleMs < -1) {
    throw new ConfigError(`maxTaskIdleMs must be a number >= 0, or -1 to never wait (got ${maxTaskIdleMs})`);
  }
  const cacheMaxBytes = config.cacheMaxBytes ?? 10 * 1024 * 1024;
  if (!Number.isFinite(cacheMaxBytes) || cacheMaxBytes < 0) {
    throw new ConfigError(`cacheMaxBytes must be a number >= 0 (got ${cacheMaxBytes})`);
  }
  return {
    applicationId: config.applicationId,
    bootstrapServers: config.bootstrapServers,
    processingGuarantee: guarantee,
    commitIntervalMs,
    defaultKeySerde: config.defaultKeySerde,
    defaultValueSerde: config.defaultValueSerde,
    deserializationExceptionHandler: config.deserializationExceptionHandler ?? 'fail',
    defaultTimestampExtractor: config.defaultTimestampExtractor ?? TimestampExtractors.failOnInvalidTimestamp(),
    processingExceptionHandler: config.processingExceptionHandler ?? 'fail',
    productionExceptionHandler: config.productionExceptionHandler ?? 'fail',
    defaultOffsetReset: config.defaultOffsetReset ?? 'earliest',
    logger: config.logger ?? defaultLogger(),
    maxBufferedRecordsPerPartition: maxBuffered,
    maxFetchBytesPerPartition,
    maxTaskIdleMs,
    transactionTimeoutMs,
    client: clientFactory(config.client),
    connection: config.connection ?? {},
    producer: config.producer ?? {},
    consumer: config.consumer ?? {},
    admin: config.admin ?? {},
    sessionTimeoutMs,
    heartbeatIntervalMs,
    stateDir: config.stateDir ?? join(tmpdir(), 'kstreams'),
    cacheMaxBytes,
    ensureExplicitInternalResourceNaming: config.ensureExplicitInternalResourceNaming ?? false,
  };
}

function clientFactory(client: StreamsConfig['client']): KafkaClientFactory {
  if (client === undefined) return kafkajsClient();
  if (typeof client !== 'function') {
    throw new ConfigError(
      'client takes a client factory such as kafkajsClient() (default); connection settings (clientId, ssl, sasl, ' +
        'timeouts) are given as `connection`, and producer, consumer and admin settings as `producer`, `consumer`, `admin`',
    );
  }
  return client;
}

function positive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${name} must be a positive number (got ${value})`);
}
