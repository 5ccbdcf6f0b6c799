/** A one-line progress bar for a terminal: "[██████░░░░░░]  48%  480/1000 rows". */
export function progressLine(done: number, total: number | undefined, width = 28): string {
  if (total === undefined || total === 0) return `${done} rows`;
  const ratio = Math.min(done / total, 1);
  const full = Math.round(ratio * width);
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${String(Math.floor(ratio * 100)).padStart(3)}%  ${done}/${total} rows`;
}

/**
 * Redraw the bar in place, at most every `intervalMs`, through `write` (the CLI's stderr; only
 * given when stderr is a terminal). `clear()` wipes it before the report is printed.
 */
export function progressBar(write: (s: string) => void, intervalMs = 100): { update(done: number, total?: number): void; clear(): void } {
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < intervalMs && done !== total) return;
      last = now;
      shown = true;
      write(`\r\x1b[2K${progressLine(done, total)}`);
    },
    clear() {
      if (shown) write('\r\x1b[2K');
    },
  };
}
