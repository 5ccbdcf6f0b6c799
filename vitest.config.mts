import { accessSync, constants, mkdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * The tests' temporary folders on a RAM disk where the machine has one (/dev/shm on Linux): the
 * atomic writes and the delivery log fsync every sheet and every line, which costs milliseconds
 * each on a real disk and nothing a test checks (no test pulls the power). TMPDIR set by hand wins.
 */
function ramTempDir(): Record<string, string> {
  if (process.env.TMPDIR) return {};
  try {
    const dir = `/dev/shm/handout-tests-${process.getuid?.() ?? 'user'}`;
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return { TMPDIR: dir };
  } catch {
    return {};
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/remove-temp-dirs.ts'],
    env: ramTempDir(),
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores on our machines and CI: more forks only contend.
    maxWorkers: 2,
    // Test files share each worker's loaded modules instead of importing the whole pipeline again
    // for every file (import time 39 s -> 11 s on this machine). Tests restore what they change
    // (runCli puts back the folder and the environment); state the code keeps lives in Resources.
    isolate: false,
  },
});
