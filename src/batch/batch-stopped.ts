import { HandoutError } from '../errors.js';

/**
 * A problem that stops a whole batch: the appointments file is missing, unreadable, not a CSV or
 * JSON file, or has no usable columns, or the sheets cannot be written. Sheets already made are
 * kept; the CLI maps it to its own exit code (README, "Exit codes").
 */
export class BatchStopped extends HandoutError {}
