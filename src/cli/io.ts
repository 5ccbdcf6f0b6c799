import type { Worker } from 'node:worker_threads';

/**
 * What a command needs from the process it runs in: where to print, whether a person watches
 * stderr (for a progress bar), and the batch workers bin/handout.js started early. Passed in, so
 * tests run the commands in-process and read what they printed.
 */
export interface CliIO {
  /** A line of output (stdout). */
  out(text: string): void;
  /** A line of messages (stderr). */
  err(text: string): void;
  /** Raw writes for a progress bar; only when a person watches stderr (a terminal). */
  progress?: (text: string) => void;
  /** Batch worker threads bin/handout.js started while the CLI loaded (see src/batch/start-workers.ts). */
  batchWorkers?: Worker[];
}

/** What a command's action may say back to main besides printing: its exit code, and whether the batch stopped. */
export interface CommandOutcome {
  exitCode?: number;
  batchStopped?: boolean;
}

/** Shared by every command's registration: the IO, whether --json was given, and where to put the outcome. */
export interface CommandContext {
  io: CliIO;
  json: boolean;
  outcome: CommandOutcome;
}
