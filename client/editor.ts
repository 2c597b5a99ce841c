/**
 * The scenario editor in the browser (views/edit.ejs): CodeMirror 6 over the page's textarea,
 * which stays the form field and the editor without JavaScript. The server's validator is the
 * linter: its problems are underlined at their line and column, marked in the gutter and listed
 * above the editor, where a click moves to the place and scrolls it into view. Names of the
 * scenario complete as they are typed; resting the pointer on a parameter shows its value, note
 * and source. Leaving with unsaved changes asks first. Bundled by esbuild into
 * public/editor.bundle.js (`npm run build:client`).
 */
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  foldKeymap,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState, type Text } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  hoverTooltip,
  keymap,
  lineNumbers,
} from '@codemirror/view';

/** A problem as the server lists it (src/web/editor-model.ts). */
interface ListedError {
  line: number | null;
  column: number | null;
  message: string;
  file: string | null;
  code: string;
}

interface ParameterInfo {
  name: string;
  written: string;
  value: number | null;
  label: string | null;
  note: string | null;
  source: string | null;
  from: string | null;
}

interface Symbols {
  parameters: ParameterInfo[];
  criteria: string[];
  subtrees: string[];
  sources: { id: string; title: string }[];
  nodeTypes: string[];
  phrases: string[];
}

interface Checked {
  valid: boolean;
  errors: ListedError[];
  more: number;
  preview: string | null;
  symbols: Symbols;
}

interface PageData {
  id: string;
  symbols: Symbols;
  errors: ListedError[];
  more: number;
}

const LINT_DELAY_MS = 400;

function start(): void {
  const form = document.getElementById('editor') as HTMLFormElement | null;
  const textarea = document.getElementById('yaml') as HTMLTextAreaElement | null;
  const dataNode = document.getElementById('editor-data');
  if (!form || !textarea || !dataNode) return;
  const data = JSON.parse(dataNode.textContent ?? '{}') as PageData;
  const list = document.getElementById('edit-errors') as HTMLOListElement;
  const head = document.getElementById('problems-head') as HTMLElement;
  const preview = document.getElementById('preview') as HTMLElement;
  const status = form.querySelector('.edit-status') as HTMLElement;
  let symbols = data.symbols;
  const initial = textarea.value;
  let submitting = false;

  const dirty = (): boolean => view.state.doc.toString() !== initial;

  // The editor lives in a shadow root: CodeMirror then styles it through constructed style
  // sheets, which the page's CSP (style-src 'self', no inline styles) permits.
  const host = document.createElement('div');
  host.className = 'code-editor';
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = document.createElement('link');
  sheet.rel = 'stylesheet';
  sheet.href = '/static/editor-shadow.css';
  const parent = document.createElement('div');
  parent.className = 'frame';
  shadow.append(sheet, parent);
  const view = new EditorView({
    parent,
    root: shadow,
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        foldGutter(),
        lintGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        yaml(),
        EditorState.tabSize.of(2),
        linter((v) => lint(v.state.doc), { delay: LINT_DELAY_MS }),
        autocompletion({ override: [complete], activateOnTyping: true }),
        hoverTooltip(hover),
        keymap.of([
          { key: 'Mod-s', run: () => (form.requestSubmit(), true) },
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...historyKeymap,
          ...foldKeymap,
          ...completionKeymap,
          indentWithTab,
        ]),
        EditorView.contentAttributes.of({ 'aria-label': 'Scenario YAML', spellcheck: 'false' }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) form.classList.toggle('dirty', dirty());
        }),
      ],
    }),
  });
  textarea.after(host);
  textarea.hidden = true;
  document.querySelector('label[for="yaml"]')?.addEventListener('click', () => view.focus());

  // The form posts the textarea: it gets the editor's text just before.
  form.addEventListener('submit', () => {
    textarea.value = view.state.doc.toString();
    submitting = true;
  });
  window.addEventListener('beforeunload', (event) => {
    if (submitting || !dirty()) return;
    event.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = '';
  });
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a.cancel')) {
    link.addEventListener('click', (event) => {
      if (!dirty()) return;
      if (!window.confirm('Leave without saving? Your changes will be lost.'))
        event.preventDefault();
      else submitting = true;
    });
  }

  list.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-line]');
    if (!link) return;
    event.preventDefault();
    goTo(Number(link.dataset.line), Number(link.dataset.column));
  });

  /** Moves the cursor to a line and column and scrolls them to the middle of the editor. */
  function goTo(line: number, column: number): void {
    const pos = position(view.state.doc, line, column);
    view.dispatch({
      selection: { anchor: pos },
      effects: EditorView.scrollIntoView(pos, { y: 'center' }),
    });
    view.focus();
    host.scrollIntoView({ block: 'nearest' });
  }

  let ticket = 0;
  async function lint(doc: Text): Promise<Diagnostic[]> {
    const mine = ++ticket;
    let reply: Checked;
    try {
      reply = await validate(doc.toString(), data.id);
    } catch {
      if (mine === ticket) status.textContent = 'Could not reach the server to check the text.';
      return [];
    }
    if (mine !== ticket) return [];
    symbols = reply.symbols;
    show(reply.errors, reply.more);
    status.textContent = reply.valid
      ? 'Valid: ready to save.'
      : 'Not valid yet: saving will be refused.';
    // The server's renderer escapes every text it draws.
    if (reply.preview) preview.innerHTML = reply.preview;
    return reply.errors.flatMap((e) =>
      e.line === null || e.file !== null ? [] : [diagnosticAt(doc, e)],
    );
  }

  function show(errors: ListedError[], more: number): void {
    list.textContent = '';
    const total = errors.length + more;
    head.textContent = total === 0 ? '' : `${total} problem${total === 1 ? '' : 's'} to fix`;
    for (const e of errors) {
      const li = document.createElement('li');
      if (e.line !== null && e.file === null) {
        const a = document.createElement('a');
        a.href = '#yaml';
        a.dataset.line = String(e.line);
        a.dataset.column = String(e.column ?? 1);
        a.textContent = `line ${e.line}, column ${e.column ?? 1}`;
        li.append(a, `: ${e.message}`);
      } else if (e.file !== null) {
        const where = document.createElement('span');
        where.className = 'where';
        where.textContent =
          e.line === null ? e.file : `${e.file}, line ${e.line}, column ${e.column ?? 1}`;
        li.append(where, `: ${e.message}`);
      } else {
        li.textContent = e.message;
      }
      list.append(li);
    }
    if (more > 0) {
      const li = document.createElement('li');
      li.className = 'more';
      li.textContent = `and ${more} more`;
      list.append(li);
    }
  }

  function complete(context: CompletionContext): CompletionResult | null {
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, context.pos - line.from);
    const word = context.matchBefore(/[\w-]*/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    const keyed = /^(\s*(?:-\s+)?)([\w-]+):\s*(["']?)(.*)$/.exec(before);
    const params = (): Completion[] =>
      symbols.parameters.map((p) => ({
        label: p.name,
        type: 'variable',
        detail: p.value === null ? p.written : String(round(p.value)),
        info: p.label ?? p.note ?? undefined,
      }));
    if (!keyed) {
      // A key being typed: a criterion inside a payoff mapping, nothing else.
      return underPayoff(context.state.doc, line.number, before)
        ? {
            from: word.from,
            options: symbols.criteria.map((c) => ({ label: c, type: 'property' })),
          }
        : null;
    }
    const key = keyed[2]!;
    const value = keyed[4]!;
    switch (key) {
      case 'type':
        return {
          from: word.from,
          options: symbols.nodeTypes.map((t) => ({ label: t, type: 'keyword' })),
        };
      case 'source':
        return {
          from: word.from,
          options: symbols.sources.map((s) => ({ label: s.id, type: 'constant', detail: s.title })),
        };
      case 'use':
        return {
          from: word.from,
          options: symbols.subtrees.map((s) => ({ label: s, type: 'class' })),
        };
      case 'value':
      case 'probability': {
        // A phrase may have spaces: it replaces the whole value typed so far.
        const phraseLike = /^[a-z ]*$/i.test(value);
        const phrases = symbols.phrases.map((p) => ({ label: p, type: 'text', boost: -1 }));
        return phraseLike
          ? { from: context.pos - value.length, options: [...params(), ...phrases] }
          : { from: word.from, options: params() };
      }
      default:
        if (underPayoff(context.state.doc, line.number, before) && value === '')
          return {
            from: word.from,
            options: symbols.criteria.map((c) => ({ label: c, type: 'property' })),
          };
        return /^(payoff|weight|range|distribution)$/.test(key) ||
          keyed[3] !== '' ||
          /^[a-z_]/i.test(value)
          ? { from: word.from, options: params() }
          : null;
    }
  }

  function hover(v: EditorView, pos: number): ReturnType<Parameters<typeof hoverTooltip>[0]> {
    const line = v.state.doc.lineAt(pos);
    let from = pos - line.from;
    let to = from;
    const text = line.text;
    while (from > 0 && /[\w]/.test(text[from - 1]!)) from--;
    while (to < text.length && /[\w]/.test(text[to]!)) to++;
    const name = text.slice(from, to);
    const p = symbols.parameters.find((x) => x.name === name);
    if (!p) return null;
    return {
      pos: line.from + from,
      end: line.from + to,
      above: true,
      create: () => ({ dom: parameterCard(p, symbols) }),
    };
  }
}

/** The pointer's card for a parameter: its value, label, note and source. */
function parameterCard(p: ParameterInfo, symbols: Symbols): HTMLElement {
  const dom = document.createElement('div');
  dom.className = 'param-card';
  const title = document.createElement('strong');
  title.textContent = p.name;
  const value = document.createElement('span');
  value.className = 'value';
  value.textContent =
    p.value === null
      ? ` = ${p.written}`
      : ` = ${round(p.value)}${p.written !== '' && p.written !== String(p.value) ? ` (${p.written})` : ''}`;
  dom.append(title, value);
  const add = (cls: string, text: string | null): void => {
    if (!text) return;
    const el = document.createElement('div');
    el.className = cls;
    el.textContent = text;
    dom.append(el);
  };
  add('label', p.label);
  add('note', p.note);
  if (p.source) {
    const s = symbols.sources.find((x) => x.id === p.source);
    add('source', `Source: ${p.source}${s?.title ? ` (${s.title})` : ''}`);
  }
  if (p.from) add('from', `From ${p.from}`);
  return dom;
}

/** Whether the line being typed lies in a `payoff:` mapping (the nearest less indented key). */
function underPayoff(doc: Text, lineNo: number, before: string): boolean {
  const indent = /^\s*/.exec(before)![0].length;
  for (let n = lineNo - 1; n >= 1 && n > lineNo - 50; n--) {
    const text = doc.line(n).text;
    if (text.trim() === '' || text.trim().startsWith('#')) continue;
    const own = /^\s*/.exec(text)![0].length;
    if (own < indent) return /^\s*(?:-\s+)?payoff:\s*$/.test(text);
  }
  return false;
}

/** The offset of 1-based `line` and `column`, kept inside the text. */
function position(doc: Text, line: number, column: number): number {
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  return Math.min(l.to, l.from + Math.max(0, column - 1));
}

/** A server problem as an editor diagnostic: from its column to the end of the word there. */
function diagnosticAt(doc: Text, e: ListedError): Diagnostic {
  const from = position(doc, e.line!, e.column ?? 1);
  const line = doc.lineAt(from);
  const rest = line.text.slice(from - line.from);
  const word = /^[^\s:,[\]{}]+/.exec(rest)?.[0].length ?? 0;
  const to = word > 0 ? from + word : Math.min(line.to, from + 1);
  return { from, to: Math.max(to, from), severity: 'error', message: e.message, source: e.code };
}

async function validate(text: string, id: string): Promise<Checked> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
  };
  const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content;
  if (csrf) headers['x-csrf-token'] = csrf;
  const response = await fetch('/api/validate', {
    method: 'POST',
    headers,
    body: JSON.stringify({ yaml: text, id }),
  });
  if (!response.ok) throw new Error(`validate: ${response.status}`);
  return (await response.json()) as Checked;
}

function round(x: number): string {
  return String(Math.round(x * 1e4) / 1e4);
}

start();
