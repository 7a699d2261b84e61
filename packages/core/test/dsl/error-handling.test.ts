// Bad input and failing operators: each handler policy, and errors that name task, topic, partition, offset.
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DeadLetterHeaders,
  Serdes,
  StreamsBuilder,
  StreamsProcessingError,
  deadLetter,
  type StreamsConfig,
} from '@kstreams/core';
import { TopologyTestDriver } from '@kstreams/test-utils';
import { pino } from 'pino';

/** A logger whose lines the test can read. */
function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { logger, lines };
}

const S = Serdes.string();
const N = Serdes.int32();
const B = Serdes.nullable(Serdes.bytes());
const bytes = (s: string) => new TextEncoder().encode(s);

function pipeline(config: Partial<StreamsConfig> = {}) {
  const b = new StreamsBuilder();
  b.stream('in', { keySerde: S, valueSerde: N })
    .mapValues((v) => {
      if (v === 13) throw new Error('unlucky number');
      return v * 2;
    })
    .to('out', { keySerde: S, valueSerde: N });
  const { logger, lines } = capturingLogger();
  const d = new TopologyTestDriver(b.build(), { applicationId: 'err-app', logger, ...config });
  // Raw bytes in, so the test can send a corrupt value (3 bytes is not an int32).
  return { d, lines, input: d.createInputTopic('in', S, B), out: d.createOutputTopic('out', S, N) };
}

const good = (n: number) => N.serialize('in', n)!;

describe('deserialization errors', () => {
  it('fail (default): throws an error naming task, topic, partition, offset and source', () => {
    const { input } = pipeline();
    input.pipeInput('a', good(1));
    expect(() => input.pipeInput('b', bytes('xyz'))).toThrow(StreamsProcessingError);
    const { input: again } = pipeline();
    again.pipeInput('a', good(1));
    expect(() => again.pipeInput('b', bytes('xyz'))).toThrow(
      /could not deserialize.*\(task 0_0, topic in, partition 0, offset 1, processor KSTREAM-SOURCE-0000000000\)/,
    );
  });

  it('logAndContinue: skips the bad record, logs where it was, and keeps going', () => {
    const { input, out, lines } = pipeline({ deserializationExceptionHandler: 'logAndContinue' });
    input.pipeInput('a', good(1));
    input.pipeInput('b', bytes('xyz'));
    input.pipeInput('c', good(3));
    expect(out.readKeyValuesToList()).toEqual([
      ['a', 2],
      ['c', 6],
    ]);
    const warn = lines.filter((l) => l.level === 40);
    expect(warn).toHaveLength(1);
    expect(warn[0]).toMatchObject({ taskId: '0_0', topic: 'in', partition: 0, offset: 1 });
    expect(String(warn[0]!.msg)).toMatch(/deserialization error; skipping the record/);
  });

  it('deadLetter: writes the original bytes with headers naming the error and the source', () => {
    const { d, input, out } = pipeline({ deserializationExceptionHandler: deadLetter('in-dlq') });
    input.pipeInput('a', good(1));
    input.pipeInput('bad-key', bytes('xyz'));
    input.pipeInput('c', good(3));
    expect(out.readValuesToList()).toEqual([2, 6]);
    const dlq = d.createOutputTopic('in-dlq', B, B).readRecordsToList();
    expect(dlq).toHaveLength(1);
    const r = dlq[0]!;
    expect(new TextDecoder().decode(r.key!)).toBe('bad-key');
    expect(new TextDecoder().decode(r.value!)).toBe('xyz');
    expect(r.headers.lastString(DeadLetterHeaders.exception)).toBe('SerializationError');
    expect(r.headers.lastString(DeadLetterHeaders.message)).toMatch(/int32/);
    expect(r.headers.lastString(DeadLetterHeaders.topic)).toBe('in');
    expect(r.headers.lastString(DeadLetterHeaders.partition)).toBe('0');
    expect(r.headers.lastString(DeadLetterHeaders.offset)).toBe('1');
    expect(r.headers.lastString(DeadLetterHeaders.taskId)).toBe('0_0');
  });

  it('a handler function decides per record', () => {
    const seen: string[] = [];
    const { input, out } = pipeline({
      deserializationExceptionHandler: ({ location, value }) => {
        seen.push(`${location.offset}:${new TextDecoder().decode(value!)}`);
        return 'continue';
      },
    });
    input.pipeInput('a', bytes('x'));
    input.pipeInput('b', good(5));
    expect(seen).toEqual(['0:x']);
    expect(out.readValuesToList()).toEqual([10]);
  });
});

describe('processing errors', () => {
  it('fail (default): names the processor and the record', () => {
    const { input } = pipeline();
    expect(() => input.pipeInput('k', good(13))).toThrow(
      /processing failed: unlucky number \(task 0_0, topic in, partition 0, offset 0, processor KSTREAM-MAPVALUES-0000000001\)/,
    );
  });

  it('logAndContinue skips the failing record and logs the processor', () => {
    const { input, out, lines } = pipeline({ processingExceptionHandler: 'logAndContinue' });
    input.pipeInput('a', good(13));
    input.pipeInput('b', good(2));
    expect(out.readKeyValuesToList()).toEqual([['b', 4]]);
    expect(lines.filter((l) => l.level === 40)).toEqual([
      expect.objectContaining({ offset: 0, processorName: 'KSTREAM-MAPVALUES-0000000001' }),
    ]);
  });
});

describe('production errors', () => {
  it('a value the sink serde cannot serialize fails with the sink and topic named', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: S }).to('out', { keySerde: S, valueSerde: N as never });
    const d = new TopologyTestDriver(b.build());
    expect(() => d.createInputTopic('in', S, S).pipeInput('k', 'not a number')).toThrow(
      /could not serialize a record for topic out.*processor KSTREAM-SINK-0000000001/,
    );
  });
});

describe('configuration errors', () => {
  it('a source without serdes and no defaults fails at task creation, naming the source', () => {
    const b = new StreamsBuilder();
    b.stream('in').to('out');
    expect(() => new TopologyTestDriver(b.build())).toThrow(ConfigError);
    expect(() => new TopologyTestDriver(b.build())).toThrow(
      /source 'KSTREAM-SOURCE-0000000000' \(topics: \[in\]\) has no key serde.*defaultKeySerde/,
    );
  });
});
