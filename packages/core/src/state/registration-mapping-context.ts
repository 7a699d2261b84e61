// A StateStoreContext that passes everything through, except that the store registration of the layer below is
// adapted on its way up: how a layer changes what restoring writes (timestamps put in front of values, window
// keys put in their time segment) without the backend knowing.
import type { StateStoreContext, StoreRegistration } from './state-store-context.js';

export class RegistrationMappingContext implements StateStoreContext {
  constructor(
    private readonly context: StateStoreContext,
    private readonly mapRegistration: (registration: StoreRegistration) => StoreRegistration,
  ) {}

  get applicationId() {
    return this.context.applicationId;
  }
  get taskId() {
    return this.context.taskId;
  }
  get partition() {
    return this.context.partition;
  }
  get stateDir() {
    return this.context.stateDir;
  }
  get logger() {
    return this.context.logger;
  }
  get cacheMaxBytes() {
    return this.context.cacheMaxBytes;
  }
  get defaultKeySerde() {
    return this.context.defaultKeySerde;
  }
  get defaultValueSerde() {
    return this.context.defaultValueSerde;
  }

  currentTimestamp(): number {
    return this.context.currentTimestamp();
  }

  register(storeName: string, registration: StoreRegistration): void {
    this.context.register(storeName, this.mapRegistration(registration));
  }

  changelogTopic(storeName: string): string | undefined {
    return this.context.changelogTopic(storeName);
  }

  logChange(storeName: string, key: Uint8Array, value: Uint8Array | null, timestamp: number): void {
    this.context.logChange(storeName, key, value, timestamp);
  }

  requestCommit(): void {
    this.context.requestCommit();
  }
}
