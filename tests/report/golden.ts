import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openScenario, readScenario } from '../../src/document';
import type { Overrides } from '../../src/engine';
import { buildReport } from '../../src/report/data/build-report';
import type { ReportData, ReportOptions } from '../../src/report/report-data';

/**
 * Golden files: reports of tests/fixtures/report-small.yaml, compared byte for byte. After a
 * deliberate change of a report, rewrite them with
 * `UPDATE_GOLDEN=1 npm run test:unit -- tests/report` and read the diff before committing.
 */
export const GOLDEN_DIR = join(__dirname, 'golden');
export const SMALL = join(__dirname, '..', 'fixtures', 'report-small.yaml');
export const DATE = new Date('2026-11-25T00:00:00Z');

export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(file, actual, 'utf8');
    return;
  }
  if (!existsSync(file))
    throw new Error(`no golden file ${file}; create it with UPDATE_GOLDEN=1 and review it`);
  const expected = readFileSync(file);
  if (!expected.equals(Buffer.from(actual, 'utf8'))) expect(actual).toBe(expected.toString('utf8'));
}

/** The report of a fixture (report-small.yaml by default), with the date fixed. */
export async function reportOf(
  overrides: Overrides = {},
  options: ReportOptions = {},
  file = SMALL,
): Promise<ReportData> {
  const built = buildReport(await readScenario(file), overrides, { date: DATE, ...options });
  if (!built.ok) throw new Error(built.errors.map((e) => e.message).join('\n'));
  return built.value;
}

/** A report of a scenario given as text (YAML or JSON). */
export function reportOfText(text: string, overrides: Overrides = {}): ReportData {
  const built = buildReport(openScenario(text, 'scenario.yaml'), overrides, { date: DATE });
  if (!built.ok) throw new Error(built.errors.map((e) => e.message).join('\n'));
  return built.value;
}

/** A report of a variant of the small scenario (a file that `extends:` it), in a fresh folder. */
export async function variantReport(): Promise<ReportData> {
  const dir = mkdtempSync(join(tmpdir(), 'report-variant-'));
  writeFileSync(join(dir, 'small.yaml'), readFileSync(SMALL, 'utf8'));
  writeFileSync(
    join(dir, 'wet.yaml'),
    'extends: small.yaml\ntitle: A wet week\ndescription: What if the forecast is *wrong*?\nset:\n  p_rain: 0.7\n',
  );
  const built = buildReport(await readScenario(join(dir, 'wet.yaml')), {}, { date: DATE });
  if (!built.ok) throw new Error(built.errors.map((e) => e.message).join('\n'));
  return built.value;
}
