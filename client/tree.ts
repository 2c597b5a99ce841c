/**
 * The decision tree on the scenario page (views/partials/tree.ejs), made explorable. The server
 * draws the whole tree, which shows without script (scaled to its box, scrolling); this script
 * redraws it from the JSON beside it with the same layout and renderer (src/report/tree-*.ts),
 * and adds:
 *
 * - folding: a large or deep tree opens on the recommended policy, its likeliest subtrees
 *   unfolded as far as the box shows them legibly, everything else folded; a node's marker, the
 *   Enter or Space key, or the side panel's button folds and unfolds it;
 * - fit to view, zoom (buttons, +/- keys, Ctrl+wheel or a pinch) and pan (drag);
 * - a side panel with the focused or clicked node's label, probability and its phrase, score,
 *   payoffs, note and source;
 * - keyboard: one tab stop; arrows move between nodes (ARIA tree keys), the panel follows focus.
 *
 * The results script (client/app.ts) redraws the tree's markup after every recomputation; the
 * observer below picks the new data up and keeps what the analyst folded and where they looked.
 * Bundled by esbuild into public/tree.bundle.js (`npm run build:client`).
 */
import {
  layoutTreeData,
  type SvgNode,
  type SvgTree,
  type TreeDatum,
} from '../src/draw/tree-layout';
import { renderTreeSvg } from '../src/draw/tree-svg';

/** Below this scale the 11 px text would be under 8 px on screen: fitting stops there. */
const MIN_SCALE = 0.75;
const MAX_SCALE = 3;
/** Fit never enlarges a small tree beyond this. */
const FIT_MAX = 1.15;
/** Trees this small (and this shallow) open whole. */
const SMALL_TREE = 40;
const SHALLOW = 5;

interface View {
  /** The user-space point at the box's top-left corner, and screen px per user unit. */
  x: number;
  y: number;
  k: number;
}

function count(d: TreeDatum): number {
  return d.children.reduce((n, c) => n + 1 + count(c), 0);
}

function depthOf(d: TreeDatum): number {
  return d.children.reduce((m, c) => Math.max(m, 1 + depthOf(c)), 0);
}

function index(d: TreeDatum, into = new Map<string, TreeDatum>()): Map<string, TreeDatum> {
  into.set(d.path, d);
  for (const c of d.children) index(c, into);
  return into;
}

function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}

class TreeExplorer {
  private data!: TreeDatum;
  private nodes = new Map<string, TreeDatum>();
  private script: Element | null = null;
  private collapsed = new Set<string>();
  private laid!: SvgTree;
  private drawn = new Map<string, SvgNode>();
  private svg: SVGSVGElement | null = null;
  private view: View = { x: 0, y: 0, k: 1 };
  /** The analyst folded, zoomed or panned: a recomputation keeps it. */
  private folded = false;
  private moved = false;
  /** The node with the tab stop, and the one the panel shows. */
  private active: string | null = null;
  private shown: string | null = null;

  constructor(
    private readonly box: HTMLElement,
    private readonly panel: HTMLElement,
    toolbar: HTMLElement,
  ) {
    box.classList.add('tree-live');
    box.removeAttribute('tabindex');
    toolbar.hidden = false;
    this.load();
    new MutationObserver(() => this.load()).observe(box, { childList: true });
    this.wirePointer();
    box.addEventListener('keydown', (e) => this.onKey(e));
    box.addEventListener('focusin', (e) => {
      const g = (e.target as Element).closest?.('g.node');
      if (g) this.select(g.getAttribute('data-path')!);
    });
    toolbar.addEventListener('click', (e) => {
      const button = (e.target as Element).closest('button');
      if (button) this.command(button.getAttribute('data-tree')!);
    });
    panel.addEventListener('click', (e) => {
      const button = (e.target as Element).closest('button[data-fold]');
      if (button) this.toggle(button.getAttribute('data-fold')!, true);
    });
    new ResizeObserver(() => {
      if (!this.moved) this.fit();
      else this.apply();
    }).observe(box);
  }

  /** Reads the tree's data after the server or app.js (re)drew it; ignores our own redraws. */
  private load(): void {
    const script = this.box.querySelector('script.tree-data');
    if (!script || script === this.script) return;
    this.script = script;
    this.data = JSON.parse(script.textContent ?? 'null') as TreeDatum;
    this.nodes = index(this.data);
    if (this.folded) this.collapsed = new Set([...this.collapsed].filter((p) => this.nodes.has(p)));
    else this.collapsed = this.initialFold();
    if (this.active && !this.nodes.has(this.active)) this.active = null;
    this.draw();
    if (this.moved) this.apply();
    else this.fit();
    if (this.shown && this.nodes.has(this.shown)) this.showPanel(this.shown);
    else this.hidePanel();
  }

  /**
   * What a large or deep tree opens with: everything off the recommended policy folded, and the
   * policy's subtrees unfolded likeliest first while the whole still fits the box legibly.
   */
  private initialFold(): Set<string> {
    const all = [...this.nodes.values()].filter((d) => d.children.length > 0);
    if (count(this.data) + 1 <= SMALL_TREE && depthOf(this.data) <= SHALLOW) return new Set();
    const folded = new Set(all.map((d) => d.path));
    folded.delete(this.data.path);
    const frontier = this.data.children.filter((c) => c.onPolicy && c.children.length > 0);
    while (frontier.length > 0) {
      frontier.sort((a, b) => b.reachValue - a.reachValue);
      const next = frontier.shift()!;
      folded.delete(next.path);
      if (this.fitScale(layoutTreeData(this.data, { collapsed: folded })) < MIN_SCALE) {
        folded.add(next.path);
        continue;
      }
      frontier.push(...next.children.filter((c) => c.onPolicy && c.children.length > 0));
    }
    return folded;
  }

  private size(): { width: number; height: number } {
    return { width: this.box.clientWidth || 800, height: this.box.clientHeight || 600 };
  }

  private fitScale(t: SvgTree): number {
    const { width, height } = this.size();
    return Math.min(width / t.width, height / t.height);
  }

  private draw(): void {
    this.laid = layoutTreeData(this.data, { collapsed: this.collapsed });
    this.drawn = new Map(this.laid.nodes.map((n) => [n.path, n]));
    const template = document.createElement('template');
    template.innerHTML = renderTreeSvg(this.laid, { interactive: true });
    const svg = template.content.querySelector('svg')!;
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.setAttribute('aria-roledescription', 'decision tree');
    const old = this.box.querySelector('svg.tree');
    if (old) old.replaceWith(svg);
    else this.box.prepend(svg);
    this.svg = svg;
    if (!this.active || !this.drawn.has(this.active)) this.active = this.nearestDrawn(this.active);
    this.roving();
    this.apply();
  }

  /** The path itself if drawn, else its nearest drawn ancestor (the root for none). */
  private nearestDrawn(path: string | null): string {
    let p = path;
    while (p !== null && !this.drawn.has(p))
      p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : null;
    return p ?? this.data.path;
  }

  private element(path: string): SVGGElement | null {
    return this.svg?.querySelector(`g.node[data-path="${CSS.escape(path)}"]`) ?? null;
  }

  private roving(): void {
    for (const g of this.svg?.querySelectorAll('g.node') ?? [])
      g.setAttribute('tabindex', g.getAttribute('data-path') === this.active ? '0' : '-1');
  }

  // ---- view: fit, zoom, pan ----

  private apply(): void {
    if (!this.svg) return;
    const { width, height } = this.size();
    const { x, y, k } = this.view;
    this.svg.setAttribute('viewBox', `${x} ${y} ${width / k} ${height / k}`);
  }

  /** The whole drawn tree in the box, centred; never below the legible scale (then top-left). */
  fit(): void {
    const { width, height } = this.size();
    const t = this.laid;
    let k = Math.min(this.fitScale(t), FIT_MAX);
    if (k < MIN_SCALE) {
      k = MIN_SCALE;
      // Too big to show whole: the root and the recommended option's subtree first.
      const chosen =
        this.laid.nodes.find((n) => n.depth === 1 && n.onPolicy) ?? this.laid.nodes[0]!;
      const y = Math.min(
        Math.max(0, chosen.y - height / k / 2),
        Math.max(0, t.height - height / k),
      );
      this.view = { x: 0, y, k };
    } else {
      this.view = { x: (t.width - width / k) / 2, y: (t.height - height / k) / 2, k };
    }
    this.moved = false;
    this.apply();
  }

  private zoom(factor: number, at?: { x: number; y: number }): void {
    const { width, height } = this.size();
    const p = at ?? { x: width / 2, y: height / 2 };
    const k = Math.min(MAX_SCALE, Math.max(0.15, this.view.k * factor));
    const ux = this.view.x + p.x / this.view.k;
    const uy = this.view.y + p.y / this.view.k;
    this.view = { x: ux - p.x / k, y: uy - p.y / k, k };
    this.moved = true;
    this.apply();
  }

  private pan(dx: number, dy: number): void {
    this.view = {
      ...this.view,
      x: this.view.x - dx / this.view.k,
      y: this.view.y - dy / this.view.k,
    };
    this.moved = true;
    this.apply();
  }

  /** Moves the view the least that shows the node's text whole. */
  private reveal(path: string): void {
    const n = this.drawn.get(path);
    if (!n) return;
    const { width, height } = this.size();
    const v = this.view;
    const left = n.x + n.area.x - 8;
    const right = n.x + Math.max(n.area.x + n.area.width, 16) + 8;
    const top = n.y + n.area.y - 8;
    const bottom = n.y + n.area.y + n.area.height + 8;
    let { x, y } = v;
    if (right > x + width / v.k) x = right - width / v.k;
    if (left < x) x = left;
    if (bottom > y + height / v.k) y = bottom - height / v.k;
    if (top < y) y = top;
    if (x !== v.x || y !== v.y) {
      this.view = { ...v, x, y };
      this.apply();
    }
  }

  private wirePointer(): void {
    const pointers = new Map<number, { x: number; y: number }>();
    let dragged = false;
    let pinch = 0;
    this.box.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      dragged = false;
      if (pointers.size === 2) {
        const [a, b] = [...pointers.values()];
        pinch = Math.hypot(a!.x - b!.x, a!.y - b!.y);
      }
    });
    this.box.addEventListener('pointermove', (e) => {
      const last = pointers.get(e.pointerId);
      if (!last) return;
      const dx = e.clientX - last.x;
      const dy = e.clientY - last.y;
      if (!dragged && Math.hypot(dx, dy) < 4) return;
      if (!dragged) this.box.setPointerCapture(e.pointerId);
      dragged = true;
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pointers.size === 2) {
        const [a, b] = [...pointers.values()];
        const d = Math.hypot(a!.x - b!.x, a!.y - b!.y);
        if (pinch > 0) this.zoom(d / pinch);
        pinch = d;
      } else this.pan(dx, dy);
    });
    const up = (e: PointerEvent) => {
      pointers.delete(e.pointerId);
      if (pointers.size < 2) pinch = 0;
    };
    this.box.addEventListener('pointerup', up);
    this.box.addEventListener('pointercancel', up);
    this.box.addEventListener('click', (e) => {
      if (dragged) {
        dragged = false;
        return;
      }
      const g = (e.target as Element).closest('g.node');
      if (!g) return;
      const path = g.getAttribute('data-path')!;
      const onMarker = (e.target as Element).matches('.marker, .fold-ring');
      if (onMarker && this.nodes.get(path)!.children.length > 0) this.toggle(path, false);
      this.focusNode(path);
      this.select(path);
    });
    this.box.addEventListener(
      'wheel',
      (e) => {
        // A plain wheel scrolls the page; Ctrl+wheel (and a trackpad's pinch) zooms the tree.
        if (!e.ctrlKey && !e.metaKey) return;
        e.preventDefault();
        const r = this.box.getBoundingClientRect();
        this.zoom(Math.exp(-e.deltaY / 300), { x: e.clientX - r.left, y: e.clientY - r.top });
      },
      { passive: false },
    );
  }

  // ---- folding and keyboard ----

  /** Folds or unfolds `path`, keeping the node where it was on screen. */
  private toggle(path: string, keepFocus: boolean): void {
    const d = this.nodes.get(path);
    if (!d || d.children.length === 0) return;
    const before = this.drawn.get(path);
    if (this.collapsed.has(path)) this.collapsed.delete(path);
    else this.collapsed.add(path);
    this.folded = true;
    this.draw();
    const after = this.drawn.get(path);
    if (before && after) {
      this.view = {
        ...this.view,
        x: this.view.x + after.x - before.x,
        y: this.view.y + after.y - before.y,
      };
      this.apply();
    }
    if (keepFocus) this.focusNode(path);
    if (this.shown === path) this.showPanel(path);
  }

  private focusNode(path: string): void {
    this.active = path;
    this.roving();
    this.reveal(path);
    this.element(path)?.focus({ preventScroll: true });
  }

  /** Drawn nodes in reading order (pre-order), for Up and Down. */
  private order(): string[] {
    return this.laid.nodes.map((n) => n.path);
  }

  private onKey(e: KeyboardEvent): void {
    const g = (e.target as Element).closest?.('g.node');
    if (e.key === '+' || e.key === '=') return void (this.zoom(1.25), e.preventDefault());
    if (e.key === '-') return void (this.zoom(0.8), e.preventDefault());
    if (!g) return;
    const path = g.getAttribute('data-path')!;
    const d = this.nodes.get(path)!;
    const n = this.drawn.get(path)!;
    const open = d.children.length > 0 && !this.collapsed.has(path);
    const order = this.order();
    const at = order.indexOf(path);
    let target: string | null = null;
    switch (e.key) {
      case 'Enter':
      case ' ':
        this.toggle(path, true);
        break;
      case 'ArrowRight':
        if (d.children.length > 0 && !open) this.toggle(path, true);
        else if (open) target = d.children[0]!.path;
        break;
      case 'ArrowLeft':
        if (open) this.toggle(path, true);
        else target = n.parent;
        break;
      case 'ArrowDown':
        target = order[at + 1] ?? null;
        break;
      case 'ArrowUp':
        target = order[at - 1] ?? null;
        break;
      case 'Home':
        target = order[0] ?? null;
        break;
      case 'End':
        target = order[order.length - 1] ?? null;
        break;
      default:
        return;
    }
    e.preventDefault();
    if (target) this.focusNode(target);
  }

  private command(name: string): void {
    if (name === 'fit') this.fit();
    else if (name === 'in') this.zoom(1.25);
    else if (name === 'out') this.zoom(0.8);
    else if (name === 'unfold' || name === 'policy') {
      this.collapsed = name === 'unfold' ? new Set() : this.initialFold();
      this.folded = true;
      this.draw();
      this.fit();
    }
  }

  // ---- side panel ----

  private select(path: string): void {
    this.active = path;
    this.roving();
    this.showPanel(path);
  }

  private hidePanel(): void {
    this.shown = null;
    for (const g of this.svg?.querySelectorAll('g.node.selected') ?? [])
      g.classList.remove('selected');
    this.panel.replaceChildren(this.hint());
  }

  private hint(): HTMLElement {
    const p = document.createElement('p');
    p.className = 'tree-panel-hint';
    p.textContent =
      'Select a node (click it, or Tab into the tree and use the arrow keys) to see its probability, payoffs, note and source here. Enter or a click on its marker folds and unfolds it.';
    return p;
  }

  private showPanel(path: string): void {
    const d = this.nodes.get(path);
    if (!d) return;
    this.shown = path;
    for (const g of this.svg?.querySelectorAll('g.node.selected') ?? [])
      g.classList.remove('selected');
    this.element(path)?.classList.add('selected');
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string) => {
      const x = document.createElement(tag);
      if (text !== undefined) x.textContent = text;
      if (cls) x.className = cls;
      return x;
    };
    const kind = { decision: 'Decision', chance: 'Chance event', outcome: 'Outcome' }[d.type];
    const status = d.chosen
      ? 'the option the recommended policy takes'
      : d.rejected
        ? 'off the recommended policy (a rejected option or under one)'
        : d.onPolicy
          ? 'on the recommended policy'
          : 'not reached under the recommended policy';
    const heading = el('h3', d.label, 'tree-panel-title');
    heading.id = 'tree-panel-title';
    const list = el('dl', undefined, 'tree-panel-facts');
    const fact = (term: string, value: string | Node) => {
      const div = el('div');
      div.append(el('dt', term));
      const dd = el('dd');
      dd.append(value);
      div.append(dd);
      list.append(div);
    };
    fact('Kind', `${kind}, ${status}`);
    if (d.probability !== null) fact('Probability (given the node before)', d.probability);
    if (d.onPolicy && path !== this.data.path) fact('Reached under the policy', d.reach);
    fact('Expected score from here', d.score);
    fact(
      'Payoffs at this node',
      d.payoffs.length === 0 ? 'none' : d.payoffs.map((p) => `${p.label}: ${p.amount}`).join('; '),
    );
    if (d.note !== null) fact('Note', d.note);
    if (d.source) {
      const s = d.source;
      const cite = document.createDocumentFragment();
      if (s.url && isWebUrl(s.url)) {
        const a = el('a', s.title);
        a.href = s.url;
        a.rel = 'noopener noreferrer';
        cite.append(a);
      } else cite.append(el('cite', s.title));
      if (s.detail) cite.append(`, ${s.detail}`);
      fact('Source', cite);
    }
    const children: Node[] = [heading, list];
    if (d.children.length > 0) {
      const folded = this.collapsed.has(path);
      const button = el(
        'button',
        folded ? `Unfold (${count(d)} nodes under it)` : 'Fold this subtree',
        'secondary',
      );
      button.type = 'button';
      button.setAttribute('data-fold', path);
      children.push(button);
    }
    this.panel.replaceChildren(...children);
  }
}

function start(): void {
  const box = document.getElementById('tree');
  const panel = document.getElementById('tree-panel');
  const toolbar = document.getElementById('tree-toolbar');
  if (!box || !panel || !toolbar || !box.querySelector('script.tree-data')) return;
  new TreeExplorer(box, panel, toolbar);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
