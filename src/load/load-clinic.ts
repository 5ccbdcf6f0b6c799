import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Clinic } from '../schema/clinic.js';
import { issuesToErrors } from '../schema/zod-errors.js';
import { HandoutError, HandoutErrors } from '../errors.js';
import { fitLogo, type FitOptions, type PixelsNeeded } from './fit-logo.js';
import { imageInfo, type ImageInfo } from './image-info.js';
import { readDataFile } from './read-data-file.js';
import { notARegularFile } from './regular-file.js';

/** The clinic's logo: `width`, `height` and `color` are the file's (the layout keeps its shape). */
export interface Logo extends ImageInfo {
  /** The file, as read (the batch's fingerprint hashes it). */
  bytes: Buffer;
  /** What every sheet embeds: `bytes`, or a copy scaled down at load to what the sheet prints (src/load/fit-logo.ts). */
  sheetBytes: Buffer;
  /** The pixel size of `sheetBytes`' image. */
  sheetSize: { width: number; height: number };
  path: string;
}

export interface LoadedClinic {
  clinic: Clinic;
  /** The logo, read once. */
  logo: Logo | null;
  /** Where the config came from, for messages. */
  source: string;
  /** The clinic's protocol folder (its `protocol`, resolved against the config's folder), if any. */
  protocolDir?: string;
}

/**
 * The logo prints at most about 1.5 inches wide and 0.36 inch tall: some 460 x 110 pixels at 300
 * dpi. Every sheet embeds it, so a huge one made every sheet huge and slow (a 50 MB logo made 50 MB
 * sheets; a 12,000-pixel one took 17 s and 2.3 GB per sheet). These limits bound what is read and
 * decoded; within them, a logo larger than the sheet needs is scaled down once, at load.
 */
export const LOGO_MAX_BYTES = 1024 * 1024;
export const LOGO_MAX_SIDE = 2000;
const SMALLER_LOGO = 'Save a smaller copy of the logo (about 600 pixels wide is plenty) as PNG or JPEG.';

/**
 * Read and check the clinic config and its logo. `logoPixels` says how many pixels the layout's
 * largest logo box needs: a logo with far more is scaled down to that, once, here (without it, the
 * logo is embedded as it is).
 */
export function loadClinic(path: string, logoPixels?: PixelsNeeded, fit: FitOptions = {}): LoadedClinic {
  const raw = readDataFile(path, 'E_CONFIG');
  const parsed = Clinic.safeParse(raw);
  if (!parsed.success) {
    const errors = issuesToErrors('E_CONFIG', parsed.error.issues, raw, (p) => `${path}: ${p.join('.')}`);
    throw errors.length === 1 ? errors[0]! : new HandoutErrors(errors);
  }
  const clinic = parsed.data;
  let logo: Logo | null = null;
  if (clinic.logo) {
    const logoPath = resolve(dirname(path), clinic.logo);
    if (!existsSync(logoPath) || !/\.(png|jpe?g)$/i.test(logoPath)) {
      throw new HandoutError('E_CONFIG', `${path}: logo ${logoPath} is not a PNG or JPEG file that exists`, {
        path: `${path}: logo`,
        hint: 'Give a path to a .png or .jpg file, relative to the config file.',
      });
    }
    const tooBig = notARegularFile(logoPath, LOGO_MAX_BYTES);
    if (tooBig) throw new HandoutError('E_CONFIG', `${path}: logo ${logoPath} ${tooBig}`, { path: `${path}: logo`, hint: SMALLER_LOGO });
    const bytes = readFileSync(logoPath);
    const info = imageInfo(bytes);
    if (!info || info.width === 0 || info.height === 0) {
      throw new HandoutError('E_CONFIG', `${path}: logo ${logoPath} is not a readable PNG or JPEG image`, {
        path: `${path}: logo`,
        hint: 'Export the logo again as PNG (or JPEG).',
      });
    }
    if (info.width > LOGO_MAX_SIDE || info.height > LOGO_MAX_SIDE) {
      throw new HandoutError('E_CONFIG', `${path}: logo ${logoPath} is ${info.width} x ${info.height} pixels; at most ${LOGO_MAX_SIDE} x ${LOGO_MAX_SIDE} are read`, {
        path: `${path}: logo`,
        hint: SMALLER_LOGO,
      });
    }
    const sheet = logoPixels ? sheetLogo(path, logoPath, bytes, info, logoPixels, fit) : { bytes, width: info.width, height: info.height };
    logo = { ...info, bytes, sheetBytes: sheet.bytes, sheetSize: { width: sheet.width, height: sheet.height }, path: logoPath };
  }
  return { clinic, logo, source: path, ...(clinic.protocol && { protocolDir: resolve(dirname(path), clinic.protocol) }) };
}

function sheetLogo(config: string, logoPath: string, bytes: Buffer, info: ImageInfo, logoPixels: PixelsNeeded, fit: FitOptions): ReturnType<typeof fitLogo> {
  try {
    return fitLogo(bytes, info, logoPixels, fit);
  } catch (e) {
    throw new HandoutError('E_CONFIG', `${config}: logo ${logoPath} is a damaged ${info.format === 'png' ? 'PNG' : 'JPEG'} image: ${(e as Error).message}`, {
      path: `${config}: logo`,
      hint: 'Export the logo again as PNG (or JPEG).',
    });
  }
}
