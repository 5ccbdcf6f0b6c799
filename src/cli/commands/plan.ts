import { planHandout, validateVisit } from '../../handout.js';
import { planToJson, type PlanJson } from '../../text/plan-json.js';
import { createContext } from '../context.js';
import { flagName, visitFromFlags, type VisitFlags } from '../visit-flags.js';

/** `handout plan`: the resolved, dated plan as JSON; no PDF. */
export function plan(flags: VisitFlags, warn: (m: string) => void): PlanJson {
  const ctx = createContext(flags.config, warn);
  const visit = validateVisit(ctx.resources, visitFromFlags(flags), { now: ctx.now, fieldName: flagName });
  const { plan: p, text } = planHandout(ctx.resources, visit, ctx.now);
  return planToJson(p, text);
}
