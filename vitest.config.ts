import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

// Two projects: `unit` needs no broker; `integration` gets one from test/harness/global-setup.ts.
// CI sets KSTREAMS_TEST_REPORT so each run also writes a JSON report (.ci/summarize.mjs totals them).
const report = process.env.KSTREAMS_TEST_REPORT;

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@kstreams\/core$/, replacement: src('core') },
      { find: /^@kstreams\/core\/internal$/, replacement: fileURLToPath(new URL('./packages/core/src/internal.ts', import.meta.url)) },
      { find: /^@kstreams\/test-utils$/, replacement: src('test-utils') },
      { find: /^@kstreams\/avro$/, replacement: src('avro') },
    ],
  },
  test: {
    pool: 'forks',
    reporters: report ? ['default', ['json', { outputFile: report }]] : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['packages/*/test/**/*.test.ts', 'examples/*/test/**/*.unit.test.ts', 'tools/**/test/*.test.ts'],
          typecheck: { enabled: true, include: ['packages/*/test/**/*.test-d.ts'], tsconfig: './tsconfig.test.json' },
        },
      },
      {
        extends: true,
        test: {
          // Needs Java 17+ and Maven (no broker): the same specs through Java Kafka Streams' driver and ours.
          name: 'differential',
          include: ['test/differential/**/*.test.ts'],
          hookTimeout: 600_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'examples/*/test/**/*.it.test.ts'],
          globalSetup: ['./test/harness/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Integration files share one broker and two cores; run two files at a time at most.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
