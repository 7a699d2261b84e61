// The error classes users can catch. Each names where it happened when that is known.

/** Where in the data an error happened: the task, and the record's topic, partition and offset. */
export interface RecordLocation {
  readonly taskId?: string;
  readonly topic?: string;
  readonly partition?: number;
  readonly offset?: number;
  readonly processorName?: string;
}

export function describeLocation(loc: RecordLocation): string {
  const parts: string[] = [];
  if (loc.taskId !== undefined) parts.push(`task ${loc.taskId}`);
  if (loc.topic !== undefined) parts.push(`topic ${loc.topic}`);
  if (loc.partition !== undefined) parts.push(`partition ${loc.partition}`);
  if (loc.offset !== undefined) parts.push(`offset ${loc.offset}`);
  if (loc.processorName !== undefined) parts.push(`processor ${loc.processorName}`);
  return parts.join(', ');
}

/** The base class of every error kstreams throws on purpose. */
export class KStreamsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bytes could not be turned into a value, or a value into bytes. */
export class SerializationError extends KStreamsError {}

/** The topology is not valid (unknown names, duplicates, missing serdes, co-partitioning violations). */
export class TopologyError extends KStreamsError {}

/** A configuration value is missing or invalid. */
export class ConfigError extends KStreamsError {}

/** A record could not be processed; carries the record's location. */
export class StreamsProcessingError extends KStreamsError {
  constructor(
    message: string,
    readonly location: RecordLocation,
    options?: { cause?: unknown },
  ) {
    super(`${message} (${describeLocation(location)})`, options);
  }
}

/** The task's producer was fenced by a newer owner of its transactional.id: the task is a zombie. */
export class TaskMigratedError extends KStreamsError {
  constructor(
    readonly taskId: string,
    options?: { cause?: unknown },
  ) {
    super(`task ${taskId} was fenced by a newer instance (it migrated); closing it without committing`, options);
  }
}

/** A state store operation failed, or a store was used wrongly (e.g. after close). */
export class StateStoreError extends KStreamsError {}

/** The instance is not in a state that allows the call (e.g. start() twice). */
export class IllegalStateError extends KStreamsError {}
