// Helpers of the kafkajs investigation tests (test/integration/kafkajs-findings/*.test.ts).

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Prints a measured fact as a `[finding]` line (docs/kafkajs-findings.md quotes them). */
export function finding(what: string, data: unknown): void {
  console.log(`[finding] ${what}: ${JSON.stringify(data)}`);
}

/**
 * Waits until `condition` holds; throws naming `what` after `timeoutMs`, and what `seen` describes (the state
 * the condition looked at) when given.
 */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000, seen?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen ? `; seen: ${seen()}` : ''}`);
    await sleep(20);
  }
}

export interface ErrorShape {
  name?: string;
  type?: string;
  retriable?: boolean;
  code?: number;
  message?: string;
}

/** The fields of a kafkajs error the tests compare. */
export const shape = (e: unknown): ErrorShape => {
  const x = e as ErrorShape;
  return { name: x.name, type: x.type, retriable: x.retriable, code: x.code };
};
