// Builds the processor nodes of one task from a sub-topology's definitions: a fresh processor instance per
// node, sinks and sources wired to the task's collector and serdes.
import { ConfigError } from '../../errors.js';
import { passThroughOperator } from '../../processor/operators/pass-through.js';
import type { Serde } from '../../serde/serde.js';
import { Serdes } from '../../serde/serdes.js';
import type { SinkDefinition, SourceDefinition, Subtopology } from '../../topology/node-definitions.js';
import type { BuiltTopology } from '../../topology/built-topology.js';
import { ProcessorNode } from './processor-node.js';
import type { RecordCollector } from './record-collector.js';
import type { RecordDeserializer } from './record-queue.js';
import { sinkProcessor } from './sink-processor.js';
import { sourceDeserializer } from './source-deserializer.js';
import type { TaskSettings } from './task-settings.js';
import type { TaskState } from './task-state.js';

export interface TaskSource {
  readonly node: ProcessorNode;
  readonly definition: SourceDefinition;
  /** Resolved topic names (internal topics prefixed). */
  readonly topics: readonly string[];
  readonly deserializer: RecordDeserializer;
}

export interface InstantiatedSubtopology {
  /** In definition order: sources first. */
  readonly nodes: readonly ProcessorNode[];
  readonly sources: readonly TaskSource[];
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export function instantiateSubtopology(
  topology: BuiltTopology,
  subtopology: Subtopology,
  task: TaskState,
  collector: RecordCollector,
  settings: TaskSettings,
): InstantiatedSubtopology {
  const nodes = new Map<string, ProcessorNode>();
  const sources: TaskSource[] = [];
  const resolve = (t: string) => topology.resolveTopic(t, settings.applicationId);

  for (const def of subtopology.nodes) {
    switch (def.kind) {
      case 'source': {
        const node = new ProcessorNode(def.name, passThroughOperator()(), task, []);
        nodes.set(def.name, node);
        sources.push({
          node,
          definition: def,
          topics: def.topics.map(resolve),
          deserializer: sourceDeserializer({
            sourceName: def.name,
            keySerde: serdeOf(def, 'key', settings),
            valueSerde: serdeOf(def, 'value', settings),
            timestampExtractor: def.timestampExtractor ?? settings.defaultTimestampExtractor,
            handler: settings.deserializationExceptionHandler,
            collector,
            task,
          }),
        });
        break;
      }
      case 'processor':
        nodes.set(def.name, new ProcessorNode(def.name, def.supplier(), task, def.stores));
        break;
      case 'sink': {
        const processor = sinkProcessor({
          name: def.name,
          topic: typeof def.topic === 'string' ? resolve(def.topic) : def.topic,
          keySerde: serdeOf(def, 'key', settings),
          valueSerde: serdeOf(def, 'value', settings),
          partitioner: def.partitioner,
          collector,
          handler: settings.productionExceptionHandler,
          task,
        });
        nodes.set(def.name, new ProcessorNode(def.name, processor, task, []));
        break;
      }
    }
  }
  for (const def of subtopology.nodes) {
    if (def.kind === 'sink') continue;
    const parent = nodes.get(def.name)!;
    for (const child of def.children) parent.addChild(nodes.get(child)!);
  }
  return { nodes: [...nodes.values()], sources };
}

function serdeOf(def: SourceDefinition | SinkDefinition, which: 'key' | 'value', settings: TaskSettings): Serde<any> {
  const nullableDefault = def.kind === 'source' && def.nullableValues === true && settings.defaultValueSerde !== undefined;
  const defaultValue = nullableDefault ? Serdes.nullable(settings.defaultValueSerde!) : settings.defaultValueSerde;
  const serde = which === 'key' ? (def.keySerde ?? settings.defaultKeySerde) : (def.valueSerde ?? defaultValue);
  if (serde) return which === 'value' && def.wrapValueSerde ? def.wrapValueSerde(serde) : serde;
  const where =
    def.kind === 'source'
      ? `source '${def.name}' (topics: [${def.topics.join(', ')}])`
      : `sink '${def.name}' (topic: ${typeof def.topic === 'string' ? def.topic : 'chosen per record'})`;
  const setting = which === 'key' ? 'defaultKeySerde' : 'defaultValueSerde';
  throw new ConfigError(`${where} has no ${which} serde: pass ${which}Serde in its options or set ${setting} in the config`);
}
