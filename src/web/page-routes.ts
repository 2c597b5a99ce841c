import express, { Router } from 'express';
import type { PoolMethod } from '../engine/pool';
import type { ScenarioFolder, StoredScenario } from '../folder/scenario-folder';
import { formatDiagnostic } from '../load';
import { compareView } from './compare-view';
import { readForm } from './form-overrides';
import { HttpError } from './http-error';
import { panelView } from './panel-view';
import { scenarioOf, scenarioParam } from './scenario-param';
import { readRobustness, scenarioPage } from './scenario-page';
import { saveAssessment } from './variant-routes';
import { summaryViews } from './view-models';

/**
 * The HTML pages: the list of scenarios (with libraries apart), one page per scenario, variant
 * or assessment, a scenario's analyst panel, the comparison of two of them, and the form that
 * saves an analyst's own assessment.
 */
export function pageRoutes(folder: ScenarioFolder): Router {
  const router = Router();
  router.param('id', scenarioParam(folder));
  const form = express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 2000 });

  router.get('/', async (_req, res) => {
    const list = await folder.list();
    const scenarios = summaryViews(list);
    const panels: Record<string, number> = {};
    for (const s of scenarios) panels[s.id] = (await folder.assessmentEntries(s.id)).length;
    const libraries = (await folder.libraries()).map((l) => ({
      id: l.id,
      title: l.title ?? l.id,
      file: folder.relative(l.file),
      parameters: l.parameters.length,
      importers: l.importers,
      errors: l.errors.map((e) => formatDiagnostic(e)),
    }));
    const ignored = await folder.ignored();
    res.render('index', { title: 'Scenarios', scenarios, panels, libraries, ignored });
  });

  router.get('/scenarios/:id', (req, res) => {
    const found = scenarioOf(res);
    const doc = valid(folder, found);
    const page = scenarioPage(
      found.id,
      doc,
      readForm(req.query),
      found.variantOf,
      readRobustness(req.query),
    );
    res.status(page.stale ? 422 : 200).render('scenario', page);
  });

  router.get('/scenarios/:id/panel', async (req, res) => {
    const found = topScenario(scenarioOf(res));
    const doc = valid(folder, found);
    const pool: PoolMethod = req.query.pool === 'log' ? 'log' : 'linear';
    const view = panelView(doc, await folder.assessments(found.id), pool);
    res.render('panel', {
      title: `Panel: ${doc.scenario.title}`,
      id: found.id,
      scenarioTitle: doc.scenario.title,
      panel: view,
      count: view.analysts.length + view.invalid.length,
    });
  });

  router.get('/scenarios/:id/compare', async (req, res) => {
    const a = scenarioOf(res);
    const base = a.variantOf ?? a.id;
    const candidates = await comparable(folder, base);
    const withId = typeof req.query.with === 'string' ? req.query.with.toLowerCase() : base;
    const b = candidates.find((c) => c.id === withId);
    if (!b) throw new HttpError(404, 'NOT_FOUND', `nothing named '${withId}' to compare with`);
    const view = compareView(valid(folder, a), valid(folder, b));
    res.render('compare', {
      title: `Compare ${a.id} with ${b.id}`,
      a: { id: a.id, name: nameOf(a) },
      b: { id: b.id, name: nameOf(b) },
      base,
      candidates: candidates.map((c) => ({ id: c.id, name: nameOf(c) })),
      view,
    });
  });

  router.get('/scenarios/:id/assess', (req, res) => {
    const found = topScenario(scenarioOf(res));
    const doc = valid(folder, found);
    const input = readForm(req.query);
    res.render('assess', assessPage(found.id, doc, input.overrides.set ?? {}, '', null));
  });

  router.post('/scenarios/:id/assess', form, async (req, res) => {
    const found = topScenario(scenarioOf(res));
    const doc = valid(folder, found);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const analyst = typeof body.analyst === 'string' ? body.analyst.trim() : '';
    const set: Record<string, number | string> = {};
    const rationale: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) {
      if (typeof v !== 'string') continue;
      if (k.startsWith('set.') && v.trim() !== '') {
        const n = Number(v);
        set[k.slice(4)] = v.trim() !== '' && Number.isFinite(n) ? n : v.trim();
      } else if (k.startsWith('why.')) rationale[k.slice(4)] = v;
    }
    try {
      if (analyst === '')
        throw new HttpError(400, 'BAD_REQUEST', 'Give your name or your desk’s.', 'analyst');
      await saveAssessment(folder, found, { analyst, set, rationale });
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      res.status(e.status);
      const problem = e.details.length > 0 ? e.details.join('\n') : e.message;
      res.render('assess', assessPage(found.id, doc, set, analyst, problem, rationale));
      return;
    }
    res.redirect(303, `/scenarios/${found.id}/panel`);
  });

  return router;
}

/** The scenario's document, or 422 with its problems. */
function valid(folder: ScenarioFolder, found: StoredScenario) {
  const { doc } = found;
  if (doc.ok) return doc;
  const e = HttpError.invalid(
    `${folder.relative(doc.opened)} does not validate. Fix these in your editor or in the browser (/scenarios/${found.variantOf ?? found.id}/edit), then reload:`,
    doc.errors,
  );
  throw e;
}

function topScenario(found: StoredScenario): StoredScenario {
  if (found.variantOf !== null)
    throw new HttpError(
      400,
      'BAD_REQUEST',
      `'${found.id}' is a ${found.kind}; panels belong to its scenario, '${found.variantOf}'`,
      'id',
    );
  return found;
}

/** The scenario, its variants and its assessments: what its compare view can pick from. */
async function comparable(folder: ScenarioFolder, base: string): Promise<StoredScenario[]> {
  const scenario = await folder.get(base);
  const out = scenario ? [scenario] : [];
  for (const v of await folder.variantEntries(base)) {
    const s = await folder.get(v.id);
    if (s) out.push(s);
  }
  out.push(...(await folder.assessments(base)));
  return out.filter((s) => s.doc.ok);
}

function nameOf(s: StoredScenario): string {
  if (s.variantOf === null) return 'the scenario file';
  const v = s.doc.ok ? s.doc.variant : null;
  return s.kind === 'assessment'
    ? `${v?.analyst ?? s.id}'s assessment`
    : `variant “${v?.title ?? s.id}”`;
}

function assessPage(
  id: string,
  doc: Extract<StoredScenario['doc'], { ok: true }>,
  set: Record<string, number | string>,
  analyst: string,
  error: string | null,
  rationale: Record<string, string> = {},
) {
  const params = doc.scenario.parameters;
  return {
    title: `Your assessment: ${doc.scenario.title}`,
    id,
    scenarioTitle: doc.scenario.title,
    analyst,
    error,
    rows: Object.entries(set).map(([name, value]) => {
      const p = params.find((q) => q.name === name);
      return {
        name,
        label: p?.label ?? name,
        value: String(value),
        base: String(Number((doc.base.parameters[name] ?? NaN).toPrecision(3))),
        why: rationale[name] ?? '',
      };
    }),
  };
}
