import { randomBytes, scryptSync, timingSafeEqual, createHash } from 'node:crypto';

/** Checks a typed passcode; never keeps or logs it beyond the comparison. */
export interface Passcode {
  matches(candidate: string): boolean;
}

/** `$HANDOUT_PASSCODE` (an empty one counts as none) or the config's `server.passcodeHash`. */
export function passcodeFrom(env: NodeJS.ProcessEnv, hash: string | undefined): Passcode | undefined {
  const plain = env.HANDOUT_PASSCODE;
  if (plain !== undefined && plain !== '') {
    const want = digest(plain);
    return { matches: (c) => timingSafeEqual(digest(c), want) };
  }
  if (hash) {
    const [, salt, key] = hash.split('$') as [string, string, string];
    const want = Buffer.from(key, 'hex');
    return { matches: (c) => timingSafeEqual(scryptSync(c, Buffer.from(salt, 'hex'), 32), want) };
  }
  return undefined;
}

/** The line to put in the clinic config as `server.passcodeHash`. */
export function hashPasscode(passcode: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('hex')}$${scryptSync(passcode, salt, 32).toString('hex')}`;
}

// Equal-length digests, so the comparison takes the same time whatever was typed.
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
