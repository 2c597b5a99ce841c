import type { FunctionNode, MathNode, SymbolNode } from 'mathjs';
import type { FunctionDefinition } from './code-definitions';
import { math } from './math';

export type Inlined = { ok: true; text: string } | { ok: false; message: string };

/**
 * Replaces each call of a function defined in SilverDecisions code by the function's body, with
 * the arguments in place of the parameters, both in parentheses: `transformPayoff(9)` with
 * `transformPayoff(p) = p^2/2` becomes `((9) ^ 2 / 2)`. branchpoint expressions have no function
 * definitions, and a one-line math.js function is exactly its body. Text that calls none of them
 * is returned as written.
 */
export function inlineFunctions(
  text: string,
  functions: ReadonlyMap<string, FunctionDefinition>,
): Inlined {
  if (functions.size === 0 || ![...functions.keys()].some((name) => text.includes(name)))
    return { ok: true, text };
  let tree: MathNode;
  try {
    tree = math.parse(text);
  } catch {
    // Not ours to report: the loader's check of the expression says what is wrong with it.
    return { ok: true, text };
  }
  const calling: string[] = [];
  // Set inside the transform below, so a holder: TypeScript would narrow a plain `let` to null.
  const found: { cycle: string | null } = { cycle: null };

  const inline = (node: MathNode): MathNode =>
    node.transform((n) => {
      if (n.type !== 'FunctionNode') return n;
      const call = n as unknown as FunctionNode;
      const name = call.fn.type === 'SymbolNode' ? call.fn.name : '';
      const f = functions.get(name);
      if (!f) return n;
      // A function that calls itself, directly or not, has no finite inlining.
      if (calling.includes(name)) {
        found.cycle ??= [...calling.slice(calling.indexOf(name)), name].join(' -> ');
        return n;
      }
      if (call.args.length !== f.params.length) return n;
      const args = call.args.map(inline);
      calling.push(name);
      const body = inline(
        f.body.transform((s) => {
          const i =
            s.type === 'SymbolNode' ? f.params.indexOf((s as unknown as SymbolNode).name) : -1;
          return i >= 0 ? new math.ParenthesisNode(args[i]!) : s;
        }),
      );
      calling.pop();
      return new math.ParenthesisNode(body);
    });

  const result = inline(tree);
  if (found.cycle !== null)
    return { ok: false, message: `the functions call each other in a cycle: ${found.cycle}` };
  return { ok: true, text: result.toString({ parenthesis: 'keep' }) };
}
