// Generated names in Kafka Streams' style: `<PREFIX>-<10-digit index>`, one counter per builder. A name given
// with `{ name }` usually does not use the counter, so it does not shift the generated ones after it; where Kafka
// Streams takes the number anyway (NamedInternal.suffixWithOrElseGet), `takingNumber` does the same.

export class NameGenerator {
  private index = 0;

  next(prefix: string): string {
    return `${prefix}-${String(this.index++).padStart(10, '0')}`;
  }

  /** The given name, or a generated one. */
  orGenerate(given: string | undefined, prefix: string): string {
    return given ?? this.next(prefix);
  }

  /** The given name, or a generated one; the number is taken either way (Kafka Streams' suffixWithOrElseGet). */
  takingNumber(given: string | undefined, prefix: string): string {
    const generated = this.next(prefix);
    return given ?? generated;
  }
}
