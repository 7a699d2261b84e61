// Runs a test app (test/apps/*.ts) in a child process through tsx, with the workspace packages from source.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildApp {
  readonly process: ChildProcess;
  /** Every state the app reported, in order. */
  readonly states: string[];
  /** Every JSON line the app printed on stdout (states and other reports), in order. */
  readonly messages: Array<Record<string, unknown>>;
  /** Resolves when the app reports `state` (counting from now or from the start with `sinceStart`). */
  waitFor(state: string, timeoutMs?: number): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<number | null>;
  /** The last 20,000 characters the app wrote to stderr (its logs). */
  stderr(): string;
}

export function startChildApp(app: string, env: Record<string, string>): ChildApp {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', `test/apps/${app}.ts`], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const states: string[] = [];
  const messages: Array<Record<string, unknown>> = [];
  const waiters: Array<{ state: string; resolve: () => void }> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const message = JSON.parse(line) as Record<string, unknown>;
      messages.push(message);
      if (typeof message.state !== 'string') return;
      const state = message.state;
      states.push(state);
      for (const w of waiters.filter((x) => x.state === state)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    } catch {
      // not a state line
    }
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-20_000);
    if (process.env.KSTREAMS_CHILD_LOGS === '1') process.stderr.write(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    process: child,
    states,
    messages,
    exited,
    waitFor(state, timeoutMs = 60_000) {
      return new Promise<void>((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error(`app did not reach ${state} in ${timeoutMs} ms (states: ${states.join(' → ')}); stderr:\n${stderr.slice(-3000)}`)),
          timeoutMs,
        );
        waiters.push({
          state,
          resolve: () => {
            clearTimeout(t);
            resolve();
          },
        });
        void exited.then((code) => {
          clearTimeout(t);
          reject(new Error(`app exited (${code}) before ${state}; stderr:\n${stderr.slice(-3000)}`));
        });
      });
    },
    kill(signal) {
      child.kill(signal);
    },
    stderr: () => stderr,
  };
}
