import { rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { madeTempDirs } from '../helpers/cli.js';
import { openServers } from '../helpers/server.js';

// Each test file's temporary folders go once it is done (a day of test runs filled /tmp with
// thousands); HANDOUT_KEEP_TEST_FILES=1 keeps them for a look. Registered before the file's own
// hooks, so it runs after them (servers closed, files written).
afterAll(async () => {
  // Servers the file left open: their render threads, and their uploads' folder (patient names).
  await Promise.allSettled([...openServers].map((s) => s.close()));
  if (process.env.HANDOUT_KEEP_TEST_FILES) return;
  for (const dir of madeTempDirs.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // A folder still in use (a mount a test could not undo) is left for the system to clean.
    }
  }
});
