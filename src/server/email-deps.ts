import type { ServerContext } from './context.js';
import type { EmailDeps } from './email-jobs.js';

export const emailDeps = (ctx: ServerContext): EmailDeps => ({ resources: ctx.resources, outDir: ctx.outDir, env: ctx.env, deliveries: ctx.deliveries, ...(ctx.lockWaitMs !== undefined && { lockWaitMs: ctx.lockWaitMs }) });
