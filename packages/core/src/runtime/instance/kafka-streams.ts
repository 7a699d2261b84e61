// KafkaStreams: runs a Topology against a Kafka cluster. One stream thread per instance for now; run more
// instances (processes) to scale, and the group spreads the tasks over them.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Subject, type Observable } from 'rxjs';
import type { AdminPort, KafkaClientPort } from '../../client/kafka-client.js';
import { resolveConfig } from '../../config/resolve-config.js';
import type { ResolvedStreamsConfig, StreamsConfig } from '../../config/streams-config.js';
import { ConfigError, IllegalStateError } from '../../errors.js';
import { builtTopology, type BuiltTopology } from '../../topology/built-topology.js';
import type { Topology } from '../../topology/topology.js';
import type { RestoreProgress } from '../thread/state-restorer.js';
import { GlobalStateUpdater } from './global-state-updater.js';
import { checkInternalNaming } from './naming-check.js';
import type { ThreadEvent, ThreadSetup } from '../thread/thread-messages.js';
import { reviveError } from './revive-error.js';
import { ThreadHandle } from './thread-handle.js';
import { StreamsStateMachine, type StateListener, type StreamsState } from './streams-state.js';
import { setUpTopics } from './topic-setup.js';

/** A snapshot of what the instance is doing. */
export interface StreamsMetrics {
  /** Active tasks on this instance. */
  readonly tasks: number;
  /** Input records fetched and waiting to be processed. */
  readonly bufferedRecords: number;
  /** Partitions paused because their task's buffer is full (backpressure). */
  readonly pausedPartitions: number;
  /** Records processed since start. */
  readonly processedTotal: number;
}

export interface CloseOptions {
  /** How long to wait for the final commit and for clients to close. Default 60000. */
  readonly timeoutMs?: number;
}

export class KafkaStreams {
  private readonly config: ResolvedStreamsConfig;
  private readonly states = new StreamsStateMachine();
  private readonly client: KafkaClientPort;
  private admin: AdminPort | undefined;
  private thread: ThreadHandle | undefined;
  private global: GlobalStateUpdater | undefined;
  private closing: Promise<boolean> | undefined;
  private fatal: Error | undefined;
  private readonly restores = new Subject<RestoreProgress>();

  private readonly topology: BuiltTopology;

  /** Throws a TopologyError when `topology` is not what `StreamsBuilder.build()` returned. */
  constructor(topology: Topology, config: StreamsConfig) {
    this.topology = builtTopology(topology);
    this.config = resolveConfig(config);
    rejectTooLongInternalTopics(this.topology, this.config.applicationId);
    const { bootstrapServers, connection, producer, consumer, admin, logger } = this.config;
    const brokers = typeof bootstrapServers === 'string' ? bootstrapServers.split(',').map((s) => s.trim()) : [...bootstrapServers];
    this.client = this.config.client({ bootstrapServers: brokers, connection, producer, consumer, admin, logger });
  }

  get state(): StreamsState {
    return this.states.state;
  }

  /** The current state, then every change (CREATED, REBALANCING, RUNNING, PENDING_SHUTDOWN, NOT_RUNNING, ...). */
  get state$(): Observable<StreamsState> {
    return this.states.state$;
  }

  /** Calls `listener(newState, oldState)` on every change; returns a function that removes it. */
  onStateChange(listener: StateListener): () => void {
    return this.states.onChange(listener);
  }

  /**
   * Progress of restoring state stores from their changelogs (after start, a restart or a move): one event when
   * a store's restore starts, about one a second while it runs, and one with `done: true` at the end (also for
   * a store that had nothing to restore, with `restored: 0`). Completes when the instance stops.
   */
  get restoreProgress$(): Observable<RestoreProgress> {
    return this.restores.asObservable();
  }

  metrics(): StreamsMetrics {
    return this.thread?.metrics ?? { tasks: 0, bufferedRecords: 0, pausedPartitions: 0, processedTotal: 0 };
  }

  /** The error that moved the instance to ERROR, if any. */
  get error(): Error | undefined {
    return this.fatal;
  }

  /**
   * Creates internal topics and starts processing. Resolves once the consumer has joined the group (the state
   * is then REBALANCING, and RUNNING once the tasks are assigned). Throws, and moves to ERROR, if setup fails.
   */
  async start(): Promise<void> {
    if (this.state !== 'CREATED') throw new IllegalStateError(`start() can only be called once (state is ${this.state})`);
    this.states.moveTo('REBALANCING');
    const logger = this.config.logger.child({ applicationId: this.config.applicationId });
    try {
      checkInternalNaming(this.topology, this.config.ensureExplicitInternalResourceNaming, logger);
      this.admin = await this.client.admin();
      const topics = await setUpTopics(this.topology, this.config.applicationId, this.admin);
      if (topics.created.length > 0) logger.info({ topics: topics.created }, 'created internal topics');
      this.global = new GlobalStateUpdater({
        topology: this.topology,
        config: this.config,
        client: this.client,
        admin: this.admin,
        logger,
        onProgress: (p) => this.restores.next(p),
        onFatal: (e) => void this.die(e),
      });
      await this.global.start();
      const setup: ThreadSetup = {
        sourceTopics: topics.allSources,
        partitionCounts: Object.fromEntries(topics.partitionCounts),
        sourcesOf: Object.fromEntries(topics.sourcesOf),
        offsetResets: this.offsetResets(),
      };
      const local = { topology: this.topology, config: this.config, client: this.client, admin: this.admin, logger, globalStores: this.global.stores };
      this.thread = new ThreadHandle(local, setup, (event) => this.onThreadEvent(event));
      await this.thread.send({ type: 'start' });
    } catch (e) {
      await this.die(e instanceof Error ? e : new Error(String(e)));
      throw e;
    }
  }

  /** Topics whose source names its own offset reset (the others use `defaultOffsetReset`). */
  private offsetResets(): Record<string, 'earliest' | 'latest'> {
    const byTopic: Record<string, 'earliest' | 'latest'> = {};
    for (const s of this.topology.subtopologies) {
      for (const n of s.nodes) {
        if (n.kind === 'source' && n.offsetReset) for (const t of n.topics) byTopic[this.topology.resolveTopic(t, this.config.applicationId)] = n.offsetReset;
      }
    }
    return byTopic;
  }

  /** The messages of the stream thread (runtime/thread/thread-messages.ts). */
  private onThreadEvent(event: ThreadEvent): void {
    switch (event.type) {
      case 'rebalancing':
        this.states.tryMoveTo('REBALANCING');
        return;
      case 'running':
        this.states.tryMoveTo('RUNNING');
        return;
      case 'restore-progress':
        this.restores.next(event.progress);
        return;
      case 'metrics':
        return;
      case 'fatal':
        void this.die(reviveError(event.error));
        return;
    }
  }

  private async die(error: Error): Promise<void> {
    if (this.fatal || this.state === 'ERROR' || this.state === 'PENDING_SHUTDOWN' || this.state === 'NOT_RUNNING') return;
    this.fatal = error;
    this.config.logger.error({ err: error, applicationId: this.config.applicationId }, `kstreams instance failed: ${error.message}`);
    this.states.tryMoveTo('PENDING_ERROR');
    await this.thread?.send({ type: 'close' }).catch(() => {});
    await this.global?.close().catch(() => {});
    await this.admin?.close().catch(() => {});
    this.states.tryMoveTo('ERROR');
    this.restores.complete();
  }

  /**
   * Stops processing, commits what was processed, and closes every client. Resolves true when everything
   * closed within the timeout. Safe to call more than once.
   */
  close(options: CloseOptions = {}): Promise<boolean> {
    this.closing ??= this.doClose(options.timeoutMs ?? 60_000);
    return this.closing;
  }

  private async doClose(timeoutMs: number): Promise<boolean> {
    if (this.state === 'ERROR' || this.state === 'PENDING_ERROR') {
      await this.thread?.send({ type: 'close' }).catch(() => {});
      await this.global?.close().catch(() => {});
      return true;
    }
    if (this.state === 'NOT_RUNNING') return true;
    this.states.tryMoveTo('PENDING_SHUTDOWN');
    const work = (async () => {
      await this.thread?.send({ type: 'close' });
      await this.global?.close();
      await this.admin?.close().catch(() => {});
    })();
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([
      work.then(() => true),
      new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    this.states.tryMoveTo('NOT_RUNNING');
    this.restores.complete();
    return inTime;
  }

  /**
   * Deletes this application's local state (`<stateDir>/<applicationId>/`): the next start restores every store
   * from its changelog. Only while the instance is not running.
   */
  async cleanUp(): Promise<void> {
    if (this.state !== 'CREATED' && this.state !== 'NOT_RUNNING' && this.state !== 'ERROR') {
      throw new IllegalStateError(`cleanUp() needs a stopped instance (state is ${this.state})`);
    }
    await rm(join(this.config.stateDir, this.config.applicationId), { recursive: true, force: true });
  }

  /** Closes the instance on SIGTERM/SIGINT (once). Returns a function that removes the handlers. */
  closeOnSignals(signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'], options: CloseOptions = {}): () => void {
    const handler = (signal: NodeJS.Signals) => {
      this.config.logger.info({ signal }, 'closing on signal');
      remove();
      void this.close(options);
    };
    const remove = () => signals.forEach((s) => process.off(s, handler));
    signals.forEach((s) => process.once(s, handler));
    return remove;
  }
}

/** Kafka's longest topic name. */
const MAX_TOPIC_NAME_LENGTH = 249;

/** An application id that makes an internal topic name longer than Kafka allows fails here, naming the topic. */
function rejectTooLongInternalTopics(topology: BuiltTopology, applicationId: string): void {
  for (const topic of topology.internalTopics.keys()) {
    const name = topology.resolveTopic(topic, applicationId);
    if (name.length > MAX_TOPIC_NAME_LENGTH) {
      throw new ConfigError(
        `applicationId is too long for this topology: its internal topic '${name}' would have ${name.length} characters, ` +
          `Kafka allows ${MAX_TOPIC_NAME_LENGTH}; use a shorter applicationId or name the store or operator`,
      );
    }
  }
}
