#!/usr/bin/env node
// Placeholder for root scripts whose issue has not landed yet. Exits 0 and says so plainly.
const [what, why] = process.argv.slice(2);
process.stdout.write(`npm run ${what}: not yet (${why}).\n`);
