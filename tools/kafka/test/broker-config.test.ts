import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without declarations
import { renderServerProperties, renderLoggingConfig } from '../broker-config.mjs';

const props = (text: string): Record<string, string> =>
  Object.fromEntries(
    text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

describe('local broker configuration', () => {
  it('a single node is a standalone KRaft quorum with one-replica internal topics', () => {
    const node = { nodeId: 1, port: 9092, controllerPort: 9093 };
    const p = props(renderServerProperties({ node, nodes: [node], dataDir: '/d' }));
    expect(p['process.roles']).toBe('broker,controller');
    expect(p['controller.quorum.bootstrap.servers']).toBe('127.0.0.1:9093');
    expect(p['controller.quorum.voters']).toBeUndefined();
    expect(p['listeners']).toBe('PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093');
    expect(p['offsets.topic.replication.factor']).toBe('1');
    expect(p['transaction.state.log.replication.factor']).toBe('1');
    expect(p['transaction.state.log.min.isr']).toBe('1');
    expect(p['share.coordinator.state.topic.replication.factor']).toBe('1');
    expect(p['group.initial.rebalance.delay.ms']).toBe('0');
  });

  it('three nodes form a static voter set and replicate internal topics three times', () => {
    const nodes = [1, 2, 3].map((i) => ({ nodeId: i, port: 19091 + i, controllerPort: 19191 + i }));
    const p = props(renderServerProperties({ node: nodes[1], nodes, dataDir: '/d' }));
    expect(p['node.id']).toBe('2');
    expect(p['controller.quorum.voters']).toBe('1@127.0.0.1:19192,2@127.0.0.1:19193,3@127.0.0.1:19194');
    expect(p['transaction.state.log.replication.factor']).toBe('3');
    expect(p['transaction.state.log.min.isr']).toBe('2');
    expect(p['advertised.listeners']).toBe('PLAINTEXT://127.0.0.1:19093');
  });

  it('uses log4j2 for Kafka 4 and log4j 1 (reload4j) for Kafka 3', () => {
    expect(renderLoggingConfig(4)).toContain('rootLogger.level = INFO');
    expect(renderLoggingConfig(3)).toContain('log4j.rootLogger=INFO, stdout');
  });
});
