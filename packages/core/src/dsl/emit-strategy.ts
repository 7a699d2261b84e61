// EmitStrategy (Kafka Streams' EmitStrategy, KIP-825): when a windowed aggregation forwards its results.
// - onWindowUpdate (the default): every update of a window, at once.
// - onWindowClose: one final result per window, once stream time passes its end plus the grace period (for
//   sessions plus the gap too); nothing before. See docs/windows.md, "Emit strategies".

export interface EmitStrategy {
  readonly type: 'on-window-update' | 'on-window-close';
}

const ON_WINDOW_UPDATE: EmitStrategy = Object.freeze({ type: 'on-window-update' });
const ON_WINDOW_CLOSE: EmitStrategy = Object.freeze({ type: 'on-window-close' });

export const EmitStrategy = Object.freeze({
  /** Forward every update of a window (the default). */
  onWindowUpdate(): EmitStrategy {
    return ON_WINDOW_UPDATE;
  },
  /** Forward one final result per window, when it closes. */
  onWindowClose(): EmitStrategy {
    return ON_WINDOW_CLOSE;
  },
});
