import { randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'handout_session';
const TTL_MS = 12 * 60 * 60 * 1000;
const MAX_SESSIONS = 1000;

/** Browser logins: random tokens kept in memory (a restart logs everyone out), valid for a working day. */
export class Sessions {
  private readonly expiry = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  create(): string {
    if (this.expiry.size >= MAX_SESSIONS) this.prune();
    if (this.expiry.size >= MAX_SESSIONS) this.expiry.delete(this.expiry.keys().next().value!);
    const token = randomBytes(32).toString('base64url');
    this.expiry.set(token, this.now() + TTL_MS);
    return token;
  }

  valid(token: string | undefined): boolean {
    if (!token) return false;
    const until = this.expiry.get(token);
    if (until === undefined) return false;
    if (until < this.now()) {
      this.expiry.delete(token);
      return false;
    }
    return true;
  }

  end(token: string | undefined): void {
    if (token) this.expiry.delete(token);
  }

  private prune(): void {
    const t = this.now();
    for (const [token, until] of this.expiry) if (until < t) this.expiry.delete(token);
  }
}
