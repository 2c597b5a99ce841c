import express, { Router } from 'express';
import { editRoutes } from './edit-routes';
import type { EditorContext } from './editor-context';
import { historyRoutes } from './history-routes';
import { mergeRoute } from './merge-route';
import { newRoutes } from './new-routes';
import type { ScenarioSource } from './scenario-source';
import type { ScenarioStore } from './scenario-store';
import { MAX_SOURCE } from './source-routes';

/**
 * Editing in the browser: an editor page for a scenario's YAML that works as a plain form
 * without JavaScript (and is a code editor with it), creating a scenario from a template,
 * duplicating one, merging with a version saved meanwhile, and the file's history. Every save
 * goes through the same safe path as the API: validated, based on the version loaded, atomic,
 * and a commit when the folder is in git (a backup otherwise). Nothing the analyst typed is
 * lost: a refused save shows the text again with the reasons.
 */
export function editorRoutes(store: ScenarioStore, source: ScenarioSource): Router {
  const router = Router();
  const ctx: EditorContext = {
    store,
    source,
    history: source.history,
    relative: (f: string) => store.relative(f),
    form: express.urlencoded({ extended: false, limit: MAX_SOURCE, parameterLimit: 5000 }),
    json: express.json({ limit: MAX_SOURCE }),
  };
  editRoutes(router, ctx);
  mergeRoute(router, ctx);
  historyRoutes(router, ctx);
  newRoutes(router, ctx);
  return router;
}
