import type { DateTime } from 'luxon';
import type { Resources } from '../resources.js';
import type { BatchJobs } from './batch-jobs.js';
import type { Passcode } from './passcode.js';
import type { Sessions } from './sessions.js';
import type { Serial } from './serial.js';
import type { SheetRenderer } from './sheet-renderer.js';

/** Everything a route needs, made once when the server starts. */
export interface ServerContext {
  /** The process's one Resources: fonts, rules, templates and the clinic, loaded at start; replaced (never changed) by `reload()`. */
  resources: Resources;
  /** Load the clinic config again (after the mapping step saved it) into a new Resources, checked, and make it `resources`. */
  reload(): Promise<void>;
  /** True when no clinic config was given: every page says so. */
  isExample: boolean;
  /** Absolute output folder, as the CLI's --out: sheets, day folders, outbox, delivery log. */
  outDir: string;
  /** Staff passcode, or undefined (only on 127.0.0.1). */
  passcode: Passcode | undefined;
  sessions: Sessions;
  /** Host names (no port) this server answers to: anything else is a DNS-rebinding attempt. */
  hosts: ReadonlySet<string>;
  /** Request body cap in bytes. */
  maxBodyBytes: number;
  /** The clock: "now" for a visit without a date and "prepared" on the sheet. */
  clock(): DateTime;
  /** Where the request log goes (method, path, status, time; never patient data). */
  log(line: string): void;
  /** The environment (HANDOUT_SMTP_URL). */
  env: NodeJS.ProcessEnv;
  batches: BatchJobs;
  /** Everything that opens the delivery log runs through here, one at a time (the log's lock is per process). */
  deliveries: Serial;
  /** How long an email waits for another command's lock on the delivery log (default 30 s). */
  lockWaitMs?: number;
  /** Makes the sheets of the visit routes (in worker threads when the server runs for real). */
  renderer: SheetRenderer;
  /** Worker threads per batch (default: the number of cores). */
  jobs?: number;
  /** Work in flight (requests and batch/email jobs): shutdown waits for it. */
  track<T>(work: Promise<T>): Promise<T>;
}
