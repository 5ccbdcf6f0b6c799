import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Clinic } from '../schema/clinic.js';
import { issuesToErrors } from '../schema/zod-errors.js';
import { HandoutError, HandoutErrors } from '../errors.js';
import { imageSize } from './image-size.js';
import { readDataFile } from './read-data-file.js';

export interface Logo {
  bytes: Buffer;
  width: number;
  height: number;
}

export interface LoadedClinic {
  clinic: Clinic;
  /** Logo bytes and pixel size, read once. */
  logo: Logo | null;
  /** Where the config came from, for messages. */
  source: string;
}

export function loadClinic(path: string): LoadedClinic {
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
    const bytes = existsSync(logoPath) ? readFileSync(logoPath) : null;
    const size = bytes && imageSize(bytes);
    if (!bytes || !size) {
      throw new HandoutError('E_CONFIG', `${path}: logo: ${logoPath} is not a PNG or JPEG file that exists`, {
        path: `${path}: logo`,
        hint: 'Give a path to a .png or .jpg file, relative to the config file.',
      });
    }
    logo = { bytes, ...size };
  }
  return { clinic, logo, source: path };
}
