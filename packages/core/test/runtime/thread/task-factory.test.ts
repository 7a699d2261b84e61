// TaskFactory: a task's output is opened through the guarantee (fencing under exactly_once) before anything of
// the task exists; the cache bytes are split over the assignment's tasks; close closes the task, then its output.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { Headers, Serdes, StreamsBuilder, type ProcessorContext, type ProcessorSupplier } from '../../../src/index.js';
import { resolveConfig } from '../../../src/config/resolve-config.js';
import type { OutgoingRecord } from '../../../src/record/outgoing-record.js';
import type { ActiveTask } from '../../../src/runtime/thread/active-task.js';
import { BufferedCollector } from '../../../src/runtime/thread/buffered-collector.js';
import type { Guarantee } from '../../../src/runtime/thread/guarantees/guarantee.js';
import { TaskFactory } from '../../../src/runtime/thread/task-factory.js';
import { builtTopology } from '../../../src/topology/built-topology.js';

const S = Serdes.string();
const logger = pino({ level: 'silent' });

/** `in` → a processor that records its lifecycle in `log` → `out`. */
function setup(cacheMaxBytes = 1000, openFailure?: Error) {
  const log: string[] = [];
  const sent: OutgoingRecord[] = [];
  const recorder: ProcessorSupplier<string, string, string, string> = () => {
    log.push('processor created');
    let ctx: ProcessorContext<string, string>;
    return {
      init(c) {
        log.push('processor init');
        ctx = c;
      },
      process(r) {
        ctx.forward(r);
      },
      close() {
        log.push('processor close');
      },
    };
  };
  const b = new StreamsBuilder();
  b.stream('in', { keySerde: S, valueSerde: S }).process(recorder).to('out', { keySerde: S, valueSerde: S });
  const topology = builtTopology(b.build());
  const config = resolveConfig({ applicationId: 'app', bootstrapServers: 'fake:0', logger, cacheMaxBytes });
  let openGate: Promise<void> = Promise.resolve();
  let closeGate: Promise<void> = Promise.resolve();
  const collectors: BufferedCollector[] = [];
  const guarantee: Guarantee = {
    name: 'exactly_once',
    async openTask(taskId) {
      log.push(`openTask ${taskId}`);
      await openGate;
      if (openFailure) throw openFailure;
      log.push(`opened ${taskId}`);
      const c = new BufferedCollector(async (records) => void sent.push(...records), () => 2);
      collectors.push(c);
      return c;
    },
    commit: async () => ({ committed: [], migrated: [], failed: [], deferred: [] }),
    abandon: async () => {},
    async closeTask(task) {
      log.push(`closeTask ${task.id}`);
      await closeGate;
      log.push(`closedTask ${task.id}`);
    },
    close: async () => {},
  };
  const factory = new TaskFactory({ topology, config, logger, guarantee, globalStores: new Map() });
  return {
    factory,
    log,
    sent,
    collectors,
    holdOpen: () => gate((p) => (openGate = p)),
    holdClose: () => gate((p) => (closeGate = p)),
  };
}

function gate(set: (p: Promise<void>) => void): () => void {
  let release!: () => void;
  set(new Promise<void>((r) => (release = r)));
  return release;
}

const layout = (p: number) => ({ subtopologyId: 0, taskId: `0_${p}`, partitions: [{ topic: 'in', partition: p }] });
const settle = () => new Promise((r) => setTimeout(r, 5));

describe('TaskFactory.create', () => {
  it('opens the task output through the guarantee before it builds any part of the task', async () => {
    const { factory, log, holdOpen } = setup();
    const release = holdOpen();
    const creating = factory.create(layout(1), 1);
    await settle();
    expect(log).toEqual(['openTask 0_1']);
    release();
    const task = await creating;
    expect(log).toEqual(['openTask 0_1', 'opened 0_1', 'processor created']);
    expect(task.id).toBe('0_1');
  });

  it('builds nothing when opening the output fails', async () => {
    const { factory, log } = setup(1000, new Error('fenced while opening'));
    await expect(factory.create(layout(0), 1)).rejects.toThrow('fenced while opening');
    expect(log).toEqual(['openTask 0_0']);
  });

  it('returns a task of the layout whose output goes to the collector the guarantee opened, not yet initialized', async () => {
    const { factory, log, sent, collectors } = setup();
    const task = await factory.create(layout(1), 1);
    expect(task.collector).toBe(collectors[0]);
    expect(task.stream.id).toBe('0_1');
    expect(task.stream.partitions).toEqual([{ topic: 'in', partition: 1 }]);
    expect(log).not.toContain('processor init');
    task.stream.initialize();
    const enc = (s: string) => new TextEncoder().encode(s);
    task.stream.addRecords('in', 1, [{ topic: 'in', partition: 1, offset: 0, timestamp: 5, key: enc('k'), value: enc('v'), headers: new Headers() }]);
    expect(task.stream.process()).toBe(true);
    await task.collector.flush();
    expect(sent.map((r) => [r.topic, new TextDecoder().decode(r.value!)])).toEqual([['out', 'v']]);
  });

  it('gives each task its share of the cache bytes: cacheMaxBytes / taskCount, rounded down', async () => {
    const { factory } = setup(1000);
    const share = async (taskCount: number) => (await factory.create(layout(0), taskCount)).stream.options.cacheMaxBytes;
    expect(await share(1)).toBe(1000);
    expect(await share(4)).toBe(250);
    expect(await share(3)).toBe(333);
    expect(await share(0)).toBe(1000);
  });

  it('a zero cache stays zero', async () => {
    const { factory } = setup(0);
    expect((await factory.create(layout(0), 2)).stream.options.cacheMaxBytes).toBe(0);
  });
});

describe('TaskFactory.close', () => {
  it('closes the stream task, then the task output through the guarantee, and waits for it', async () => {
    const { factory, log, holdClose } = setup();
    const task: ActiveTask = await factory.create(layout(0), 1);
    task.stream.initialize();
    log.length = 0;
    const release = holdClose();
    let closed = false;
    const closing = factory.close(task).then(() => (closed = true));
    await settle();
    expect(log).toEqual(['processor close', 'closeTask 0_0']);
    expect(closed).toBe(false);
    release();
    await closing;
    expect(log).toEqual(['processor close', 'closeTask 0_0', 'closedTask 0_0']);
  });

  it('drops the task buffered input on close', async () => {
    const { factory } = setup();
    const task = await factory.create(layout(0), 1);
    const enc = (s: string) => new TextEncoder().encode(s);
    task.stream.addRecords('in', 0, [{ topic: 'in', partition: 0, offset: 0, timestamp: 5, key: enc('k'), value: enc('v'), headers: new Headers() }]);
    expect(task.stream.bufferedCount).toBe(1);
    await factory.close(task);
    expect(task.stream.bufferedCount).toBe(0);
  });
});
