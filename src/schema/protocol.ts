import * as z from 'zod';
import { RuleFields } from './rule.js';

/**
 * A rule in a clinic's protocol.json: a bundled rule's id with only the fields that change (its
 * text per language is merged: giving `text.en` keeps the other languages' text), or a new id with
 * at least `section` and `text` (checked when the protocol is applied, where the bundled ids are known).
 */
export const RulePatch = RuleFields.partial().extend({ id: RuleFields.shape.id });
export type RulePatch = z.infer<typeof RulePatch>;

/** `<protocol folder>/protocol.json`: the clinic's changes to the bundled protocol. */
export const ProtocolFile = z
  .object({
    $comment: z.string().optional(),
    /** The clinic's own name for this wording ("2026-03", "v4"); printed in each sheet's footer. */
    version: z
      .string()
      .trim()
      .min(1, { error: 'cannot be empty' })
      .max(24, { error: 'is too long: at most 24 characters' })
      .refine((s) => !/[\u0000-\u001f\u007f-\u009f\ue000-\uf8ff]/.test(s), { error: 'must not contain control characters' })
      .optional(),
    rules: z.array(RulePatch).default([]),
    /** Ids of bundled rules to leave off the sheet. */
    drop: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type ProtocolFile = z.infer<typeof ProtocolFile>;
