import { evaluateTree } from '../../src/engine';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { treeScore } from '../../src/draw/tree-score';
import { renderTreeFigure } from '../../src/draw/tree-html';
import { textWidth, wrapText } from '../../src/draw/text-width';
import { LABEL_SIZE, layoutTree, layoutTreeData, treeData } from '../../src/draw/tree-layout';
import { captionTreeSvg, renderTreeSvg } from '../../src/draw/tree-svg';
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

  it('keeps the title and the changed assumptions above a standalone tree', () => {
    const svg = captionTreeSvg(renderTreeSvg(treeOf(hostile), { standalone: true }), {
      title: 'A <title>',
      lines: ['Weight of cost: 0.3 → 0.5'],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('A &lt;title&gt;');
    expect(svg).toContain('Weight of cost: 0.3 → 0.5');
    expect(svg.match(/<svg /g)).toHaveLength(2);
  });
});

describe('labels are wrapped, never cut', () => {
  const big = scenarioOf(
    readFileSync(join(__dirname, '..', 'fixtures', 'tree-300', 'generated-300.yaml'), 'utf8'),
  );
  const result = evaluateTree(big);
  if (!result.ok) throw new Error('expected a valid scenario');
  const data = treeData(result.value.tree, treeScore(result.value.tree));

  it('keeps every character of a label, on lines no wider than the column', () => {
    const laid = layoutTreeData(data);
    expect(laid.nodes).toHaveLength(300);
    const labels = new Map<string, string>();
    const walk = (d: typeof data) => {
      labels.set(d.path, d.label);
      d.children.forEach(walk);
    };
    walk(data);
    for (const n of laid.nodes) {
      expect(n.lines.join('').replace(/\s/g, '')).toBe(labels.get(n.path)!.replace(/\s/g, ''));
      for (const line of n.lines)
        expect(textWidth(line, LABEL_SIZE, n.onPolicy)).toBeLessThanOrEqual(n.area.width);
      expect(n.lines.some((l) => l.includes('…'))).toBe(false);
    }
    // A word longer than a line is split between letters, not hidden.
    expect(wrapText('Supercalifragilisticexpialidocious', 60, 12).join('')).toBe(
      'Supercalifragilisticexpialidocious',
    );
  });

  it('gives every node its own room: no two label areas overlap', () => {
    const laid = layoutTreeData(data);
    const boxes = laid.nodes.map((n) => ({
      x: n.x + n.area.x,
      y: n.y + n.area.y,
      w: n.area.width,
      h: n.area.height,
      path: n.path,
    }));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        if (overlap) throw new Error(`${a.path} overlaps ${b.path}`);
      }
  });

  it('folds subtrees: a folded node says how many nodes it hides', () => {
    const laid = layoutTreeData(data, { collapsed: new Set([data.children[0]!.path]) });
    const folded = laid.nodes.find((n) => n.path === data.children[0]!.path)!;
    expect(folded.collapsed).toBe(true);
    expect(laid.nodes).toHaveLength(300 - folded.hidden);
    expect(folded.meta.join(' ')).toMatch(new RegExp(`${folded.hidden} more nodes folded`));
  });

  it('dims a rejected option and everything under it, and never shows -0', () => {
    const svg = renderTreeSvg(layoutTreeData(data));
    const rejected = data.children.find((c) => c.rejected)!;
    const under = (d: typeof data): (typeof data)[] => [d, ...d.children.flatMap(under)];
    for (const d of under(rejected)) expect(d.rejected).toBe(true);
    expect(svg).not.toMatch(/>-0(\.0+)?</);
    expect(svg).not.toMatch(/score -0(\.0+)?\b(?!\.\d*[1-9])/);
  });

  it('embeds the data for the page script, inert and unable to close its element', () => {
    const html = renderTreeFigure({ ...data, label: '</script><script>alert(1)</script>' });
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).toContain('\\u003c/script\\u003e');
  });
});
