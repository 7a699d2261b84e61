// Generated names in Kafka Streams' style: `<PREFIX>-<10-digit index>`, one counter per builder. Only generated
// names use the counter, so a name given with `{ name }` does not shift the generated ones after it.

export class NameGenerator {
  private index = 0;

  next(prefix: string): string {
    return `${prefix}-${String(this.index++).padStart(10, '0')}`;
  }

  /** The given name, or a generated one. */
  orGenerate(given: string | undefined, prefix: string): string {
    return given ?? this.next(prefix);
  }
}
