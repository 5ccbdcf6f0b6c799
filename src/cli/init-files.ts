/**
 * What `handout init` writes: a clinic config with every field, and a protocol folder with one
 * worked example of a change. Placeholder values are listed so `handout rules check` can say which
 * ones are still to be replaced (they would otherwise print on patients' sheets).
 */
export const PLACEHOLDERS = {
  name: 'Your Clinic Name',
  phone: '(555) 010-0000',
  address: '1 Main Street, Your Town, ST 00000',
  provider: 'Provider Name',
  website: 'yourclinic.example',
  urgentEn: "Replace this with your clinic's own words: when a patient should call you at once.",
  urgentEs: 'Reemplaza esto con las palabras de tu clínica: cuándo llamarte de inmediato.',
  urgentPhone: '(555) 010-0001',
} as const;

export function initialClinic(timeZone: string): Record<string, unknown> {
  return {
    $comment: "Your clinic's settings for handout. Every field is described in the README, under 'The clinic config'. Replace each value; leave out optional ones you do not need. A logo: add \"logo\": \"logo.png\" (PNG or JPEG, next to this file).",
    name: PLACEHOLDERS.name,
    phone: PLACEHOLDERS.phone,
    address: PLACEHOLDERS.address,
    provider: PLACEHOLDERS.provider,
    providerTitle: { en: 'Nurse', es: 'la enfermera' },
    website: PLACEHOLDERS.website,
    timeZone,
    paper: 'letter',
    language: 'en',
    protocol: './protocol',
    urgent: { text: { en: PLACEHOLDERS.urgentEn, es: PLACEHOLDERS.urgentEs }, phone: PLACEHOLDERS.urgentPhone },
    columns: {},
    email: { from: 'care@yourclinic.example', replyTo: 'frontdesk@yourclinic.example' },
    smtp: { maxConnections: 3, timeoutSeconds: 30, attempts: 3, retryDelaySeconds: 0.5 },
  };
}

export const INITIAL_PROTOCOL = {
  $comment:
    "Your clinic's changes to the bundled protocol; the bundled files are never copied, so an upgrade never overwrites your words. rules: a bundled rule's id with only the fields to change (below, the example changes the English and Spanish text of \"contact\"; delete it to keep the bundled words), or a new id with at least section and text. drop: ids of bundled rules to leave off the sheet. version: your name for this wording, printed small in each sheet's footer. `handout rules check --config clinic.json` lists every rule and where it comes from.",
  version: '1',
  rules: [
    {
      id: 'contact',
      text: {
        en: '**Questions or worries while you heal? Call us at {{clinic.phone}}.** We are glad to help.',
        es: '**¿Preguntas o dudas mientras sanas? Llámanos al {{clinic.phone}}.** Con gusto te ayudamos.',
      },
    },
  ],
  drop: [],
};
