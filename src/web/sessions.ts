import { randomBytes } from 'node:crypto';

/** How long a browser stays signed in. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

/** Most sessions kept at once; the oldest go first. Only token holders can make one. */
const MAX_SESSIONS = 10_000;

export interface Session {
  /** The value a page sends back as `X-CSRF-Token` to prove it was served by us. */
  csrfToken: string;
  expires: number;
  /** The name the person signed in with, recorded as the author of their saves ('' if none). */
  name: string;
}

/**
 * Browser sessions of team mode, in memory: a restart signs everybody out, which is fine for a
 * token that the team shares anyway. Ids are 256 random bits, so they cannot be guessed.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly lifetimeMs = SESSION_LIFETIME_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a session for a person named `name` and returns its id (the cookie's value). */
  create(name = ''): { id: string; session: Session } {
    this.sweep();
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next();
      if (oldest.done) break;
      this.sessions.delete(oldest.value);
    }
    const id = randomBytes(32).toString('base64url');
    const session = {
      csrfToken: randomBytes(32).toString('base64url'),
      expires: this.now() + this.lifetimeMs,
      name,
    };
    this.sessions.set(id, session);
    return { id, session };
  }

  /** The live session with this id, or undefined (unknown or expired). */
  get(id: string | undefined): Session | undefined {
    if (id === undefined) return undefined;
    const session = this.sessions.get(id);
    if (session && session.expires <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  delete(id: string | undefined): void {
    if (id !== undefined) this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expires <= now) this.sessions.delete(id);
  }
}
