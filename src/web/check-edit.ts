import {
  evaluateDocumentTree,
  openScenario,
  openScenarioText,
  type ScenarioDocument,
} from '../document';
import { treeScore } from '../draw/tree-score';
import { layoutTree } from '../draw/tree-layout';
import { renderTreeSvg } from '../draw/tree-svg';
import { actionableErrors, editorSymbols, type ListedError } from './editor-model';

/**
 * Validation of a text being edited, as the file `file` would be (imports read beside it, inside
 * the served folder): its problems as the editor lists them, its names, and the tree drawn as
 * the scenario page draws it when it is valid.
 */
export async function checkEdit(
  yaml: string,
  file: string | undefined,
  folder: string,
  relative: (f: string) => string,
): Promise<{
  valid: boolean;
  errors: ListedError[];
  more: number;
  preview: string | null;
  symbols: ReturnType<typeof editorSymbols>;
}> {
  const doc: ScenarioDocument = file
    ? await openScenarioText(yaml, file, { folder })
    : openScenario(yaml, 'edited.yaml');
  const symbols = editorSymbols(yaml, doc, relative);
  if (!doc.ok) {
    const listed = actionableErrors(doc.errors, doc.file, relative);
    return { valid: false, ...listed, preview: null, symbols };
  }
  const result = evaluateDocumentTree(doc);
  const preview = result.ok
    ? renderTreeSvg(layoutTree(result.value.tree, treeScore(result.value.tree)), {
        focusable: true,
      })
    : null;
  return { valid: true, errors: [], more: 0, preview, symbols };
}
