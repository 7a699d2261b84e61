// Config checks at construction (issue 14, "fail fast, naming the thing"): each case failed later, elsewhere or
// not at all before (a typo was ignored, 'logAndSkip' became a dead-letter policy to topic undefined, 'localhost'
// failed 9 s into start with "Port should be >= 0", a long application id failed with "Topic creation errors").
import { describe, expect, it } from 'vitest';
import { ConfigError, KafkaStreams, Materialized, Serdes, StreamsBuilder, deadLetter, type StreamsConfig } from '../../src/index.js';

const S = Serdes.string();

function counts() {
  const b = new StreamsBuilder();
  b.stream('in', { keySerde: S, valueSerde: S }).groupByKey().count({ materialized: Materialized.as('counts') });
  return b.build();
}

const base: StreamsConfig = { applicationId: 'app', bootstrapServers: 'localhost:9092' };
const construct = (config: Partial<StreamsConfig> & Record<string, unknown>) => () => new KafkaStreams(counts(), { ...base, ...config } as StreamsConfig);

describe('config checked when KafkaStreams is constructed', () => {
  it('an unknown key fails, naming the closest known one', () => {
    expect(construct({ comitIntervalMs: 100 })).toThrow(new ConfigError("unknown config key 'comitIntervalMs' (did you mean 'commitIntervalMs'?)"));
    expect(construct({ applicationID: 'x' })).toThrow(/did you mean 'applicationId'/);
    expect(construct({ somethingElse: true })).toThrow(new ConfigError("unknown config key 'somethingElse'"));
  });

  it('a handler value that is not a policy, a function or deadLetter(topic) fails', () => {
    expect(construct({ deserializationExceptionHandler: 'logAndSkip' as never })).toThrow(
      new ConfigError("deserializationExceptionHandler must be 'fail', 'logAndContinue', deadLetter(topic) or a function (got 'logAndSkip')"),
    );
    expect(construct({ deserializationExceptionHandler: deadLetter(undefined as never) })).toThrow(/deadLetter\(topic\) needs a topic name/);
    expect(construct({ processingExceptionHandler: deadLetter('dlq') as never })).toThrow(/processingExceptionHandler must be 'fail', 'logAndContinue' or a function/);
    expect(construct({ productionExceptionHandler: 'skip' as never })).toThrow(/productionExceptionHandler must be/);
    expect(construct({ deserializationExceptionHandler: deadLetter('dlq'), processingExceptionHandler: () => 'continue' })).not.toThrow();
  });

  it('a bootstrap server without a port fails; host:port, lists and IPv6 pass', () => {
    expect(construct({ bootstrapServers: 'localhost' })).toThrow(new ConfigError("bootstrapServers: 'localhost' is not host:port (e.g. localhost:9092)"));
    expect(construct({ bootstrapServers: 'a:9092,b' })).toThrow(/'b' is not host:port/);
    expect(construct({ bootstrapServers: 'a:99999' })).toThrow(/'a:99999' is not host:port/);
    expect(construct({ bootstrapServers: '' })).toThrow(/at least one broker/);
    expect(construct({ bootstrapServers: ['a:9092', '[::1]:9093', '10.0.0.1:9094'] })).not.toThrow();
  });

  it('an application id too long for an internal topic fails, naming the topic', () => {
    const id = 'a'.repeat(240);
    const topic = `${id}-counts-changelog`; // 257 characters
    expect(construct({ applicationId: id })).toThrow(new RegExp(`internal topic '${topic}' would have ${topic.length} characters, Kafka allows 249`));
    expect(construct({ applicationId: 'a'.repeat(200) })).not.toThrow();
  });
});
