// The injected client: StreamsConfig `client` takes a factory of the client port (kafkajs by default), which is
// given the neutral, typed settings; the kafkajs adapter maps them and refuses what kafkajs cannot honour.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ConfigError, KafkaStreams, Serdes, StreamsBuilder, type ClientContext, type KafkaClientPort } from '@kstreams/core';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { kafkajsConnection, kafkajsFetchOptions, kafkajsSendOptions } from '../../src/client/kafkajs/kafkajs-settings.js';
import { FakeKafkaClient } from '../runtime/fake-kafka-client.js';

const logger = pino({ level: 'silent' });
const context = (settings: Partial<ClientContext> = {}): ClientContext => ({
  bootstrapServers: ['127.0.0.1:9092'],
  connection: {},
  producer: {},
  consumer: {},
  admin: {},
  logger,
  ...settings,
});

function topology() {
  const b = new StreamsBuilder();
  b.stream('in', { keySerde: Serdes.string(), valueSerde: Serdes.string() }).to('out');
  return b.build();
}

describe('StreamsConfig client', () => {
  it('hands a custom factory the brokers, the typed settings and the logger, and runs on the port it returns', () => {
    const seen: ClientContext[] = [];
    const factory = (c: ClientContext): KafkaClientPort => {
      seen.push(c);
      return new FakeKafkaClient();
    };
    new KafkaStreams(topology(), {
      applicationId: 'app',
      bootstrapServers: 'a:1, b:2',
      client: factory,
      connection: { clientId: 'orders', sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' } },
      producer: { compression: 'gzip' },
      consumer: { fetchMaxWaitMs: 50 },
      admin: { retries: 2 },
      logger,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      bootstrapServers: ['a:1', 'b:2'],
      connection: { clientId: 'orders', sasl: { mechanism: 'scram-sha-512', username: 'u' } },
      producer: { compression: 'gzip' },
      consumer: { fetchMaxWaitMs: 50 },
      admin: { retries: 2 },
    });
    expect(seen[0]!.logger).toBe(logger);
  });

  it('defaults to the kafkajs adapter', () => {
    const resolved = resolveConfig({ applicationId: 'app', bootstrapServers: 'a:1' });
    expect(resolved.client(context()).constructor.name).toBe('KafkajsClient');
  });

  it('refuses the settings object the client option used to take, and says where its settings go now', () => {
    const old = { clientId: 'x', ssl: true } as unknown as ClientContext['connection'];
    expect(() => resolveConfig({ applicationId: 'app', bootstrapServers: 'a:1', client: old as never })).toThrow(ConfigError);
    expect(() => resolveConfig({ applicationId: 'app', bootstrapServers: 'a:1', client: old as never })).toThrow(/`connection`/);
  });
});

describe('the kafkajs adapter settings', () => {
  it('map connection, TLS and SASL settings to kafkajs', () => {
    const token = async () => ({ value: 't0k3n' });
    const c = kafkajsConnection(
      context({
        connection: {
          clientId: 'billing',
          ssl: { ca: ['CA1', 'CA2'], rejectUnauthorized: false, servername: 'kafka.internal' },
          sasl: { mechanism: 'oauthbearer', token },
          connectionTimeoutMs: 1500,
          requestTimeoutMs: 9000,
        },
      }),
    );
    expect(c).toMatchObject({
      clientId: 'billing',
      brokers: ['127.0.0.1:9092'],
      connectionTimeout: 1500,
      requestTimeout: 9000,
      ssl: { ca: ['CA1', 'CA2'], rejectUnauthorized: false, servername: 'kafka.internal' },
      sasl: { mechanism: 'oauthbearer' },
    });
    expect(kafkajsConnection(context()).ssl).toBeUndefined();
    expect(kafkajsConnection(context()).clientId).toBe('kstreams');
  });

  it('pass an oauthbearer token provider through', async () => {
    const c = kafkajsConnection(context({ connection: { sasl: { mechanism: 'oauthbearer', token: async () => ({ value: 'abc' }) } } }));
    const sasl = c.sasl as { oauthBearerProvider: () => Promise<{ value: string }> };
    await expect(sasl.oauthBearerProvider()).resolves.toEqual({ value: 'abc' });
  });

  it('send with gzip and the ack timeout, and fetch with the consumer settings', () => {
    expect(kafkajsSendOptions(context({ producer: { compression: 'gzip', ackTimeoutMs: 5000 } }))).toEqual({ compression: 1, timeout: 5000 });
    expect(kafkajsSendOptions(context())).toEqual({ compression: 0, timeout: 30_000 });
    expect(kafkajsFetchOptions(context({ consumer: { fetchMinBytes: 10, fetchMaxBytes: 2048, fetchMaxWaitMs: 20 } }), 100)).toEqual({
      minBytes: 10,
      maxBytes: 2048,
      maxWaitTimeInMs: 20,
    });
    expect(kafkajsFetchOptions(context(), 100).maxWaitTimeInMs).toBe(100);
  });

  it('refuse what kafkajs cannot honour, naming the setting', () => {
    expect(() => kafkajsSendOptions(context({ producer: { lingerMs: 5 } }))).toThrow(/producer\.lingerMs is not supported by the kafkajs client/);
    expect(() => kafkajsSendOptions(context({ producer: { maxRequestSize: 1 } }))).toThrow(ConfigError);
    expect(() => kafkajsSendOptions(context({ producer: { compression: 'snappy' } }))).toThrow(/needs a codec registered with kafkajs/);
    expect(() => kafkajsSendOptions(context({ producer: { compression: 'brotli' as never } }))).toThrow(/producer\.compression must be one of/);
    expect(() => kafkajsFetchOptions(context({ consumer: { fetchMaxBytes: 0 } }), 100)).toThrow(/consumer\.fetchMaxBytes must be a positive number/);
    expect(() =>
      kafkajsConnection(context({ connection: { sasl: { mechanism: 'plain', username: 'u' } as never } })),
    ).toThrow(/needs a username and a password/);
    expect(() => kafkajsConnection(context({ connection: { sasl: { mechanism: 'gssapi' } as never } }))).toThrow(/sasl\.mechanism must be/);
  });

  it('are checked when KafkaStreams is constructed, not at the first send', () => {
    expect(
      () => new KafkaStreams(topology(), { applicationId: 'app', bootstrapServers: 'a:1', producer: { batchSize: 16384 }, logger }),
    ).toThrow(/producer\.batchSize/);
  });
});
