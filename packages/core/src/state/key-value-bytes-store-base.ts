// What every bytes store derives from its own `get` and `put`: `putIfAbsent`, `putAll` and `delete`. The
// in-memory and LMDB backends and the caching layer share them; change-logging overrides them to log only the
// writes that happen.
import type { KeyValue } from '../record/key-value.js';

export abstract class KeyValueBytesStoreBase {
  abstract get(key: Uint8Array): Uint8Array | undefined;
  abstract put(key: Uint8Array, value: Uint8Array | null): void;

  putIfAbsent(key: Uint8Array, value: Uint8Array): Uint8Array | undefined {
    const existing = this.get(key);
    if (existing === undefined) this.put(key, value);
    return existing;
  }

  putAll(entries: Iterable<KeyValue<Uint8Array, Uint8Array | null>>): void {
    for (const [key, value] of entries) this.put(key, value);
  }

  delete(key: Uint8Array): Uint8Array | undefined {
    const old = this.get(key);
    if (old !== undefined) this.put(key, null);
    return old;
  }
}
