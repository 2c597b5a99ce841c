import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { join } from 'node:path';
import { accessControl, type AccessOptions } from './access-control';
import { apiRoutes } from './api-routes';
import { liveTemplates } from './live-templates';
import { errorBody, errorsBody } from './error-body';
import { isHttpError } from './http-error';
import { exportRoutes } from './export-routes';
import { libraryRoutes } from './library-routes';
import { pageRoutes } from './page-routes';
import { robustnessRoutes } from './robustness-routes';
import { packageRoot } from './paths';
import { ScenarioStore } from './scenario-store';
import { editorRoutes } from './editor-routes';
import { ScenarioSource } from './scenario-source';
import { sourceRoutes } from './source-routes';
import { variantRoutes } from './variant-routes';
import type { WriteSteps } from './atomic-write';
import { GitHistory } from '../files/git-history';
import { authorScope } from './author';
import { storageFailure } from './write-errors';

export interface AppOptions extends AccessOptions {
  /** Folder of scenario files to serve. */
  dir: string;
  /** Replaces file-system steps of every write: tests simulate full and read-only disks. */
  writeSteps?: Partial<WriteSteps> | undefined;
  /**
   * The folder's git history, where every save becomes a commit; default: found by git when the
   * folder lies in a work tree. null keeps backup copies instead.
   */
  history?: GitHistory | null | undefined;
}

/** Largest JSON body accepted, so a request cannot make the server buffer without bound. */
export const MAX_BODY = '100kb';

/**
 * The web app: pages for people, a JSON API for programs. Listening is the caller's business
 * (`branchpoint serve`), so tests drive the app in-process.
 */
export function createApp(options: AppOptions): express.Express {
  const root = packageRoot();
  const history = options.history === undefined ? GitHistory.at(options.dir) : options.history;
  const store = new ScenarioStore(options.dir, { writeSteps: options.writeSteps, history });
  const app = express();
  app.disable('x-powered-by');
  app.set('views', join(root, 'views'));
  app.set('view engine', 'ejs');
  app.set('query parser', 'simple');
  app.use(
    helmet({
      // Same-origin requests keep their Origin and Referer, which the cross-site check reads;
      // with helmet's default (no-referrer) a browser sends `Origin: null` on form posts.
      referrerPolicy: { policy: 'same-origin' },
      // HSTS only means something over https; sent over plain http on a LAN address it is at
      // best ignored. It is set below for requests that arrive over TLS.
      strictTransportSecurity: false,
      contentSecurityPolicy: {
        directives: {
          // helmet's default would make browsers fetch the stylesheet and post the sign-in form
          // over https, which a plain-http team server on a LAN address does not speak.
          upgradeInsecureRequests: null,
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  app.use((req, res, next) => {
    if (req.secure) res.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  });
  // Before everything else: team mode's token, CSRF, read-only and rate limits.
  app.use(
    accessControl({
      token: options.token,
      readOnly: options.readOnly,
      writesPerMinute: options.writesPerMinute,
    }),
  );
  // The result partials compiled for the live page's script (src/web/live-templates.ts).
  const templates = liveTemplates(join(root, 'views'));
  app.locals.liveTemplates = `/static/live-templates.js?v=${templates.version}`;
  app.get('/static/live-templates.js', (_req, res) => {
    res.type('js').set('Cache-Control', 'public, max-age=3600').send(templates.script);
  });
  app.use('/static', express.static(join(root, 'public'), { maxAge: '1h' }));
  // Scenario sources come before the general JSON parser: a whole file may exceed MAX_BODY.
  // One source object serves the API and the editor, so saves to a file queue behind each other.
  const source = new ScenarioSource(store);
  app.use('/api', sourceRoutes(store, source));
  app.use(editorRoutes(store, source));
  // After the body is read: a request's writes (variants, assessments) name its author.
  app.use(
    '/api',
    express.json({ limit: MAX_BODY }),
    authorScope,
    apiRoutes(store),
    robustnessRoutes(store),
    variantRoutes(store),
  );
  app.use(libraryRoutes(store));
  app.use(exportRoutes(store));
  app.use(pageRoutes(store));

  app.use((req: Request, res: Response) => {
    res.status(404);
    if (req.path.startsWith('/api/'))
      res.json(errorBody('NOT_FOUND', `no such endpoint: ${req.method} ${req.path}`));
    else
      res.render('error', {
        title: 'Not found',
        message: `There is no page at ${req.path}.`,
        errors: [],
      });
  });

  // Four arguments mark this as Express's error handler; it must stay last.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (isHttpError(err)) {
      res.status(err.status);
      if (req.path.startsWith('/api/'))
        res.json(
          err.diagnostics.length > 0
            ? errorsBody([...err.diagnostics])
            : errorBody(err.code, err.message, err.path),
        );
      else
        res.render('error', {
          title: PAGE_TITLES[err.status] ?? 'Bad request',
          message: err.message,
          errors: err.details,
        });
      return;
    }
    const storage = storageFailure(err);
    const status = storage?.status ?? httpStatus(err);
    const message =
      storage?.message ??
      (status < 500 ? clientMessage(err) : 'something went wrong on the server');
    if (status >= 500 && !storage && process.env.NODE_ENV !== 'test') console.error(err);
    res.status(status);
    if (req.path.startsWith('/api/'))
      res.json(errorBody(status < 500 ? 'BAD_REQUEST' : 'INTERNAL_ERROR', message));
    else
      res.render('error', {
        title: status < 500 ? 'Bad request' : 'Server error',
        message,
        errors: [],
      });
  });
  return app;
}

const PAGE_TITLES: Record<number, string> = {
  400: 'Bad request',
  404: 'Not found',
  409: 'Conflict',
  422: 'This cannot be done',
};

function httpStatus(err: unknown): number {
  const status =
    (err as { status?: unknown; statusCode?: unknown } | null)?.status ??
    (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

function clientMessage(err: unknown): string {
  const type = (err as { type?: string } | null)?.type;
  if (type === 'entity.too.large') {
    // Each route states its own limit (a scenario's source may be larger than other bodies).
    const limit = (err as { limit?: unknown }).limit;
    return `request body is larger than ${typeof limit === 'number' ? sizeText(limit) : MAX_BODY}, the limit here`;
  }
  if (type === 'entity.parse.failed') return 'request body is not valid JSON';
  return err instanceof Error ? err.message : 'bad request';
}

/** 2097152 -> "2 MB", 102400 -> "100 kB". */
function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${+(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${+(bytes / 1024).toFixed(1)} kB`;
}
