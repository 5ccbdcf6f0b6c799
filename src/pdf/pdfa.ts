import { HandoutError } from '../errors.js';
import type { Logo } from '../load/load-clinic.js';

/** What goes into a sheet that PDF/A-2b might forbid. */
export interface PdfaInputs {
  logo: Logo | null;
}

/**
 * PDF/A-2b forbids encryption, JavaScript, non-embedded fonts and device colours that do not match
 * the file's output intent. The sheet never encrypts, never scripts and always embeds Noto Sans;
 * its output intent is sRGB (PDFKit's), so the one thing a clinic can bring that breaks PDF/A is a
 * CMYK JPEG logo (DeviceCMYK is only allowed with a CMYK output intent). Transparency (a PNG with
 * alpha) is allowed in PDF/A-2. Returns why, for each conflict.
 */
export function pdfaConflicts({ logo }: PdfaInputs): string[] {
  const reasons: string[] = [];
  if (logo?.color === 'cmyk') {
    reasons.push(`the clinic's logo ${logo.path} is a CMYK JPEG, and PDF/A with the sheet's sRGB colour profile cannot hold CMYK images`);
  }
  return reasons;
}

/** Refuse an archival copy that could not be valid PDF/A, saying why. */
export function assertPdfaAllowed(inputs: PdfaInputs, field: string): void {
  const reasons = pdfaConflicts(inputs);
  if (reasons.length) {
    throw new HandoutError('E_INPUT', `${field}: an archival PDF/A copy cannot be made: ${reasons.join('; ')}`, {
      path: field,
      hint: 'Save the logo as an RGB PNG or JPEG (the config\'s "logo"), or leave out ' + field + '.',
    });
  }
}
