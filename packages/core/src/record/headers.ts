// Record headers: an ordered list of (key, value) pairs where a key may repeat, as in Kafka.

export interface Header {
  readonly key: string;
  readonly value: Uint8Array | null;
}

const encoder = new TextEncoder();

export class Headers implements Iterable<Header> {
  private readonly list: Header[];

  constructor(headers: Iterable<Header> = []) {
    this.list = [...headers];
  }

  /** Appends a header; a string value is stored as UTF-8. Returns `this` for chaining. */
  add(key: string, value: Uint8Array | string | null): this {
    this.list.push({ key, value: typeof value === 'string' ? encoder.encode(value) : value });
    return this;
  }

  /** Removes every header with this key. */
  remove(key: string): this {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i]!.key === key) this.list.splice(i, 1);
    return this;
  }

  /** The last header with this key (Kafka's `lastHeader`), or undefined. */
  lastHeader(key: string): Header | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i]!.key === key) return this.list[i];
    return undefined;
  }

  /** The last value with this key decoded as UTF-8, or undefined. */
  lastString(key: string): string | undefined {
    const h = this.lastHeader(key);
    return h?.value ? new TextDecoder().decode(h.value) : undefined;
  }

  headers(key: string): Header[] {
    return this.list.filter((h) => h.key === key);
  }

  get size(): number {
    return this.list.length;
  }

  toArray(): Header[] {
    return [...this.list];
  }

  clone(): Headers {
    return new Headers(this.list);
  }

  [Symbol.iterator](): Iterator<Header> {
    return this.list[Symbol.iterator]();
  }
}
