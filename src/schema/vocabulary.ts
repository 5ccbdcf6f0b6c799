import * as z from 'zod';

const perLanguage = <T extends z.ZodType>(value: T) => z.record(z.string().regex(/^[a-z]{2,3}(-[a-z0-9]+)?$/), value);

/** One area or concern: a stable id (what rules name), its label and other words per language. */
export const Term = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, { error: 'must be lower-case letters, digits and dashes' }),
    label: perLanguage(z.string().trim().min(1).max(60)),
    words: perLanguage(z.array(z.string().trim().min(1).max(60))).default({}),
  })
  .strict();
export type Term = z.infer<typeof Term>;

/** rules/areas-and-concerns.json: the one list of areas and concerns, with their words in each language. */
export const Vocabulary = z
  .object({
    $comment: z.string().optional(),
    areas: z.array(Term).default([]),
    concerns: z.array(Term).default([]),
  })
  .strict();
export type Vocabulary = z.infer<typeof Vocabulary>;

export type TermKind = 'area' | 'concern';
