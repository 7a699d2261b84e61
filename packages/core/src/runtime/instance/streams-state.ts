// The lifecycle of a KafkaStreams instance, with Kafka Streams' states and transitions.
import { BehaviorSubject, type Observable } from 'rxjs';
import { IllegalStateError } from '../../errors.js';

export type StreamsState =
  | 'CREATED'
  | 'REBALANCING'
  | 'RUNNING'
  | 'PENDING_SHUTDOWN'
  | 'NOT_RUNNING'
  | 'PENDING_ERROR'
  | 'ERROR';

const NEXT: Record<StreamsState, readonly StreamsState[]> = {
  CREATED: ['REBALANCING', 'PENDING_SHUTDOWN', 'PENDING_ERROR'],
  REBALANCING: ['RUNNING', 'REBALANCING', 'PENDING_SHUTDOWN', 'PENDING_ERROR'],
  RUNNING: ['REBALANCING', 'PENDING_SHUTDOWN', 'PENDING_ERROR'],
  PENDING_SHUTDOWN: ['NOT_RUNNING'],
  NOT_RUNNING: [],
  PENDING_ERROR: ['ERROR'],
  ERROR: [],
};

export type StateListener = (newState: StreamsState, oldState: StreamsState) => void;

export class StreamsStateMachine {
  private readonly subject = new BehaviorSubject<StreamsState>('CREATED');
  private readonly listeners = new Set<StateListener>();

  get state(): StreamsState {
    return this.subject.value;
  }

  /** Emits the current state, then every change. Completes when the instance is NOT_RUNNING or ERROR. */
  get state$(): Observable<StreamsState> {
    return this.subject.asObservable();
  }

  canMoveTo(next: StreamsState): boolean {
    return NEXT[this.state].includes(next);
  }

  /** Moves to `next`; throws IllegalStateError for a transition Kafka Streams does not allow. */
  moveTo(next: StreamsState): void {
    const old = this.state;
    if (old === next) return; // e.g. a second rebalance while REBALANCING: nothing changes for listeners
    if (!this.canMoveTo(next)) throw new IllegalStateError(`cannot move from ${old} to ${next}`);
    this.subject.next(next);
    for (const l of this.listeners) l(next, old);
    if (next === 'NOT_RUNNING' || next === 'ERROR') this.subject.complete();
  }

  /** Moves only if allowed; returns whether it moved. */
  tryMoveTo(next: StreamsState): boolean {
    if (!this.canMoveTo(next)) return false;
    this.moveTo(next);
    return true;
  }

  onChange(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
