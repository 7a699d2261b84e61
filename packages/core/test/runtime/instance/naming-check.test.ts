// DESIGN section 5: generated names of stateful resources warn at start, or fail under
// ensureExplicitInternalResourceNaming; named ones do neither.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { KafkaStreams, Materialized, Serdes, StreamsBuilder, TopologyError } from '@kstreams/core';
import { pino } from 'pino';
import { builtTopology } from '../../../src/topology/built-topology.js';

const S = Serdes.string();

function topology(named: boolean) {
  const b = new StreamsBuilder();
  b.stream('in', { keySerde: S, valueSerde: S })
    .groupBy((_k, v) => v, named ? { name: 'by-value', keySerde: S, valueSerde: S } : { keySerde: S, valueSerde: S })
    .count(named ? { materialized: Materialized.as('counts') } : undefined);
  return builtTopology(b.build());
}

function capture() {
  const lines: Array<{ level: number; msg: string }> = [];
  const logger = pino(
    { level: 'warn' },
    new Writable({
      write(chunk: Buffer, _e, done) {
        for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as { level: number; msg: string });
        done();
      },
    }),
  );
  return { logger, lines };
}

describe('generated names of stateful resources', () => {
  it('fail start under ensureExplicitInternalResourceNaming, naming the store and the repartition topic', async () => {
    const { logger } = capture();
    const app = new KafkaStreams(topology(false), {
      applicationId: 'naming',
      bootstrapServers: '127.0.0.1:1',
      ensureExplicitInternalResourceNaming: true,
      logger,
    });
    const error = await app.start().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(TopologyError);
    expect(error!.message).toContain('KSTREAM-AGGREGATE-STATE-STORE-');
    expect(error!.message).toMatch(/-repartition/);
    expect(app.state).toBe('ERROR');
  });

  it('pass the check when every stateful resource is named', () => {
    expect(topology(true).generatedNames()).toEqual({ stores: [], internalTopics: [] });
    expect(topology(false).generatedNames().stores).toHaveLength(1);
  });
});
