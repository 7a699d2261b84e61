import { describe, expect, it } from 'vitest';
import { StreamsStateMachine } from '../../../src/runtime/instance/streams-state.js';
import { IllegalStateError } from '../../../src/index.js';

describe('StreamsStateMachine', () => {
  it('follows Kafka Streams transitions, tells listeners, and completes state$ at the end', () => {
    const m = new StreamsStateMachine();
    const seen: string[] = [];
    const changes: string[] = [];
    let completed = false;
    m.state$.subscribe({ next: (s) => seen.push(s), complete: () => (completed = true) });
    m.onChange((n, o) => changes.push(`${o}->${n}`));
    m.moveTo('REBALANCING');
    m.moveTo('REBALANCING');
    m.moveTo('RUNNING');
    m.moveTo('REBALANCING');
    m.moveTo('RUNNING');
    m.moveTo('PENDING_SHUTDOWN');
    m.moveTo('NOT_RUNNING');
    expect(seen).toEqual(['CREATED', 'REBALANCING', 'RUNNING', 'REBALANCING', 'RUNNING', 'PENDING_SHUTDOWN', 'NOT_RUNNING']);
    expect(changes[0]).toBe('CREATED->REBALANCING');
    expect(completed).toBe(true);
  });

  it('rejects transitions Kafka Streams does not allow', () => {
    const m = new StreamsStateMachine();
    expect(() => m.moveTo('RUNNING')).toThrow(IllegalStateError);
    m.moveTo('PENDING_ERROR');
    m.moveTo('ERROR');
    expect(m.tryMoveTo('RUNNING')).toBe(false);
    expect(() => m.moveTo('PENDING_SHUTDOWN')).toThrow(/cannot move from ERROR to PENDING_SHUTDOWN/);
  });
});
