import { describe, expect, it } from 'vitest';
import { RenderPool } from '../../src/batch/render-pool.js';
import { visitData } from '../../src/batch/render-row.js';
import { validateVisit } from '../../src/handout.js';
import { startBatchWorkers } from '../../src/batch/start-workers.js';
import { EXAMPLE_CONFIG } from '../helpers/cli.js';
import { NOW, resources } from '../helpers/resources.js';

const job = () => ({ visit: visitData(validateVisit(resources, { name: 'Maya Reyes', treatment: 'standard', date: '2026-11-23T10:00' }, { now: NOW })), names: {} });

describe('the render pool', () => {
  it('renders with workers started before it (as the CLI starts them) and with its own', async () => {
    const pool = new RenderPool(2, { config: EXAMPLE_CONFIG, now: NOW.toISO()! }, startBatchWorkers(1));
    try {
      const outcomes = await Promise.all([pool.submit(job()), pool.submit(job()), pool.submit(job())]);
      for (const o of outcomes) {
        expect(o.status).toBe('rendered');
        if (o.status === 'rendered') expect(Buffer.from(o.pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      }
    } finally {
      await pool.close();
    }
  });

  it('reports a worker that stopped while it waited for its first row, instead of waiting for it forever', async () => {
    const [worker] = startBatchWorkers(1);
    await new Promise((resolve) => {
      worker!.once('exit', resolve);
      void worker!.terminate();
    });
    const pool = new RenderPool(1, { config: EXAMPLE_CONFIG, now: NOW.toISO()! }, [worker!]);
    try {
      await expect(pool.submit(job())).rejects.toThrow('a batch worker stopped');
    } finally {
      await pool.close();
    }
  });
});
