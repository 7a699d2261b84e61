// The neutral client settings (client-settings.ts) in kafkajs' terms. A setting kafkajs cannot honour is refused
// with a ConfigError that says so, never silently dropped (docs/compatibility.md, "Client settings").
import type { ConnectionOptions } from 'node:tls';
import kafkajs, { type KafkaConfig, type SASLOptions } from 'kafkajs';
import { ConfigError } from '../../errors.js';
import type { ClientContext, CompressionType, SaslSettings, TlsSettings } from '../client-settings.js';

// kafkajs is CommonJS: Node's ESM loader sees only the named exports its lexer detects, and these are not among them.
const { CompressionCodecs, CompressionTypes } = kafkajs;
type CompressionTypes = kafkajs.CompressionTypes;

/** What the kafkajs producers pass with every send. */
export interface KafkajsSendOptions {
  readonly compression: CompressionTypes;
  /** The broker's wait for acks=all (ms). */
  readonly timeout: number;
}

/** What the kafkajs consumers (group consumer and partition readers) fetch with. */
export interface KafkajsFetchOptions {
  readonly minBytes: number;
  readonly maxBytes: number;
  readonly maxWaitTimeInMs: number;
}

export function kafkajsConnection(context: ClientContext): Pick<KafkaConfig, 'clientId' | 'brokers' | 'connectionTimeout' | 'requestTimeout' | 'ssl' | 'sasl'> {
  const c = context.connection;
  const config: Pick<KafkaConfig, 'clientId' | 'brokers' | 'connectionTimeout' | 'requestTimeout' | 'ssl' | 'sasl'> = {
    clientId: c.clientId ?? 'kstreams',
    brokers: [...context.bootstrapServers],
    connectionTimeout: positive('connection.connectionTimeoutMs', c.connectionTimeoutMs, 3000),
    requestTimeout: positive('connection.requestTimeoutMs', c.requestTimeoutMs, 30_000),
  };
  if (c.ssl !== undefined) config.ssl = typeof c.ssl === 'boolean' ? c.ssl : tls(c.ssl);
  if (c.sasl !== undefined) config.sasl = sasl(c.sasl);
  return config;
}

export function kafkajsSendOptions(context: ClientContext): KafkajsSendOptions {
  const p = context.producer;
  for (const [name, value] of [
    ['lingerMs', p.lingerMs],
    ['batchSize', p.batchSize],
    ['maxRequestSize', p.maxRequestSize],
  ] as const) {
    if (value !== undefined) {
      throw new ConfigError(
        `producer.${name} is not supported by the kafkajs client: kafkajs has no such producer setting ` +
          '(records go out in the batches the runtime sends; see docs/compatibility.md). Remove it, or use another client adapter.',
      );
    }
  }
  return { compression: compression(p.compression ?? 'none'), timeout: positive('producer.ackTimeoutMs', p.ackTimeoutMs, 30_000) };
}

export function kafkajsFetchOptions(context: ClientContext, defaultWaitMs: number): KafkajsFetchOptions {
  const c = context.consumer;
  return {
    minBytes: positive('consumer.fetchMinBytes', c.fetchMinBytes, 1),
    maxBytes: positive('consumer.fetchMaxBytes', c.fetchMaxBytes, 10_485_760),
    maxWaitTimeInMs: positive('consumer.fetchMaxWaitMs', c.fetchMaxWaitMs, defaultWaitMs),
  };
}

export function kafkajsAdminRetries(context: ClientContext): number {
  const retries = context.admin.retries ?? 5;
  if (!Number.isInteger(retries) || retries < 0) throw new ConfigError(`admin.retries must be an integer >= 0 (got ${retries})`);
  return retries;
}

const compressionTypes: Record<CompressionType, CompressionTypes> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};

/** gzip is built into kafkajs; snappy, lz4 and zstd work once the application registered a codec with kafkajs. */
function compression(type: CompressionType): CompressionTypes {
  const kafkajsType = compressionTypes[type];
  if (kafkajsType === undefined) {
    throw new ConfigError(`producer.compression must be one of ${Object.keys(compressionTypes).join(', ')} (got '${String(type)}')`);
  }
  if (kafkajsType === CompressionTypes.None) return kafkajsType;
  try {
    CompressionCodecs[kafkajsType]();
  } catch {
    throw new ConfigError(
      `producer.compression '${type}' needs a codec registered with kafkajs before the app starts: ` +
        `CompressionCodecs[CompressionTypes.${CompressionTypes[kafkajsType]}] = … (e.g. from an npm package such as kafkajs-${type === 'zstd' ? 'zstd' : type}).`,
    );
  }
  return kafkajsType;
}

function tls(s: TlsSettings): ConnectionOptions {
  const options: ConnectionOptions = {};
  if (s.ca !== undefined) options.ca = typeof s.ca === 'string' || Buffer.isBuffer(s.ca) ? s.ca : [...(s.ca as ReadonlyArray<string | Buffer>)];
  if (s.cert !== undefined) options.cert = s.cert;
  if (s.key !== undefined) options.key = s.key;
  if (s.passphrase !== undefined) options.passphrase = s.passphrase;
  if (s.rejectUnauthorized !== undefined) options.rejectUnauthorized = s.rejectUnauthorized;
  if (s.servername !== undefined) options.servername = s.servername;
  return options;
}

function sasl(s: SaslSettings): SASLOptions {
  switch (s.mechanism) {
    case 'plain':
    case 'scram-sha-256':
    case 'scram-sha-512':
      if (!s.username || typeof s.password !== 'string') {
        throw new ConfigError(`connection.sasl (${s.mechanism}) needs a username and a password`);
      }
      return { mechanism: s.mechanism, username: s.username, password: s.password } as SASLOptions;
    case 'oauthbearer':
      if (typeof s.token !== 'function') throw new ConfigError('connection.sasl (oauthbearer) needs a token() function');
      return { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: (await s.token()).value }) };
    default:
      throw new ConfigError(
        `connection.sasl.mechanism must be 'plain', 'scram-sha-256', 'scram-sha-512' or 'oauthbearer' (got '${String((s as { mechanism: unknown }).mechanism)}')`,
      );
  }
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0) throw new ConfigError(`${name} must be a positive number (got ${v})`);
  return v;
}
