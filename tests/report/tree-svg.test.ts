import { evaluateTree } from '../../src/engine';
import { layoutTree } from '../../src/report/tree-layout';
import { renderTreeSvg } from '../../src/report/tree-svg';
import { scenarioOf } from '../helpers/scenario';

function treeOf(yaml: string) {
  const result = evaluateTree(scenarioOf(yaml));
  if (!result.ok) throw new Error('expected a valid scenario');
  return layoutTree(result.value.tree, (x) => x.toFixed(2));
}

const hostile = JSON.stringify({
  title: 'T',
  root: {
    type: 'decision',
    label: '<script>alert(1)</script>',
    note: 'a "quoted" & <b>bold</b> note',
    options: [
      { label: 'A & B', type: 'outcome', payoff: 1 },
      { label: 'C', type: 'outcome', payoff: 2 },
    ],
  },
});

describe('renderTreeSvg', () => {
  it('escapes labels and notes, which are user content', () => {
    const svg = renderTreeSvg(treeOf(hostile));
    expect(svg).not.toMatch(/<script|<b>/);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('A &amp; B');
    expect(svg).toContain('a &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt; note');
  });

  it('draws decisions as squares, outcomes as triangles, and marks the policy', () => {
    const svg = renderTreeSvg(treeOf(hostile));
    expect(svg).toMatch(
      /<g class="node decision policy" data-path="script-alert-1-script"[^>]*>[\s\S]*?<rect /,
    );
    expect(svg).toMatch(
      /<g class="node outcome policy" data-path="script-alert-1-script\/c"[^>]*>[\s\S]*?<polygon /,
    );
    expect(svg).toMatch(/<g class="node outcome rejected" data-path="script-alert-1-script\/a-b"/);
  });

  it('makes a standalone document with its own styles and no outside references', () => {
    const svg = renderTreeSvg(treeOf(hostile), { standalone: true });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<style>');
    expect(svg.replace('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:|href=/);
  });
});
