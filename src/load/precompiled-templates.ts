/** A template compiled by `npm run build`: the fields it reads (null: it may read anything) and Handlebars' precompiled template. */
export interface PrecompiledText {
  reads: readonly string[] | null;
  spec: TemplateSpecification;
}

/**
 * The bundled templates (templates/ and the rules' texts), precompiled at build time and found by
 * their source (with bold markers, see compileText). Empty here: `npm run build` puts the
 * precompiled ones in this module's place in each bundle (scripts/precompile-templates.mjs), so the
 * built command renders them with Handlebars' runtime alone. Run from src/ (the tests), or for a
 * text the bundle does not hold (a clinic's own), every template is compiled when it loads.
 */
export const PRECOMPILED: ReadonlyMap<string, PrecompiledText> = new Map();
