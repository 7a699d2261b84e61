// Session-windowed aggregations through the TopologyTestDriver: sessions grow and merge within the inactivity
// gap (the merged ones deleted with a tombstone), grace and late records, and the session store.
import { describe, expect, it } from 'vitest';
import { Serdes, SessionWindows, StreamsBuilder, Windowed, WindowedSerdes } from '@kstreams/core';
import { TopologyTestDriver } from '@kstreams/test-utils';

const S = Serdes.string();
const N = Serdes.int64Number();

function sessions(windows: SessionWindows, reduce = false) {
  const b = new StreamsBuilder();
  const grouped = b.stream('in', { keySerde: S, valueSerde: S }).groupByKey().windowedBy(windows);
  const table = reduce
    ? grouped.reduce((a, v) => `${a}+${v}`, { materialized: { storeName: 'sessions' } })
    : grouped.count({ materialized: { storeName: 'sessions' } });
  table
    .toStream()
    .selectKey((w) => Windowed.toString(w))
    .to('out', { keySerde: S, valueSerde: (reduce ? Serdes.nullable(S) : Serdes.nullable(N)) as never });
  const driver = new TopologyTestDriver(b.build());
  const input = driver.createInputTopic('in', S, S);
  const output = driver.createOutputTopic<string, string | number | null>('out', S, (reduce ? Serdes.nullable(S) : Serdes.nullable(N)) as never);
  const read = () => output.readRecordsToList().map((r) => `${r.key}=${r.value}@${r.timestamp}`);
  return { driver, input, read };
}

describe('session windows', () => {
  it('a record within the gap extends the session; one between two sessions merges them', () => {
    const { driver, input, read } = sessions(SessionWindows.ofInactivityGapAndGrace(15, 100));
    input.pipeInput('u', 'x', { timestamp: 0 });
    input.pipeInput('u', 'x', { timestamp: 5 }); // extends [0,0] to [0,5]
    input.pipeInput('u', 'x', { timestamp: 30 }); // a new session
    input.pipeInput('u', 'x', { timestamp: 20 }); // within 15 of both: merges [0,5] and [30,30] into [0,30]
    expect(read()).toEqual([
      'u@0/0=1@0',
      'u@0/0=null@0',
      'u@0/5=2@5',
      'u@30/30=1@30',
      'u@0/5=null@5',
      'u@30/30=null@30',
      'u@0/30=4@30',
    ]);
    const store = driver.getSessionStore<string, number>('sessions')!;
    expect([...store.fetch('u')].map(([w, n]) => `${Windowed.toString(w)}=${n}`)).toEqual(['u@0/30=4']);
    driver.close();
  });

  it('reduce merges the sessions’ aggregates in end-time order', () => {
    const { driver, input, read } = sessions(SessionWindows.ofInactivityGapAndGrace(15, 100), true);
    input.pipeInput('u', 'a', { timestamp: 0 });
    input.pipeInput('u', 'b', { timestamp: 30 });
    input.pipeInput('u', 'c', { timestamp: 15 });
    expect(read().at(-1)).toBe('u@0/30=a+b+c@30');
    driver.close();
  });

  it('a record whose session closed (end before stream time − grace) is dropped and counted', () => {
    const { driver, input, read } = sessions(SessionWindows.ofInactivityGapAndGrace(5, 10));
    input.pipeInput('u', 'x', { timestamp: 0 });
    input.pipeInput('v', 'x', { timestamp: 40 }); // stream time 40: close time 30
    input.pipeInput('u', 'x', { timestamp: 3 }); // merged session [0,3] ends before 30: late
    input.pipeInput('u', 'x', { timestamp: 31 }); // its own session [31,31] is open
    expect(read()).toEqual(['u@0/0=1@0', 'v@40/40=1@40', 'u@31/31=1@31']);
    expect(driver.metrics().droppedRecords.late).toBe(1);
    driver.close();
  });

  it('session-windowed keys are Kafka Streams’ bytes: [key][end][start]', () => {
    const serde = WindowedSerdes.sessionWindowedSerdeFrom(S);
    expect(serde.deserialize('t', serde.serialize('t', Windowed.of('k', 5, 9)))).toEqual(Windowed.of('k', 5, 9));
  });
});
