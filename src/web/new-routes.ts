import type { Router } from 'express';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { authorOf } from './author';
import { retitleCopy } from './copy-title';
import { createScenario } from './create-scenario';
import type { EditorContext } from './editor-context';
import { findEditable } from './find-editable';
import { textField } from './form-field';
import { template } from './scenario-template';

/** A new scenario from the template, and a duplicate of one, each opened in the editor. */
export function newRoutes(router: Router, ctx: EditorContext): void {
  const { store, form } = ctx;

  router.get('/new', (_req, res) => {
    res.render('new', { title: 'New scenario', error: null, name: '', from: null });
  });

  router.post('/new', form, async (req, res) => {
    const name = textField(req.body, 'name');
    const text = template(name);
    const created = await createScenario(store, name, text, authorOf(res));
    if ('error' in created) {
      res
        .status(created.status)
        .render('new', { title: 'New scenario', error: created.error, name, from: null });
      return;
    }
    res.redirect(303, `/scenarios/${created.id}/edit`);
  });

  router.post('/scenarios/:id/duplicate', form, async (req, res) => {
    const found = await findEditable(store, String(req.params.id), res);
    if (!found) return;
    const name = textField(req.body, 'name') || `${found.id} copy`;
    const titles = new Set(
      (await store.list()).flatMap((s) => (s.doc.ok ? [s.doc.scenario.title] : [])),
    );
    const text = retitleCopy(await readFile(found.file, 'utf8'), titles);
    const from = basename(found.file);
    const created = await createScenario(store, name, text, authorOf(res), from);
    if ('error' in created) {
      res
        .status(created.status)
        .render('new', { title: 'Duplicate scenario', error: created.error, name, from: found.id });
      return;
    }
    res.redirect(303, `/scenarios/${created.id}/edit`);
  });
}
