// The library API, for scripts (benchmarks) and anyone embedding the pipeline.
export { Resources, validateVisit, planHandout, makeHandout, type Handout, type MakeOptions } from './handout.js';
export { HandoutError, HandoutErrors } from './errors.js';
export { planToJson } from './text/plan-json.js';
export { plain } from './text/handlebars.js';
export { EXAMPLE_CLINIC, ROOT } from './paths.js';
