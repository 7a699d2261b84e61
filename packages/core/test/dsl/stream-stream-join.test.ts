// Stream–stream joins through the TopologyTestDriver: pairs within the join window, asymmetric windows, and left
// and outer joins that emit an unmatched record only once its window has closed.
import { describe, expect, it } from 'vitest';
import { JoinWindows, Serdes, StreamsBuilder } from '@kstreams/core';
import { TopologyTestDriver } from '@kstreams/test-utils';

const S = Serdes.string();

function joined(kind: 'join' | 'leftJoin' | 'outerJoin', windows: JoinWindows) {
  const b = new StreamsBuilder();
  const left = b.stream('left', { keySerde: S, valueSerde: S });
  const right = b.stream('right', { keySerde: S, valueSerde: S });
  const joiner = (l: string | null, r: string | null) => `${l}+${r}`;
  (kind === 'join' ? left.join(right, joiner, windows) : kind === 'leftJoin' ? left.leftJoin(right, joiner, windows) : left.outerJoin(right, joiner, windows)).to('out', {
    keySerde: S,
    valueSerde: S,
  });
  const driver = new TopologyTestDriver(b.build());
  const l = driver.createInputTopic('left', S, S);
  const r = driver.createInputTopic('right', S, S);
  const out = driver.createOutputTopic('out', S, S);
  const read = () => out.readRecordsToList().map((x) => `${x.key}:${x.value}@${x.timestamp}`);
  return { driver, l, r, read };
}

describe('stream–stream join', () => {
  it('joins each pair within the window, timestamped with the later record', () => {
    const { driver, l, r, read } = joined('join', JoinWindows.ofTimeDifferenceWithNoGrace(10));
    l.pipeInput('k', 'a', { timestamp: 100 });
    r.pipeInput('k', 'x', { timestamp: 105 });
    r.pipeInput('k', 'y', { timestamp: 111 }); // 11 after a: outside
    l.pipeInput('k', 'b', { timestamp: 108 }); // joins x and y
    r.pipeInput('other', 'z', { timestamp: 108 });
    expect(read()).toEqual(['k:a+x@105', 'k:b+x@108', 'k:b+y@111']);
    driver.close();
  });

  it('before and after bound the other stream’s timestamps on each side', () => {
    const { driver, l, r, read } = joined('join', JoinWindows.ofTimeDifferenceWithNoGrace(0).after(5));
    l.pipeInput('k', 'a', { timestamp: 100 });
    r.pipeInput('k', 'early', { timestamp: 99 }); // before a: outside (before = 0)
    r.pipeInput('k', 'late', { timestamp: 104 });
    expect(read()).toEqual(['k:a+late@104']);
    driver.close();
  });

  it('left join: an unmatched record is emitted with null only after its window closed, and not at all if matched', () => {
    const { driver, l, r, read } = joined('leftJoin', JoinWindows.ofTimeDifferenceWithNoGrace(10));
    l.pipeInput('k', 'a', { timestamp: 100 });
    l.pipeInput('j', 'b', { timestamp: 101 });
    expect(read()).toEqual([]); // no spurious a+null while a's window is open
    r.pipeInput('j', 'x', { timestamp: 105 });
    expect(read()).toEqual(['j:b+x@105']);
    l.pipeInput('k', 'c', { timestamp: 200 }); // stream time 200: a's window (100 + 10) closed
    expect(read()).toEqual(['k:a+null@100']);
    driver.close();
  });

  it('outer join: unmatched records of both sides come out with null once closed', () => {
    const { driver, l, r, read } = joined('outerJoin', JoinWindows.ofTimeDifferenceWithNoGrace(10));
    l.pipeInput('k', 'a', { timestamp: 100 });
    r.pipeInput('m', 'x', { timestamp: 102 });
    r.pipeInput('z', 'w', { timestamp: 300 });
    expect(read()).toEqual(['k:a+null@100', 'm:null+x@102']);
    driver.close();
  });
});
