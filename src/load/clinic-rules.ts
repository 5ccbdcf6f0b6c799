import { RULES_DIR, TEMPLATES_DIR } from '../paths.js';
import { applyProtocol } from './apply-protocol.js';
import type { LoadedClinic } from './load-clinic.js';
import { loadProtocolFolder } from './load-protocol.js';
import type { LoadedRules } from './load-rules.js';
import { loadVocabulary } from './load-vocabulary.js';
import { protocolHash as protocolHashOf } from './protocol-version.js';

/** The rules one clinic's sheets use: the bundled ones (`base`) with the clinic's protocol folder applied. */
export function clinicRules(base: LoadedRules, clinic: LoadedClinic, paths: { rulesDir?: string; templatesDir?: string }): LoadedRules {
  const rulesDir = paths.rulesDir ?? RULES_DIR;
  const folder = clinic.protocolDir ? loadProtocolFolder(clinic.protocolDir, `${clinic.source}: protocol`) : undefined;
  const hash = protocolHashOf(rulesDir, paths.templatesDir ?? TEMPLATES_DIR, clinic.protocolDir);
  return applyProtocol(base, loadVocabulary(rulesDir), folder, hash);
}

