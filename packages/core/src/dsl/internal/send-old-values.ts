// Kafka Streams' `enableSendingOldValues`: a table operator forwards old values only when something downstream
// needs them (a groupBy's subtraction, a join that must retract a result). Asking a table that computes its
// values from its parent (filter, mapValues, a non-materialized join) asks the parent too; a table with its own
// store reads old values there and asks no one. Operators read the flag when a task creates them, after
// `build()`, so it must be settled by then: asking happens while the DSL is being declared.
export class SendOldValues {
  private on = false;

  /**
   * `upstream`: the flags of the tables this one computes its old values from (none when it has a store).
   * `stored`: whether a table with no upstream keeps a store Kafka Streams would keep too, so its old values
   * cost nothing: false for a source table whose store name was generated (Kafka Streams materializes it only
   * when something needs it).
   */
  constructor(
    private readonly upstream: readonly SendOldValues[] = [],
    private readonly stored = true,
  ) {}

  get enabled(): boolean {
    return this.on;
  }

  /** A reader for operators: `() => flag.enabled`, evaluated when the task creates the processor. */
  readonly reader = (): boolean => this.on;

  /**
   * Kafka Streams' `enableSendingOldValues(false)`: turns old values on where they need no extra store, and says
   * whether they are on. A table filter asks this way, to spare tombstones for rows that never passed.
   */
  enableWithoutMaterializing(): boolean {
    if (this.upstream.length === 0) {
      if (this.stored) this.on = true;
      return this.on;
    }
    if (this.upstream.every((u) => u.enableWithoutMaterializing())) this.on = true;
    return this.on;
  }

  enable(): void {
    if (this.on) return;
    this.on = true;
    for (const u of this.upstream) u.enable();
  }
}
