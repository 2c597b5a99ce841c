import type { Router } from 'express';
import { basename } from 'node:path';
import { authorOf } from './author';
import type { EditorContext } from './editor-context';
import { findEditable } from './find-editable';
import { field } from './form-field';
import { HttpError } from './http-error';
import { renderEditor } from './render-editor';
import { patchLines, renderHistory } from './render-history';

/** A file's history (commits in git, kept backups otherwise), a diff, and restoring a version. */
export function historyRoutes(router: Router, ctx: EditorContext): void {
  const { store, source, form, history } = ctx;

  router.get('/scenarios/:id/history', async (req, res) => {
    const found = await findEditable(store, String(req.params.id), res);
    if (!found) return;
    await renderHistory(ctx, res, found, null);
  });

  router.get('/scenarios/:id/history/:hash', async (req, res) => {
    const found = await findEditable(store, String(req.params.id), res);
    if (!found) return;
    const hash = String(req.params.hash);
    const patch = history ? await history.diff(found.file, hash) : undefined;
    if (patch === undefined) throw notKept();
    await renderHistory(ctx, res, found, { hash, lines: patchLines(patch) });
  });

  router.post('/scenarios/:id/restore', form, async (req, res) => {
    const found = await findEditable(store, String(req.params.id), res);
    if (!found) return;
    const commit = field(req.body, 'commit');
    const backup = field(req.body, 'backup');
    let text: string | undefined;
    let message: string | undefined;
    if (history && commit !== '') {
      text = await history.show(found.file, commit);
      const entry = (await history.log(found.file)).find((c) => c.hash === commit);
      message = `Restore ${basename(found.file)} as of ${commit.slice(0, 7)}${entry ? ` (${entry.message})` : ''}`;
    } else if (backup !== '') {
      text = await source.readBackup(found.file, backup);
    }
    if (text === undefined) throw notKept();
    const etag = field(req.body, 'etag');
    const result = await source.save(found.file, text, etag, { author: authorOf(res), message });
    if (result.status === 'saved') {
      const version = result.commit?.slice(0, 12) ?? result.etag.slice(1, 13);
      res.redirect(303, `/scenarios/${found.id}/edit?saved=${version}`);
      return;
    }
    const current = await source.read(found.file);
    res.status(result.status === 'invalid' ? 422 : 409);
    await renderEditor(ctx, res, found, {
      yaml: text,
      etag: current.etag,
      base: current.text,
      errors: result.status === 'invalid' ? result.errors : [],
    });
  });
}

/** A version asked for that the history does not hold: the "Not found" page. */
function notKept(): HttpError {
  return new HttpError(404, 'NOT_FOUND', 'That earlier version is not in this file’s history.');
}
