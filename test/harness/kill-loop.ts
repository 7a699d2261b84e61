// The system tests' chaos loop: run a child app, SIGKILL it at a random moment while it works, restart it,
// `kills` times; the last run finishes the work and stops cleanly (SIGTERM, exit code 0).
import { expect } from 'vitest';
import { startChildApp, type ChildApp } from './child-app.js';
import { until } from './sequences.js';

export interface KillLoopOptions {
  readonly app: string;
  readonly env: Record<string, string>;
  readonly kills: number;
  /** Resolves when all input was written. */
  readonly feeding: Promise<void>;
  /** True when the output is complete. */
  readonly finished: () => boolean;
  /** Called when a run reached RUNNING (e.g. to look at what it reported). */
  readonly onRunning?: (app: ChildApp, run: number) => void;
  /** Called after a killed run exited. */
  readonly afterKill?: (run: number) => void;
}

export async function runWithKills(o: KillLoopOptions): Promise<void> {
  for (let run = 0; run <= o.kills; run++) {
    const app = startChildApp(o.app, { ...o.env, INSTANCE: `run${run}` });
    await app.waitFor('RUNNING', 90_000);
    o.onRunning?.(app, run);
    if (run < o.kills) {
      // Part of the scenario, not a wait for a result: the kill lands at a random moment 1-3 s into the run,
      // while it processes the continuous feed with transactions open.
      await new Promise((r) => setTimeout(r, 1000 + Math.floor(Math.random() * 2000)));
      app.kill('SIGKILL');
      await app.exited;
      o.afterKill?.(run);
    } else {
      await o.feeding;
      await until(o.finished, 240_000);
      app.kill('SIGTERM');
      expect(await app.exited).toBe(0);
    }
  }
}
