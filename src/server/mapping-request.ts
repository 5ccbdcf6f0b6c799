import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { inspectExport, type ExportInspection } from '../batch/inspect-export.js';
import { mappingGaps, pasteBlock, startingChoice, type FullChoice, type MappingGap } from '../batch/mapping-gaps.js';
import { applyEdits, mappingEdits, writtenMapping } from '../batch/merge-mapping.js';
import { missingFields, matchColumns } from '../batch/normalize-headers.js';
import { configFormat } from '../batch/save-mapping.js';
import type { ReadingSettings } from '../batch/service-status.js';
import { HandoutError, HandoutErrors, isHandoutError, quote } from '../errors.js';
import { EXAMPLE_CLINIC } from '../paths.js';
import { COLUMN_FIELDS } from '../schema/clinic.js';
import { MappingChoice } from '../schema/mapping-choice.js';
import { issuesToErrors } from '../schema/zod-errors.js';
import { renamed } from './batch-jobs.js';
import type { ServerContext } from './context.js';
import type { Upload } from './uploads.js';

/** The clinic's reading settings alone (what a mapping changes). */
export function readingOf(c: ReadingSettings): ReadingSettings {
  return {
    dateOrder: c.dateOrder,
    ...(c.columns && { columns: c.columns }),
    ...(c.services && { services: c.services }),
    ...(c.statuses && { statuses: c.statuses }),
    ...(c.skipStatuses && { skipStatuses: c.skipStatuses }),
  };
}

/**
 * A request body -> a mapping choice, checked with its schema: every bad entry named by its JSON
 * key (`services.Botox - Forehead`), with the value sent. An empty body is no choice.
 */
export function choiceFromBody(body: unknown): MappingChoice {
  if (body === undefined) return {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HandoutError('E_INPUT', `the body must be a JSON object (got ${Array.isArray(body) ? 'a list' : quote(body)})`, {
      hint: 'Send {"columns": {"<header>": "<field>" or null}, "services": {"<service>": "standard" | "aggressive" | "skip"}, "statuses": {"<status>": "made" | "skip"}, "dateOrder": "MDY" | "DMY"}, each part optional.',
    });
  }
  const keys = Object.keys(MappingChoice.shape);
  const unknown = Object.keys(body).filter((k) => !keys.includes(k));
  const known = Object.fromEntries(Object.entries(body).filter(([k]) => keys.includes(k)));
  const errors = unknown.map((k) => new HandoutError('E_INPUT', `${k}: is not a part of a mapping`, { path: k, hint: `Use only: ${keys.join(', ')}.` }));
  const parsed = MappingChoice.safeParse(known);
  if (!parsed.success) errors.push(...issuesToErrors('E_INPUT', parsed.error.issues, known));
  if (errors.length) throw new HandoutErrors(errors);
  return parsed.data!;
}

/** Each entry's value by its JSON key (`columns.Customer`), for error answers. */
export function choiceValues(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {};
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    Object.defineProperty(values, key, { value, enumerable: true });
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) Object.defineProperty(values, `${key}.${k}`, { value: v, enumerable: true });
    }
  }
  return values;
}

/** The clinic's reading settings with a choice made (what the batch reads with); throws naming what cannot be so. */
export function readingWith(ctx: ServerContext, choice: MappingChoice): ReadingSettings {
  const reading = readingOf(ctx.resources.clinic.clinic);
  return applyEdits(reading, mappingEdits(reading, choice));
}

/** Needed fields the choice's columns leave without a column: the batch would stop at once. */
export function missingColumns(choice: MappingChoice, reading: ReadingSettings): HandoutError | undefined {
  if (!choice.columns) return undefined;
  const missing = missingFields(matchColumns(Object.keys(choice.columns), reading.columns ?? {}));
  if (!missing.length) return undefined;
  return new HandoutError('E_INPUT', `columns: no column is chosen for the ${missing.join(', nor the ')}`, {
    path: 'columns',
    hint: `Choose the column that has ${missing.length === 1 ? 'it' : 'each'}: a sheet needs the patient's name, the treatment (or the service) and the date.`,
  });
}

/** Whether the mapping step can save to the server's clinic config, and if not, why (in the page's words). */
export function saveTarget(ctx: ServerContext): { file: string | null; format: 'json' | 'yaml'; canSave: boolean; reason?: string } {
  const path = ctx.resources.paths.config;
  const format = configFormat(path);
  const real = (() => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  })();
  if (ctx.isExample || real === realpathOr(EXAMPLE_CLINIC)) {
    return {
      file: null,
      format,
      canSave: false,
      reason: ctx.isExample
        ? 'This server runs with the example clinic (it was started without a clinic config), so there is no clinic settings file to save to. The mapping can be saved once the server runs with the clinic\'s own config: `handout serve --config <file>`. Until then, paste the settings below into that file.'
        : 'This server runs with the example clinic\'s config, which comes with the program (an update replaces it), so nothing is saved to it. Copy it, start the server with the copy (`handout serve --config <file>`), and the mapping can be saved there; or paste the settings below into the copy.',
    };
  }
  const readOnly = `The clinic config ${real} is read-only, so the mapping cannot be saved to it from here. Make the file and its folder writable for the account that runs \`handout serve\`, or paste the settings below into it by hand.`;
  try {
    if ((statSync(real).mode & 0o222) === 0) return { file: real, format, canSave: false, reason: readOnly };
    accessSync(real, constants.W_OK);
    accessSync(dirname(real), constants.W_OK);
  } catch {
    return { file: real, format, canSave: false, reason: readOnly };
  }
  return { file: real, format, canSave: true };
}

const realpathOr = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
};

/** What POST /api/batches/inspect answers: `handout columns --json`, plus what the page needs for the mapping step. */
export interface InspectAnswer extends ExportInspection {
  upload: string;
  fileName: string;
  /** The clinic's settings (with the choice sent, if any) leave something about this export unsaid: the page shows the mapping step. */
  needsMapping: boolean;
  gaps: MappingGap[];
  /** What the page preselects: the choice sent, else the settings, else a guess. */
  choice: FullChoice;
  /** The clinic config's keys that this choice changes, to paste into it (in its format); empty when it already says it all. */
  block: string;
  settings: ReturnType<typeof saveTarget>;
  fields: readonly string[];
}

/**
 * Look at an upload as the batch would read it with the clinic's settings, and with the choice
 * given: what each part becomes, what the settings leave unsaid, and a starting choice.
 */
export async function inspectUpload(ctx: ServerContext, upload: Upload, given?: MappingChoice): Promise<InspectAnswer> {
  const reading = given ? readingWith(ctx, given) : readingOf(ctx.resources.clinic.clinic);
  let found: ExportInspection;
  try {
    found = await inspectExport(upload.file, reading);
  } catch (e) {
    throw isHandoutError(e) ? renamed(e, upload.file, upload.fileName) : e;
  }
  const { evidence } = found.dateOrder;
  if (!given?.dateOrder && evidence && evidence !== reading.dateOrder) {
    // The page starts with the order the file's own dates show: list the dates as read in it.
    try {
      found.dates = (await inspectExport(upload.file, { ...reading, dateOrder: evidence })).dates;
    } catch {
      // Read once already: keep what it gave.
    }
  }
  const gaps = mappingGaps(found, reading);
  const choice = startingChoice(found, given);
  const settings = saveTarget(ctx);
  let block = '';
  try {
    const base = readingOf(ctx.resources.clinic.clinic);
    block = pasteBlock(writtenMapping(base, mappingEdits(base, choice)), settings.format);
  } catch {
    // A choice the page must settle first (two columns for one field): no block until it does.
  }
  return {
    ...found,
    file: upload.fileName,
    upload: upload.id,
    fileName: upload.fileName,
    needsMapping: gaps.length > 0 && found.headers.length > 0,
    gaps,
    choice,
    block,
    settings,
    fields: COLUMN_FIELDS,
  };
}
