import type { Request, Response } from 'express';
import { rateLimit, type RateLimitRequestHandler } from 'express-rate-limit';

const MINUTE = 60_000;

/** Writes (saves, new variants, deletions) one address may make per minute. */
export const WRITES_PER_MINUTE = 60;
/** Wrong tokens (at /login or as a bearer token) one address may try per minute. */
export const FAILED_SIGN_INS_PER_MINUTE = 10;

export const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether the request may change something on the server (and so needs CSRF protection). */
export function isStateChanging(req: Request): boolean {
  return STATE_CHANGING.has(req.method);
}

/** Whether the request is for the JSON API (routing ignores case, so this does too). */
export function isApi(req: Request): boolean {
  const path = req.path.toLowerCase();
  return path === '/api' || path.startsWith('/api/');
}

/** Requests sent by POST that compute without writing anything (the live page, the editor). */
const COMPUTATION = /^\/api\/(?:scenarios\/[^/]+\/(?:evaluate|explore)|validate)\/?$/i;
/** Signing in and out changes only the session, which has limits of its own. */
const SESSION = /^\/(?:login|logout)\/?$/i;

/**
 * Whether the request may write to the served folder: any state-changing request (API or form)
 * except the computations, which the live page and the editor send as you type, and signing in
 * or out. Unknown ones count as writes, so a new write endpoint is covered from the start.
 */
export function isWrite(req: Request): boolean {
  if (!isStateChanging(req)) return false;
  return !(req.method === 'POST' && (COMPUTATION.test(req.path) || SESSION.test(req.path)));
}

function retryAfter(res: Response): string {
  const seconds = res.getHeader('Retry-After');
  return seconds === undefined ? 'in a minute' : `in ${String(seconds)} s`;
}

/** Answers a request over a limit (429 is set, and `Retry-After`), as JSON or as a page. */
export type TooMany = (req: Request, res: Response, message: string) => void;

/** At most `limit` writes a minute from one address; more get 429 `RATE_LIMITED`. */
export function writeLimiter(tooMany: TooMany, limit = WRITES_PER_MINUTE): RateLimitRequestHandler {
  return rateLimit({
    windowMs: MINUTE,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (req) => !isWrite(req),
    handler: (req, res) => {
      tooMany(
        req,
        res,
        `too many changes from your address (at most ${limit} a minute); try again ${retryAfter(res)}`,
      );
    },
    // Behind a proxy every client shares the proxy's address, and so one budget; that is safe.
    validate: { xForwardedForHeader: false },
  });
}

/**
 * At most `limit` wrong tokens a minute from one address, counting sign-ins at `/login` and
 * requests with an `Authorization` header; only answers of 401 count. Past the limit even the
 * right token waits until the minute is over, so a token cannot be guessed by brute force.
 */
export function signInLimiter(
  isSignIn: (req: Request) => boolean,
  tooMany: TooMany,
  limit = FAILED_SIGN_INS_PER_MINUTE,
): RateLimitRequestHandler {
  return rateLimit({
    windowMs: MINUTE,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (req) => !(isSignIn(req) || req.get('authorization') !== undefined),
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    handler: (req, res) => {
      tooMany(
        req,
        res,
        `too many wrong tokens from your address (at most ${limit} a minute); try again ${retryAfter(res)}`,
      );
    },
    validate: { xForwardedForHeader: false },
  });
}
