import { createHash, type Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Resources } from '../resources.js';
import { FONTS_DIR, RULES_DIR, TEMPLATES_DIR } from '../paths.js';
import type { Visit } from '../schema/visit.js';

/**
 * Everything besides the row that decides what a sheet looks like: the clinic's settings and logo,
 * the rule, template and font files, the clinic's protocol folder, and the renderer's code. Any change re-makes every sheet.
 * The clock is left out on purpose: a rerun must not re-make sheets only because it is later.
 */
export function resourcesFingerprint(resources: Resources, rendererFile: string): string {
  const hash = createHash('sha256').update('handout batch v1\0');
  const { clinic, logo } = resources.clinic;
  // How files are read (columns, which services and statuses make a sheet) does not change a sheet:
  // what it changes in a visit (its treatment, its date) is in the row's own hash. Saving a mapping
  // from the front-desk page leaves the sheets already made alone.
  const { columns: _columns, services: _services, statuses: _statuses, skipStatuses: _skipStatuses, ...onSheet } = clinic;
  hash.update(JSON.stringify(onSheet));
  if (logo) hash.update(logo.bytes);
  const { rulesDir = RULES_DIR, templatesDir = TEMPLATES_DIR, fontsDir = FONTS_DIR } = resources.paths;
  for (const dir of [rulesDir, templatesDir, fontsDir]) hashTree(hash, dir, '');
  // The clinic's own protocol folder: a change to its words re-makes the sheets.
  const { protocolDir } = resources.clinic;
  if (protocolDir && existsSync(protocolDir)) hashTree(hash, protocolDir, '');
  if (existsSync(rendererFile)) hash.update(readFileSync(rendererFile));
  return hash.digest('hex');
}

function hashTree(hash: Hash, root: string, rel: string): void {
  for (const name of readdirSync(join(root, rel)).sort()) {
    const path = join(root, rel, name);
    if (statSync(path).isDirectory()) hashTree(hash, root, join(rel, name));
    else hash.update(`\0${join(rel, name)}\0`).update(readFileSync(path));
  }
}

/** The row's normalized fields plus the fingerprint: equal hashes make equal sheets (but for "prepared"). */
export function rowHash(fingerprint: string, visit: Visit): string {
  const fields = [
    visit.id,
    visit.patient.name,
    visit.email,
    visit.treatment,
    visit.treatedAt.toISO(),
    visit.timeZone,
    visit.area,
    visit.concern,
    visit.note,
    visit.language,
  ];
  return createHash('sha256').update(fingerprint).update(JSON.stringify(fields)).digest('hex');
}
