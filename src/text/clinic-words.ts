import { inLanguage, type Clinic } from '../schema/clinic.js';

/** The provider as a sheet or email in `language` names them: the title in that language, if the config gives one, then the name. */
export function providerIn(clinic: Clinic, language: string): string | null {
  if (!clinic.provider) return null;
  // No fallback to another language's title: an English "Nurse" does not belong on a Spanish sheet.
  const title = inLanguage(clinic.providerTitle, language);
  return title ? `${title} ${clinic.provider}` : clinic.provider;
}

/** The clinic's urgent text in `language`, else in the clinic's own language (a safety text is better read in another language than missing). */
export function urgentIn(clinic: Clinic, language: string): { text: string; phone?: string } | null {
  if (!clinic.urgent) return null;
  const text = inLanguage(clinic.urgent.text, language, clinic.language) ?? Object.values(clinic.urgent.text)[0];
  return text ? { text, ...(clinic.urgent.phone && { phone: clinic.urgent.phone }) } : null;
}

/** The clinic as every template (sheet, email) reads it: `clinic.name`, `clinic.phone`, ... in one language. */
export function clinicTemplateData(clinic: Clinic, language: string) {
  return {
    name: clinic.name,
    phone: clinic.phone,
    address: clinic.address ?? null,
    provider: providerIn(clinic, language),
    website: clinic.website ?? null,
  };
}
