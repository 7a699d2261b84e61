import { describe, expect, it } from 'vitest';
import { BufferedCollector } from '../../../src/runtime/thread/buffered-collector.js';
import type { OutgoingRecord } from '../../../src/record/outgoing-record.js';
import { Headers } from '../../../src/index.js';

const rec = (n: number): OutgoingRecord => ({
  topic: 't',
  partition: undefined,
  key: null,
  value: new Uint8Array([n]),
  headers: new Headers(),
  timestamp: n,
});

describe('BufferedCollector', () => {
  it('sends batches one after another, in order, even when earlier sends are slower', async () => {
    const sent: number[][] = [];
    let delay = 30;
    const c = new BufferedCollector(
      async (records) => {
        const d = (delay -= 10);
        await new Promise((r) => setTimeout(r, d));
        sent.push(records.map((r) => r.timestamp));
      },
      () => undefined,
      2,
    );
    for (let i = 0; i < 5; i++) c.send(rec(i));
    expect(c.unacknowledged).toBe(5);
    await c.flush();
    expect(sent).toEqual([[0, 1], [2, 3], [4]]);
    expect(c.unacknowledged).toBe(0);
  });

  it('flush throws the first send failure once, and sends nothing after a failure until then', async () => {
    const sent: number[] = [];
    let fail = true;
    const c = new BufferedCollector(async (records) => {
      if (fail) throw new Error('broker said no');
      sent.push(...records.map((r) => r.timestamp));
    }, () => undefined, 1);
    c.send(rec(1));
    c.send(rec(2));
    await expect(c.flush()).rejects.toThrow('broker said no');
    expect(sent).toEqual([]);
    fail = false;
    c.send(rec(3));
    await c.flush();
    expect(sent).toEqual([3]);
  });

  it('discard drops what is buffered and a pending failure', async () => {
    const sent: number[] = [];
    const c = new BufferedCollector(async (records) => void sent.push(...records.map((r) => r.timestamp)), () => 3, 100);
    c.send(rec(1));
    await c.discard();
    await c.flush();
    expect(sent).toEqual([]);
    expect(c.partitionsFor('t')).toBe(3);
  });
});
