// The library API, for scripts (benchmarks) and anyone embedding the pipeline.
export { validateVisit, planHandout, makeHandout, type Handout, type MakeOptions } from './handout.js';
export { Resources } from './resources.js';
export { HandoutError, HandoutErrors } from './errors.js';
export { planToJson } from './text/plan-json.js';
export { plain } from './load/handlebars.js';
// For the tests: the templates the build precompiled into this bundle, and the one way texts are compiled.
export { compileText, markBold } from './load/handlebars.js';
export { PRECOMPILED } from './load/precompiled-templates.js';
export { EXAMPLE_CLINIC, ROOT } from './paths.js';
export { areaAndConcernChoices, type Choice } from './choices.js';
// For scripts/build.mjs: the fonts' base glyphs, worked out once at build time.
export { FontSet } from './pdf/fonts.js';
export { fontBasesJson, FONT_BASES_FILE } from './pdf/font-bases.js';
export { visitCalendar, ICS_TYPE, type VisitCalendar } from './calendar/visit-calendar.js';
