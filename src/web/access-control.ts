import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import { errorBody } from './error-body';
import {
  isApi,
  isStateChanging,
  isWrite,
  signInLimiter,
  STATE_CHANGING,
  writeLimiter,
} from './rate-limits';
import { SESSION_LIFETIME_MS, SessionStore, type Session } from './sessions';
import { sameSecret } from './token-compare';

export interface AccessOptions {
  /**
   * Team mode: every request needs `Authorization: Bearer <token>` or the session cookie that
   * signing in at `/login` with the token gives. Without it the app is for loopback only.
   */
  token?: string | undefined;
  /** Refuse every write (saves, new variants, deletions) with 403 `FORBIDDEN`. */
  readOnly?: boolean | undefined;
  /** Writes one address may make per minute (default WRITES_PER_MINUTE); load tests raise it. */
  writesPerMinute?: number | undefined;
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'branchpoint_session';

/**
 * What templates can read in `res.locals`: `readOnly` (hide editing), `teamMode` (a token is
 * needed), `signedIn` (a browser session, so a sign-out button makes sense) and `csrfToken`
 * (the session's token for `X-CSRF-Token`; empty when there is no session).
 */
export interface AccessLocals {
  readOnly: boolean;
  teamMode: boolean;
  signedIn: boolean;
  csrfToken: string;
}

/**
 * Access control for the whole app, mounted before everything else:
 *
 * - Without a token (loopback only) requests must name a loopback host, so a web page cannot
 *   reach the server by pointing its own domain name at 127.0.0.1 (DNS rebinding).
 * - A state-changing request whose `Origin` is another site is refused (403), token or not.
 * - With a token: `/login` signs a browser in; every other request needs the bearer token or
 *   the session cookie (401 for the API, a redirect to `/login` for pages); a state-changing
 *   request on the cookie also needs a same-origin `Origin`/`Referer` or `X-CSRF-Token`.
 *   Wrong tokens are limited per address.
 * - Read-only refuses writes with 403; writes are limited per address.
 */
export function accessControl(options: AccessOptions = {}): Router {
  const token = options.token === undefined || options.token === '' ? undefined : options.token;
  const readOnly = options.readOnly === true;
  const router = Router();

  router.use((_req, res, next) => {
    const locals: AccessLocals = {
      readOnly,
      teamMode: token !== undefined,
      signedIn: false,
      csrfToken: '',
    };
    Object.assign(res.locals, locals);
    next();
  });

  if (token === undefined) router.use(loopbackHostOnly);
  router.use(sameOriginChanges);

  if (token !== undefined) {
    const sessions = new SessionStore();
    router.use(signInLimiter(isSignIn, tooMany));
    router.get('/login', (req, res) => {
      renderLogin(res, 200, null, returnTo(req.query.next));
    });
    router.post(
      '/login',
      express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 }),
      (req, res) => {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const next = returnTo(body.next);
        if (typeof body.token !== 'string' || !sameSecret(body.token, token)) {
          renderLogin(res, 401, 'That is not the right token.', next);
          return;
        }
        sessions.delete(cookie(req, SESSION_COOKIE));
        const { id } = sessions.create(personName(body.name));
        res.cookie(SESSION_COOKIE, id, {
          httpOnly: true,
          sameSite: 'strict',
          secure: req.secure,
          path: '/',
          maxAge: SESSION_LIFETIME_MS,
        });
        res.redirect(303, next);
      },
    );
    router.use(authenticate(token, sessions));
    router.use(csrfCheck);
    router.post('/logout', (req, res) => {
      sessions.delete(cookie(req, SESSION_COOKIE));
      res.clearCookie(SESSION_COOKIE, {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.secure,
        path: '/',
      });
      res.redirect(303, '/login');
    });
  } else {
    router.get('/login', (_req, res) => res.redirect(303, '/'));
  }

  // What the pages' script needs to know: whether to offer editing, and the token for writes.
  router.get('/api/session', (_req, res) => {
    const { teamMode, signedIn, readOnly: ro, csrfToken } = res.locals as AccessLocals;
    res.set('Cache-Control', 'no-store').json({ teamMode, signedIn, readOnly: ro, csrfToken });
  });

  if (readOnly) {
    router.use((req, res, next) => {
      if (isWrite(req))
        forbidden(
          req,
          res,
          'this server is read-only: scenarios, their sources and variants cannot be changed here',
        );
      else next();
    });
  }
  router.use(writeLimiter(tooMany, options.writesPerMinute));
  return router;
}

/** Where a browser goes after signing in: a path on this server, `/` for anything else. */
export function returnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}

/** The name given at sign-in, as a commit author: one line of at most 80 characters. */
function personName(value: unknown): string {
  if (typeof value !== 'string') return '';
  // Control characters and angle brackets have no place in a commit's author.
  const printable = [...value].map((c) =>
    c < ' ' || c === '\u007f' || c === '<' || c === '>' ? ' ' : c,
  );
  return printable.join('').replace(/\s+/g, ' ').trim().slice(0, 80);
}

/** `POST /login`, as routing matches it: in any case, with or without a trailing slash. */
function isSignIn(req: Request): boolean {
  return req.method === 'POST' && /^\/login\/?$/i.test(req.path);
}

function renderLogin(res: Response, status: number, error: string | null, next: string): void {
  res.status(status).render('login', { title: 'Sign in', error, returnTo: next });
}

function tooMany(req: Request, res: Response, message: string): void {
  if (isSignIn(req)) renderLogin(res, 429, `Too many attempts: ${message}.`, '/');
  else if (isApi(req)) res.status(429).json(errorBody('RATE_LIMITED', message));
  else res.status(429).render('error', { title: 'Too many requests', message, errors: [] });
}

/** Bearer token or session cookie; otherwise 401 for the API and a sign-in page for people. */
function authenticate(token: string, sessions: SessionStore) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.get('authorization');
    if (header !== undefined) {
      const bearer = /^Bearer +(\S+) *$/i.exec(header)?.[1];
      if (bearer !== undefined && sameSecret(bearer, token)) {
        next();
        return;
      }
      unauthorized(req, res, 'the bearer token is not right');
      return;
    }
    const session = sessions.get(cookie(req, SESSION_COOKIE));
    if (session) {
      res.locals.signedIn = true;
      res.locals.csrfToken = session.csrfToken;
      res.locals.session = session;
      next();
      return;
    }
    // The sign-in page should look like the rest; the stylesheet holds nothing secret.
    if ((req.method === 'GET' || req.method === 'HEAD') && req.path === '/static/style.css') {
      next();
      return;
    }
    unauthorized(
      req,
      res,
      'this server needs a token: send Authorization: Bearer <token>, or sign in at /login',
    );
  };
}

function unauthorized(req: Request, res: Response, message: string): void {
  if (isApi(req) || req.get('authorization') !== undefined) {
    res
      .status(401)
      .set('WWW-Authenticate', 'Bearer realm="branchpoint"')
      .json(errorBody('UNAUTHORIZED', message));
    return;
  }
  const path = req.method === 'GET' || req.method === 'HEAD' ? req.originalUrl : '/';
  res.redirect(303, path === '/' ? '/login' : `/login?next=${encodeURIComponent(path)}`);
}

/**
 * A state-changing request on the session cookie must come from our own pages: it carries the
 * session's `X-CSRF-Token`, or an `Origin` (else `Referer`) naming this host. Browsers attach
 * the cookie to requests that other sites start, but they cannot forge these headers.
 */
function csrfCheck(req: Request, res: Response, next: NextFunction): void {
  const session = res.locals.session as Session | undefined;
  if (!session || !isStateChanging(req)) {
    next();
    return;
  }
  const given = req.get('x-csrf-token');
  if (given !== undefined && sameSecret(given, session.csrfToken)) {
    next();
    return;
  }
  const origin = req.get('origin') ?? req.get('referer');
  if (origin !== undefined && sameHost(origin, req.get('host'))) {
    next();
    return;
  }
  forbidden(
    req,
    res,
    'cross-site request refused: send the X-CSRF-Token of your session, or an Origin header of this server',
  );
}

/** Refuses a state-changing request that another site's page started (its `Origin` says so). */
function sameOriginChanges(req: Request, res: Response, next: NextFunction): void {
  const origin = req.get('origin');
  if (!isStateChanging(req) || origin === undefined || sameHost(origin, req.get('host'))) {
    next();
    return;
  }
  forbidden(req, res, `cross-site request refused: it comes from ${origin}, not from this server`);
}

/** Without a token, only requests addressed to a loopback name (no DNS rebinding). */
function loopbackHostOnly(req: Request, res: Response, next: NextFunction): void {
  const host = hostname(req.get('host'));
  if (host !== undefined && isLoopbackName(host)) {
    next();
    return;
  }
  forbidden(
    req,
    res,
    'this server has no token, so it answers only requests addressed to localhost or 127.0.0.1; to share it, set BRANCHPOINT_TOKEN',
  );
}

function forbidden(req: Request, res: Response, message: string): void {
  res.status(403);
  if (isApi(req)) res.json(errorBody('FORBIDDEN', message));
  else res.render('error', { title: 'Forbidden', message, errors: [] });
}

/**
 * Whether a request passes `accessControl` without a token untouched: addressed to a loopback
 * name, and not a state-changing request that another site started. The API's front
 * (src/web/api-front.ts) answers only such requests, and leaves every other to these checks.
 */
export function loopbackAllows(method: string | undefined, headers: IncomingHttpHeaders): boolean {
  const host = hostname(headers.host);
  if (host === undefined || !isLoopbackName(host)) return false;
  const origin = headers.origin;
  return (
    !STATE_CHANGING.has(method ?? '') || origin === undefined || sameHost(origin, headers.host)
  );
}

/** A Host header: a name or IPv4 address, or an IPv6 address in brackets, and maybe a port. */
const HOST_HEADER = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** Whether the URL `url` (an Origin or Referer) is on the host named by the Host header. */
export function sameHost(url: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    return new URL(url).host.toLowerCase() === new URL(`http://${host}`).host.toLowerCase();
  } catch {
    return false;
  }
}

function hostname(host: string | undefined): string | undefined {
  if (host === undefined || !HOST_HEADER.test(host)) return undefined;
  try {
    return new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** `localhost` (and its subdomains, which browsers keep on loopback), 127.0.0.0/8 and ::1. */
export function isLoopbackName(hostname: string): boolean {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  if (isIP(hostname) === 4) return hostname.startsWith('127.');
  return hostname === '[::1]' || hostname === '::1';
}

/** The value of cookie `name` in the request, or undefined. */
function cookie(req: Request, name: string): string | undefined {
  const header = req.get('cookie');
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
