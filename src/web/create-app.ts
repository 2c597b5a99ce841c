import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { accessControl, type AccessOptions } from './access-control';
import { ApiAnswers } from './api-answers';
import { apiFront } from './api-front';
import type { EtagOf } from './kept-body';
import { apiRoutes } from './api-routes';
import { liveTemplates } from './live-templates';
import { apiError, failure, MAX_BODY_BYTES } from './api-error';
import { errorBody } from './error-body';
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
  /**
   * Answer the API's frequent requests before Express (src/web/api-front.ts); default true.
   * false sends every request through Express, which tests compare the front with.
   */
  front?: boolean | undefined;
}

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
  const security = helmet({
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
  });
  app.use(security);
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
  // Scenario sources come before the general JSON parser: a whole file may exceed MAX_BODY_BYTES.
  // One source object serves the API and the editor, so saves to a file queue behind each other.
  const source = new ScenarioSource(store);
  const answers = new ApiAnswers(store);
  app.use('/api', sourceRoutes(store, source));
  app.use(editorRoutes(store, source));
  // After the body is read: a request's writes (variants, assessments) name its author.
  app.use(
    '/api',
    express.json({ limit: MAX_BODY_BYTES }),
    authorScope,
    apiRoutes(answers),
    robustnessRoutes(store),
    variantRoutes(store),
  );
  // The API's frequent requests are answered before Express sees them (src/web/api-front.ts).
  // Express calls `app.handle` for every request, so that is where the front goes.
  if (options.front !== false) {
    const front = apiFront(answers, {
      teamMode: options.token !== undefined && options.token !== '',
      headers: fixedHeaders(security),
      etagOf: app.get('etag fn') as EtagOf,
    });
    const handled = app as unknown as Handled;
    const handle = handled.handle.bind(app);
    handled.handle = (req, res, next) => {
      if (!front(req, res)) handle(req, res, next);
    };
  }
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
    if (req.path.startsWith('/api/')) {
      const { status, body } = apiError(err);
      res.status(status).json(body);
      return;
    }
    if (isHttpError(err)) {
      res.status(err.status).render('error', {
        title: PAGE_TITLES[err.status] ?? 'Bad request',
        message: err.message,
        errors: err.details,
      });
      return;
    }
    const { status, message } = failure(err);
    res.status(status).render('error', {
      title: status < 500 ? 'Bad request' : 'Server error',
      message,
      errors: [],
    });
  });
  return app;
}

/** The part of an Express app the front wraps. */
interface Handled {
  handle(req: IncomingMessage, res: ServerResponse, next?: NextFunction): void;
}

/**
 * The headers a middleware sets on every response, taken from it once: helmet's, as configured
 * above, do not depend on the request (no nonce), so the front sends them as they are.
 */
function fixedHeaders(middleware: express.RequestHandler): [string, string][] {
  const headers: [string, string][] = [];
  const res = {
    setHeader: (name: string, value: unknown) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  middleware({} as Request, res as unknown as Response, () => undefined);
  return headers;
}

const PAGE_TITLES: Record<number, string> = {
  400: 'Bad request',
  404: 'Not found',
  409: 'Conflict',
  422: 'This cannot be done',
};
