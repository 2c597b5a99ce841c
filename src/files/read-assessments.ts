import { readdir } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Diagnostic } from '../model/diagnostic';
import type { VariantInfo } from './read-overlay';
import { readOverlay } from './read-overlay';
import { readText } from './read-text';

/** The folder that holds a scenario's assessments: `NAME.assessments/` beside it. */
export function assessmentFolder(scenarioFile: string): string {
  const name = basename(scenarioFile, extname(scenarioFile));
  return join(dirname(scenarioFile), `${name}.assessments`);
}

/**
 * Every assessment of a scenario (FORMAT.md section 10), in file-name order. A file that does not
 * assess this scenario, or does not read as an assessment, is a problem, not silently skipped.
 */
export async function readAssessments(
  scenarioFile: string,
): Promise<{ assessments: VariantInfo[]; errors: Diagnostic[]; texts: Map<string, string> }> {
  const folder = assessmentFolder(scenarioFile);
  const names = await readdir(folder).catch(() => [] as string[]);
  const out = { assessments: [] as VariantInfo[], errors: [] as Diagnostic[], texts: new Map() };
  for (const name of names.filter((n) => /\.ya?ml$/i.test(n)).sort()) {
    const file = join(folder, name);
    const text = await readText(file);
    if (!text.ok) {
      out.errors.push(...text.errors);
      continue;
    }
    out.texts.set(file, text.value);
    const overlay = readOverlay(text.value, file);
    if (!overlay.ok) {
      out.errors.push(...overlay.errors);
      continue;
    }
    const { info, target, at } = overlay.value;
    if (info.kind !== 'assessment' || resolve(folder, target) !== resolve(scenarioFile)) {
      out.errors.push({
        code: 'BAD_VALUE',
        message: `${info.kind === 'assessment' ? `assesses ${target}, not ${basename(scenarioFile)}` : 'is a variant, not an assessment'}; assessments of a scenario sit in ${basename(folder)}/ and name it with assesses: ../${basename(scenarioFile)}`,
        file,
        line: at.line,
        column: at.column,
        path: null,
      });
      continue;
    }
    out.assessments.push(info);
  }
  return out;
}
