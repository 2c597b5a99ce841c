import express, { Router, type Request, type Response } from 'express';
import { readFile } from 'node:fs/promises';
import type { ScenarioFolder, StoredLibrary } from '../folder/scenario-folder';
import { formatDiagnostic } from '../load';
import type { Diagnostic } from '../model/diagnostic';
import { errorsBody, errorBody } from './error-body';
import { HttpError } from './http-error';
import { etagOf } from './scenario-source';

/** Largest library text accepted by a save. */
const MAX_LIBRARY = '2mb';

type LibrarySave =
  | { status: 'saved'; etag: string }
  | { status: 'conflict'; current: { text: string; etag: string } }
  | { status: 'invalid'; errors: Diagnostic[]; importers: string[] };

/**
 * Libraries (FORMAT.md section 8), listed apart from scenarios: `GET /libraries/:id` shows one
 * with the scenarios that import it and an editor; `GET /api/libraries`, and the source API like
 * a scenario's (`GET`/`PUT /api/libraries/:id/source`, with `If-Match`). A save is refused (422)
 * when the library itself, or any scenario importing it, would stop validating: the answer lists
 * each problem at its file:line:col. Nothing is written in any refused case.
 */
export function libraryRoutes(folder: ScenarioFolder): Router {
  const router = Router();
  const queues = new Map<string, Promise<unknown>>();
  const yamlBody = express.text({
    type: ['text/yaml', 'application/yaml', 'application/x-yaml', 'text/x-yaml'],
    limit: MAX_LIBRARY,
  });
  const jsonBody = express.json({ limit: MAX_LIBRARY });
  const form = express.urlencoded({ extended: false, limit: MAX_LIBRARY });

  router.param('library', async (_req: Request, res: Response, next, raw: unknown) => {
    const library = await folder.library(String(raw).toLowerCase());
    if (!library)
      throw new HttpError(404, 'NOT_FOUND', `no library with id '${String(raw)}'`, 'id');
    (res.locals as { library: StoredLibrary }).library = library;
    next();
  });
  const libraryOf = (res: Response) => (res.locals as { library: StoredLibrary }).library;

  /** Serialised per file, so two saves based on one version cannot both win. */
  const save = (file: string, text: string, basedOn: string): Promise<LibrarySave> => {
    const previous = queues.get(file) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async (): Promise<LibrarySave> => {
        const current = await readFile(file, 'utf8');
        if (etagOf(current) !== basedOn)
          return { status: 'conflict', current: { text: current, etag: etagOf(current) } };
        const checked = await folder.checkLibraryEdit(file, text);
        if (checked.errors.length > 0)
          return { status: 'invalid', errors: checked.errors, importers: checked.importers };
        await folder.write({ kind: 'replace', file, text });
        return { status: 'saved', etag: etagOf(text) };
      });
    queues.set(file, next);
    const forget = (): void => {
      if (queues.get(file) === next) queues.delete(file);
    };
    next.then(forget, forget);
    return next;
  };

  router.get('/api/libraries', async (_req, res) => {
    res.json(
      (await folder.libraries()).map((l) => ({
        id: l.id,
        file: folder.relative(l.file),
        title: l.title,
        parameters: l.parameters,
        imported_by: l.importers,
        valid: l.errors.length === 0,
        errors: errorsBody(l.errors).errors,
      })),
    );
  });

  router.get('/api/libraries/:library/source', (_req, res) => {
    const l = libraryOf(res);
    res.set('ETag', etagOf(l.text)).type('text/yaml').send(l.text);
  });

  router.put('/api/libraries/:library/source', yamlBody, jsonBody, async (req, res) => {
    const l = libraryOf(res);
    const body: unknown = req.body;
    const text =
      typeof body === 'string'
        ? body
        : typeof (body as { yaml?: unknown } | null)?.yaml === 'string'
          ? (body as { yaml: string }).yaml
          : undefined;
    if (text === undefined)
      throw new HttpError(
        400,
        'BAD_REQUEST',
        'send the YAML as text/yaml, or as JSON {"yaml": "..."}',
        'body',
      );
    const basedOn = req.get('If-Match');
    if (!basedOn)
      throw new HttpError(
        428,
        'PRECONDITION_REQUIRED',
        'send If-Match with the ETag of the version you edited, so a newer version is never overwritten',
        'If-Match',
      );
    const result = await save(l.file, text, basedOn);
    if (result.status === 'saved') {
      res.set('ETag', result.etag).json({ etag: result.etag });
    } else if (result.status === 'conflict') {
      res.status(409).json({
        ...errorBody('CONFLICT', 'the file changed since you loaded it; nothing was written.'),
        current: { etag: result.current.etag, yaml: result.current.text },
      });
    } else {
      res.status(422).json({ ...errorsBody(result.errors), imported_by: result.importers });
    }
  });

  router.get('/libraries/:library', (_req, res) => {
    const l = libraryOf(res);
    res.render('library', libraryPage(folder, l, l.text, etagOf(l.text), [], null));
  });

  router.post('/libraries/:library', form, async (req, res) => {
    const l = libraryOf(res);
    const body = (req.body ?? {}) as { yaml?: unknown; etag?: unknown };
    const yaml = typeof body.yaml === 'string' ? body.yaml.replace(/\r\n/g, '\n') : '';
    const etag = typeof body.etag === 'string' ? body.etag : '';
    const result = await save(l.file, yaml, etag);
    if (result.status === 'saved') {
      res.redirect(303, `/libraries/${l.id}`);
      return;
    }
    if (result.status === 'conflict') {
      res.status(409);
      res.render(
        'library',
        libraryPage(folder, l, yaml, result.current.etag, [], result.current.text),
      );
      return;
    }
    res.status(422);
    res.render('library', libraryPage(folder, l, yaml, etag, result.errors, null));
  });

  return router;
}

function libraryPage(
  folder: ScenarioFolder,
  l: StoredLibrary,
  yaml: string,
  etag: string,
  problems: Diagnostic[],
  conflict: string | null,
) {
  return {
    title: `Library ${l.title ?? l.id}`,
    library: {
      id: l.id,
      title: l.title ?? l.id,
      file: folder.relative(l.file),
      parameters: l.parameters,
      importers: l.importers,
      errors: l.errors.map((e) => formatDiagnostic(e)),
    },
    yaml,
    etag,
    problems: problems.map((e) => formatDiagnostic(e)),
    conflict,
  };
}
