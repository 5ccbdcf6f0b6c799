import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/remove-temp-dirs.ts'],
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
