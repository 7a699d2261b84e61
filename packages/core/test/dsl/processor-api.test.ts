// The Processor API through the DSL: process/processValues, record metadata, punctuation, commit requests.
import { describe, expect, it } from 'vitest';
import { Serdes, StreamRecord, StreamsBuilder, type ProcessorContext, type RecordMetadata } from '@kstreams/core';
import { TopologyTestDriver } from '@kstreams/test-utils';

const S = Serdes.string();
const N = Serdes.int32();

describe('process()', () => {
  it('runs a fresh processor per task with init, record metadata, forward and close', () => {
    const events: string[] = [];
    const metadata: Array<RecordMetadata | undefined> = [];
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: N })
      .process<number, string>(() => {
        let ctx: ProcessorContext<number, string>;
        return {
          init: (c) => {
            ctx = c;
            events.push(`init ${c.taskId} ${c.applicationId}`);
          },
          process: (r) => {
            metadata.push(ctx.recordMetadata());
            ctx.forward(new StreamRecord(r.value, `${r.key}:${r.timestamp}`, r.timestamp + 1));
          },
          close: () => events.push('close'),
        };
      })
      .to('out', { keySerde: N, valueSerde: S });
    const d = new TopologyTestDriver(b.build(), { applicationId: 'proc-app' });
    const input = d.createInputTopic('in', S, N);
    input.pipeInput('a', 7, { timestamp: 100 });
    input.pipeInput('b', 8, { timestamp: 200 });
    const out = d.createOutputTopic('out', N, S).readRecordsToList();
    expect(out.map((r) => [r.key, r.value, r.timestamp])).toEqual([
      [7, 'a:100', 101],
      [8, 'b:200', 201],
    ]);
    expect(metadata).toEqual([
      { topic: 'in', partition: 0, offset: 0 },
      { topic: 'in', partition: 0, offset: 1 },
    ]);
    d.close();
    expect(events).toEqual(['init 0_0 proc-app', 'close']);
  });

  it('fires stream-time punctuations as record time advances, and wall-clock ones as the clock does', () => {
    const fired: string[] = [];
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: N }).process(() => ({
      init: (ctx) => {
        ctx.schedule(10, 'stream-time', (t) => fired.push(`stream@${t}`));
        ctx.schedule(1000, 'wall-clock', (t) => fired.push(`wall@${t}`));
      },
      process: () => {},
    }));
    const d = new TopologyTestDriver(b.build(), { initialWallClockTimeMs: 5000 });
    const input = d.createInputTopic('in', S, N);
    input.pipeInput('a', 1, { timestamp: 0 }); // as in Kafka Streams, a stream-time schedule is aligned to 0: fires now
    input.pipeInput('a', 1, { timestamp: 5 });
    input.pipeInput('a', 1, { timestamp: 12 }); // fires once at 12, next due at 20
    input.pipeInput('a', 1, { timestamp: 45 }); // several intervals passed: fires once, next due at 50
    input.pipeInput('a', 1, { timestamp: 49 });
    input.pipeInput('a', 1, { timestamp: 50 });
    d.advanceWallClockTime(999);
    d.advanceWallClockTime(1);
    expect(fired).toEqual(['stream@0', 'stream@12', 'stream@45', 'stream@50', 'wall@6000']);
  });

  it('processValues keeps the key and can change value and timestamp', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: N })
      .processValues<string>(() => {
        let ctx: import('@kstreams/core').FixedKeyProcessorContext<string, string>;
        return {
          init: (c) => (ctx = c),
          process: (r) => ctx.forward(r.withValue(`v${r.value}`).withTimestamp(r.timestamp * 2)),
        };
      })
      .to('out', { keySerde: S, valueSerde: S });
    const d = new TopologyTestDriver(b.build());
    d.createInputTopic('in', S, N).pipeInput('k', 3, { timestamp: 21 });
    const r = d.createOutputTopic('out', S, S).readRecord();
    expect([r.key, r.value, r.timestamp]).toEqual(['k', 'v3', 42]);
  });

  it('names the missing store connection when a processor asks for a store it was not given', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: N }).process(
      () => ({
        init: (ctx) => {
          ctx.getStateStore('counts');
        },
        process: () => {},
      }),
      { name: 'needs-store' },
    );
    expect(() => new TopologyTestDriver(b.build())).toThrow(/processor 'needs-store' has no access to state store 'counts'/);
  });
});
