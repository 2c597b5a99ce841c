import { Router } from 'express';
import { basename } from 'node:path';
import {
  buildReport,
  readPanel,
  CSV_TABLES,
  REPORT_EXTENSIONS,
  REPORT_FORMATS,
  REPORT_MEDIA_TYPES,
  renderReport,
  type CsvTable,
  type ReportFormat,
} from '../report';
import { formatDiagnostic } from '../load';
import { inScenarioOrder, readForm } from './form-overrides';
import { variantFormValues } from './variant-form-values';
import { SCENARIO_ID, type ScenarioStore } from './scenario-store';

/** Formats a browser shows in a tab of its own when asked (`?inline=1`). */
const INLINE_FORMATS: readonly ReportFormat[] = ['html', 'json', 'svg'];

/** A Content-Disposition header with the file name (plain ASCII: ids are a-z, 0-9, _ and -). */
function contentDisposition(name: string, type: 'inline' | 'attachment'): string {
  return `${type}; filename="${name.replace(/["\\]/g, '')}"`;
}

/** Whether the form's values are exactly the variant's own (a variant's page left alone). */
function sameAsVariant(values: Record<string, string>, doc: { ok: boolean }): boolean {
  const own = doc.ok ? variantFormValues(doc as Parameters<typeof variantFormValues>[0]) : {};
  const keys = Object.keys(values);
  return keys.length === Object.keys(own).length && keys.every((k) => own[k] === values[k]);
}

/**
 * The page's Export menu: `/scenarios/:id/report.FORMAT?<the page's query>` is the report of
 * exactly what is on screen, tweaks included (the same query string the page keeps in its address).
 */
export function exportRoutes(store: ScenarioStore): Router {
  const router = Router();

  router.get('/scenarios/:id/report.:format', async (req, res) => {
    const id = String(req.params.id).toLowerCase();
    const format = String(req.params.format) as ReportFormat;
    const found = SCENARIO_ID.test(id) ? await store.get(id) : undefined;
    if (!found || !REPORT_FORMATS.includes(format)) {
      res
        .status(404)
        .render('error', { title: 'Not found', message: 'There is no such report.', errors: [] });
      return;
    }
    const table = typeof req.query.table === 'string' ? req.query.table : 'options';
    if (format === 'csv' && !(CSV_TABLES as readonly string[]).includes(table)) {
      res.status(400).render('error', {
        title: 'Bad request',
        message: `A CSV export holds one table: ${CSV_TABLES.join(', ')}.`,
        errors: [],
      });
      return;
    }
    const form = readForm(req.query);
    const { doc } = found;
    // Observations apply in the order the scenario lists its indicators, as on the page.
    const overrides = doc.ok ? inScenarioOrder(form.overrides, doc.scenario) : form.overrides;
    const report =
      Object.keys(form.errors).length === 0
        ? buildReport(doc, overrides, { panel: await readPanel(doc) })
        : undefined;
    if (!report?.ok) {
      const errors =
        report && !report.ok
          ? store.relativeErrors(report.errors).map((e) => formatDiagnostic(e))
          : Object.values(form.errors);
      res.status(422).render('error', {
        title: 'Cannot export these values',
        message: 'Fix these on the scenario page, then export again:',
        errors,
      });
      return;
    }
    // A variant's id carries its name; values changed on the page say so in the name too.
    const tweaked = Object.keys(form.values).length > 0 && !sameAsVariant(form.values, doc);
    const name = `${basename(id)}${tweaked ? '-tweaked' : ''}${format === 'csv' ? `-${table}` : ''}${REPORT_EXTENSIONS[format]}`;
    const body = renderReport(
      report.value,
      format,
      format === 'csv' ? { table: table as CsvTable } : {},
    );
    res.type(REPORT_MEDIA_TYPES[format]);
    if (req.query.inline === '1' && INLINE_FORMATS.includes(format)) {
      // Shown in a tab of its own: the HTML report carries its styles inline and no script.
      res.set('Content-Disposition', contentDisposition(name, 'inline'));
      if (format === 'html')
        res.set(
          'Content-Security-Policy',
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        );
    } else res.attachment(name);
    res.send(body);
  });

  return router;
}
