import { compileExpression } from '../../src/expr/compile-expression';
test('probe', () => {
  for (const t of ['round(2.675, 2)','round(1.005, 2)','round(-2.5)','round(2.5)','floor(0.7/0.1)','ceil(0.3/0.1)','7 % 0.1','-7 % 3','7 % -3','5 % 0','log(8, 2)','0.1+0.2 == 0.3','round(-2.675, 2)','max()','round(1.5, 0.5)', 'round(1.23456, 20)', 'a % b', '50%', '2 ^ -1', '1e308*10']) {
    const r = compileExpression(t, new Map([['a', 0], ['b', 1]]));
    let v: unknown = null;
    if (r.ok) { try { v = r.expression.evaluate(new Float64Array([2, 3])); } catch (e) { v = 'THROW ' + String(e); } }
    console.log(t, JSON.stringify(r.ok ? ['OK', v] : r.problems));
  }
});
