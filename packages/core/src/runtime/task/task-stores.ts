// The state stores of one task: built fresh from the topology's store builders, initialized before restore,
// flushed at commit step 2 and made durable at step 6 with the changelog offsets they reflect.
import type { ChangelogRecord } from '../../state/state-store-context.js';
import type { StateStore } from '../../state/state-store.js';
import type { StoreBuilder } from '../../state/store-builder.js';
import { StateStoreError } from '../../errors.js';
import type { Subtopology } from '../../topology/node-definitions.js';
import type { BuiltTopology } from '../../topology/built-topology.js';
import type { RecordCollector } from './record-collector.js';
import { TaskStoreContext } from './task-store-context.js';
import type { TaskSettings } from './task-settings.js';
import type { TaskState } from './task-state.js';

/** A store's changelog partition as the task restores it. */
export interface ChangelogPartition {
  readonly storeName: string;
  /** Resolved topic name (`<applicationId>-<store>-changelog`). */
  readonly topic: string;
  readonly partition: number;
  readonly persistent: boolean;
  /** The changelog is the table's source topic: restore up to the committed input offset, not to the end. */
  readonly isSource: boolean;
}

/** A store to build for a task: its builder and its resolved changelog topic (undefined: no logging). */
export interface TaskStoreSpec {
  readonly name: string;
  readonly builder: StoreBuilder<StateStore>;
  readonly changelogTopic: string | undefined;
  /** `changelogTopic` is the store's source topic (read by the task, never written by the store). */
  readonly changelogIsSource?: boolean;
}

export class TaskStores {
  private readonly stores: StateStore[] = [];
  private readonly context: TaskStoreContext;
  readonly changelogs: readonly ChangelogPartition[];

  constructor(
    stores: readonly TaskStoreSpec[],
    partition: number,
    private readonly task: TaskState,
    settings: TaskSettings,
    cacheMaxBytes: number,
    private readonly collector: RecordCollector,
    /** The last offset the task consumed of a partition (checkpoints of source-topic changelogs). */
    private readonly consumedOffsetOf: (topic: string, partition: number) => number | undefined = () => undefined,
  ) {
    const changelogTopics = new Map<string, string>();
    for (const spec of stores) if (spec.changelogTopic && !spec.changelogIsSource) changelogTopics.set(spec.name, spec.changelogTopic);
    // Without a cache budget the caching layer is left out (as in Kafka Streams), so every update goes down and
    // is forwarded by its operator, also the delete of a key the store never had.
    const withCache = (spec: TaskStoreSpec) => (cacheMaxBytes > 0 || !spec.builder.cachingEnabled ? spec.builder : spec.builder.withCachingDisabled());
    const caching = stores.filter((spec) => spec.builder.cachingEnabled).length;
    const perStoreCache = caching === 0 ? 0 : Math.floor(cacheMaxBytes / caching);
    this.context = new TaskStoreContext(task, partition, settings, perStoreCache, collector, changelogTopics);
    this.changelogs = stores.flatMap((spec) =>
      spec.changelogTopic
        ? [{ storeName: spec.name, topic: spec.changelogTopic, partition, persistent: spec.builder.persistent, isSource: spec.changelogIsSource ?? false }]
        : [],
    );
    for (const spec of stores) {
      const store = withCache(spec).build();
      this.stores.push(store);
      task.stores.set(spec.name, store);
    }
  }

  /** The stores of a sub-topology's task, with their resolved changelog topics. */
  static forSubtopology(
    topology: BuiltTopology,
    subtopology: Subtopology,
    partition: number,
    task: TaskState,
    settings: TaskSettings,
    cacheMaxBytes: number,
    collector: RecordCollector,
    consumedOffsetOf: (topic: string, partition: number) => number | undefined,
  ): TaskStores {
    const specs = subtopology.stores.map((name) => {
      const def = topology.stores.get(name)!;
      const changelogTopic = def.changelogTopic ? topology.resolveTopic(def.changelogTopic, settings.applicationId) : undefined;
      return { name, builder: def.builder, changelogTopic, changelogIsSource: def.changelogIsSource };
    });
    return new TaskStores(specs, partition, task, settings, cacheMaxBytes, collector, consumedOffsetOf);
  }

  get size(): number {
    return this.stores.length;
  }

  /** Opens every store (LMDB environments are created here); each registers its restore and commit hooks. */
  init(): void {
    for (const store of this.stores) {
      store.init(this.context);
      if (!this.context.registrations.has(store.name)) {
        throw new StateStoreError(`state store '${store.name}' did not register with its context in init()`);
      }
    }
  }

  /** The changelog offset the store's local data reflects (persistent stores), else undefined. */
  checkpointedOffset(storeName: string): number | undefined {
    return this.registration(storeName).checkpointedOffset();
  }

  restoreBatch(storeName: string, records: readonly ChangelogRecord[]): void {
    this.registration(storeName).restoreBatch(records);
  }

  wipe(storeName: string): void {
    this.registration(storeName).wipe();
  }

  /** Step 2: caches forward and write down; change-logging sends. Runs processors (the caches' listeners). */
  flush(): void {
    for (const store of this.stores) store.flush();
  }

  /** The open stores by name. */
  get all(): readonly StateStore[] {
    return this.stores;
  }

  /** Step 6: every store makes its writes durable with the offset of its last acknowledged changelog record. */
  commit(): void {
    for (const store of this.stores) {
      const source = this.changelogs.find((c) => c.storeName === store.name && c.isSource);
      const changelog = this.context.changelogTopic(store.name);
      const offset = source
        ? this.consumedOffsetOf(source.topic, source.partition)
        : changelog === undefined
          ? undefined
          : this.collector.writtenOffset(changelog, this.context.partition);
      this.registration(store.name).commit(offset);
    }
  }

  close(): void {
    for (const store of this.stores) {
      try {
        if (store.isOpen()) store.close();
      } catch (e) {
        this.task.logger.warn({ err: e, store: store.name }, 'a state store threw in close()');
      }
    }
    this.task.stores.clear();
  }

  private registration(storeName: string) {
    const r = this.context.registrations.get(storeName);
    if (!r) throw new StateStoreError(`task ${this.task.taskId} has no state store '${storeName}'`);
    return r;
  }
}
