/**
 * Live recomputation for the scenario page. The page works without this script: the form
 * submits with GET and the server renders the results. With it, every change is sent to
 * `POST /api/scenarios/:id/explore` with the query of what the page shows, and the answer says
 * only what differs: the result parts are drawn again with the server's own partials (compiled
 * for the page at /static/live-templates.js), the tree's changed numbers are merged into its
 * data and drawn by the server's renderTreeFigure. The numbers that need many rollbacks
 * (tipping point, break-evens, expectations, indicators to watch) come in a second answer
 * (`?part=robustness`) and are marked as being worked out until then. Each change is a
 * history entry, so Back undoes it. Saving, renaming and deleting variants need it (they send JSON, which no
 * cross-site form can).
 */

import { renderTreeFigure } from '../src/draw/tree-html';
import { withTreeChanges, type TreeDatum, type TreeNumbers } from '../src/draw/tree-layout';

/**
 * A field's state as the fast answer of `POST /api/scenarios/:id/explore` gives it
 * (src/web/live-view.ts): only fields that are changed or wrong are listed.
 */
interface FieldState {
  name: string;
  value: string;
  changed: boolean;
  error: string | null;
  phrase: string | null;
}

interface IndicatorState {
  id: string;
  name: string;
  state: 'unknown' | 'seen' | 'not';
  error: string | null;
}

/** The locals of one part's partial, rendered by the same template as the server's. */
type PartLocals = Record<string, unknown>;

/** The fast answer: a rollback's results, only what differs from what the page shows. */
interface FastAnswer {
  stale: boolean;
  changed: boolean;
  dirty: boolean;
  query: string;
  messages: string[];
  invalid: { label: string; htmlId: string; message: string }[];
  fields: FieldState[];
  indicators: IndicatorState[];
  parts: Record<string, PartLocals>;
  tree: Record<string, Partial<TreeNumbers>>;
}

/** The robustness answer (`?part=robustness`): what needs many rollbacks. */
interface RobustnessAnswer {
  stale: boolean;
  query: string;
  parts: Record<string, PartLocals>;
  breakEvens: { name: string; text: string }[];
  indicators: { id: string; watch: boolean; sentences: string[] }[];
}

interface ApiErrors {
  errors?: { message: string }[];
}

/** The result partials compiled for this script (src/web/live-templates.ts). */
declare global {
  interface Window {
    branchpointTemplates?: { render(part: string, locals: PartLocals): string };
  }
}

/** How a recompute changes the address: a new history entry, the same one, or none (Back). */
type HistoryMode = 'push' | 'replace' | 'none';

const form = document.getElementById('tweaks') as HTMLFormElement | null;
if (form) setUp(form);

function setUp(form: HTMLFormElement): void {
  const scenario = form.dataset.scenario ?? '';
  const results = byId('results');
  const verdict = byId('verdict');
  const tree = byId('tree');
  const banner = byId('stale-banner');
  const messages = form.querySelector<HTMLElement>('.form-errors')!;
  const reset = form.querySelector<HTMLAnchorElement>('.reset');
  const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]');
  let timer: number | undefined;
  let latest = 0;
  let mode: HistoryMode = 'push';
  /** The query of the values the results show: the server answers with what differs. */
  let shown = form.dataset.shown ?? '';

  function headers(): Record<string, string> {
    const h: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    if (csrf?.content) h['x-csrf-token'] = csrf.content;
    return h;
  }

  // Sliders are useless without script, so they start hidden and appear here.
  for (const s of form.querySelectorAll<HTMLInputElement>('input.slider')) s.hidden = false;

  // On a phone the assumptions fold away under the recommendation; a tap opens them.
  const panel = document.getElementById('inputs-panel') as HTMLDetailsElement | null;
  if (panel && window.matchMedia('(max-width: 40rem)').matches) panel.open = false;

  /** The number boxes and the indicators' answers (a phrase select writes into its box). */
  function fields(): Record<string, string> {
    const data: Record<string, string> = {};
    for (const input of form.querySelectorAll<HTMLInputElement>('input[name]')) {
      if (input.type === 'radio' && !input.checked) continue;
      if (input.value.trim() !== '') data[input.name] = input.value;
    }
    return data;
  }

  function showPhrase(select: HTMLSelectElement, phrase: string | null): void {
    for (const o of select.options) o.selected = (o.dataset.phrase ?? '') === (phrase ?? '');
  }

  /** Indicators: those listed are answered or wrong; the others are unknown and fine. */
  function showIndicators(list: IndicatorState[], setValues: boolean): void {
    const byId = new Map(list.map((d) => [d.id, d]));
    for (const el of form.querySelectorAll<HTMLElement>('[data-indicator]')) {
      const d = byId.get(el.dataset.indicator ?? '');
      const state = d?.state ?? 'unknown';
      el.classList.toggle('answered', state !== 'unknown');
      el.classList.toggle('invalid', Boolean(d?.error));
      el.querySelector<HTMLElement>('.error')!.textContent = d?.error ?? '';
      if (setValues)
        for (const r of el.querySelectorAll<HTMLInputElement>('input[type=radio]'))
          r.checked = r.value === (state === 'unknown' ? '' : state);
    }
  }

  /** What the robustness answer says of each indicator: watch it, and what each answer does. */
  function showIndicatorSentences(list: RobustnessAnswer['indicators']): void {
    for (const d of list) {
      const el = form.querySelector<HTMLElement>(`[data-indicator="${CSS.escape(d.id)}"]`);
      if (!el) continue;
      el.classList.toggle('watch', d.watch);
      el.querySelector<HTMLElement>('.watch-mark')!.hidden = !d.watch;
      const ul = el.querySelector<HTMLElement>('.indicator-sentences')!;
      ul.replaceChildren(...d.sentences.map((s) => item(s)));
    }
  }

  /** Fields: those listed are changed or wrong; the others hold the file's value, unmarked. */
  function showFields(list: FieldState[], setValues: boolean): void {
    const byName = new Map(list.map((f) => [f.name, f]));
    for (const el of form.querySelectorAll<HTMLElement>('.field[data-field]')) {
      const f = byName.get(el.dataset.field ?? '');
      el.classList.toggle('changed', f?.changed ?? false);
      el.classList.toggle('invalid', Boolean(f?.error));
      const input = el.querySelector<HTMLInputElement>('input[name]')!;
      const value = f ? f.value : (input.dataset.fileValue ?? '');
      if (setValues) {
        input.value = value;
        syncSlider(input);
      }
      if (f?.error) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      el.querySelector<HTMLElement>('.error')!.textContent = f?.error ?? '';
      const select = el.querySelector<HTMLSelectElement>('select.phrase');
      if (select && document.activeElement !== select)
        showPhrase(select, f ? f.phrase : phraseIn(select, value));
    }
  }

  /** The phrase a box's text names, if it is one of the select's. */
  function phraseIn(select: HTMLSelectElement, text: string): string | null {
    const wanted = text.trim().toLowerCase();
    for (const o of select.options)
      if (o.dataset.phrase && o.dataset.phrase === wanted) return wanted;
    return null;
  }

  /** Break-evens beside the fields, from the robustness answer: those not listed have none. */
  function showBreakEvens(list: RobustnessAnswer['breakEvens']): void {
    const byName = new Map(list.map((b) => [b.name, b.text]));
    for (const el of form.querySelectorAll<HTMLElement>('.field[data-field]'))
      el.querySelector<HTMLElement>('.break-even')!.textContent =
        byName.get(el.dataset.field ?? '') ?? '';
  }

  function showMessages(list: string[]): void {
    messages.replaceChildren(...list.map((m) => item(m)));
  }

  /** The banner over the results: what they are for, and a link to each value to fix. */
  function showBanner(view: Pick<FastAnswer, 'stale' | 'invalid'>, offline = false): void {
    banner.hidden = !view.stale;
    if (!view.stale) {
      banner.replaceChildren();
      return;
    }
    const head = document.createElement('p');
    const strong = document.createElement('strong');
    strong.textContent = offline
      ? 'The server could not be reached; the results shown may be out of date.'
      : `These results are for ${banner.dataset.shownFor ?? "the scenario file's values"}, not for what is in the form.`;
    head.append(strong);
    if (!offline)
      head.append(
        view.invalid.length === 0
          ? ' The values in the form do not evaluate.'
          : view.invalid.length === 1
            ? ' This value needs fixing:'
            : ' These values need fixing:',
      );
    const ul = document.createElement('ul');
    for (const f of view.invalid) {
      const a = document.createElement('a');
      a.href = `#${f.htmlId}`;
      a.textContent = f.label;
      const li = document.createElement('li');
      li.append(a, `: ${f.message}`);
      ul.append(li);
    }
    banner.replaceChildren(head, ...(view.invalid.length > 0 ? [ul] : []));
  }

  function markStale(stale: boolean): void {
    results.classList.toggle('stale', stale);
    verdict.classList.toggle('stale', stale);
  }

  // The Export links carry the same query as the page, so an export is what is on screen.
  function updateExports(query: string): void {
    const menu = document.getElementById('export');
    if (menu) {
      const base = menu.dataset.base ?? '';
      for (const a of menu.querySelectorAll<HTMLAnchorElement>('a[data-format]')) {
        const parts: string[] = [];
        if (a.dataset.table) parts.push(`table=${a.dataset.table}`);
        if (a.dataset.inline) parts.push('inline=1');
        if (query) parts.push(query);
        a.href = `${base}.${a.dataset.format ?? ''}${parts.length ? `?${parts.join('&')}` : ''}`;
      }
    }
    // So is the link that saves the values as the analyst's own assessment.
    const assess = document.getElementById('save-assessment') as HTMLAnchorElement | null;
    if (assess) assess.href = (assess.dataset.base ?? '') + (query ? `?${query}` : '');
  }

  /** Redraws one part of the results with the partial the server drew it with. */
  function showPart(name: string, locals: PartLocals, query: string): void {
    const templates = window.branchpointTemplates;
    const box =
      name === 'verdict' ? verdict : results.querySelector<HTMLElement>(`[data-part="${name}"]`);
    if (!box) return;
    // Without the templates (their script did not load) the server draws the page instead.
    if (!templates) {
      location.assign(query ? `?${query}` : location.pathname);
      return;
    }
    box.innerHTML = templates.render(name, locals);
    box.classList.remove('updating');
  }

  /** The tree's changed numbers merged into the tree shown, drawn as the server draws it. */
  function showTree(changes: FastAnswer['tree']): void {
    if (Object.keys(changes).length === 0) return;
    const script = tree.querySelector('script.tree-data');
    if (!script) return;
    const data = JSON.parse(script.textContent ?? 'null') as TreeDatum;
    tree.innerHTML = renderTreeFigure(withTreeChanges(data, changes));
  }

  /**
   * What the robustness answer will bring is for earlier values until it comes: the tipping
   * point, break-evens, expectations, indicators to watch. Marked so, never shown as current.
   */
  function markUpdating(on: boolean): void {
    const marked = [
      ...results.querySelectorAll<HTMLElement>(
        '[data-part="sensitivity"], [data-part="expectations"], [data-part="watch"]',
      ),
      ...verdict.querySelectorAll<HTMLElement>('.tipping'),
      ...form.querySelectorAll<HTMLElement>('.break-even, .indicator-sentences, .watch-mark'),
    ];
    for (const el of marked) el.classList.toggle('updating', on);
    if (on) verdict.setAttribute('aria-busy', 'true');
    else verdict.removeAttribute('aria-busy');
  }

  function post(
    body: Record<string, unknown>,
    part = '',
  ): Promise<{ ok: boolean; reply: unknown }> {
    return fetch(`/api/scenarios/${encodeURIComponent(scenario)}/explore${part}`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify(body),
    }).then((response) => response.json().then((reply: unknown) => ({ ok: response.ok, reply })));
  }

  /**
   * Sends `body` (the form's fields, or those of an address Back returned to) with the query of
   * what the page shows, and shows what differs; then asks for the robustness numbers.
   */
  function recompute(body: Record<string, string>, how: HistoryMode, setValues = false): void {
    const ticket = ++latest;
    results.setAttribute('aria-busy', 'true');
    post({ ...body, shown })
      .then(({ ok, reply }) => {
        // A slower answer to an older change must not overwrite a newer one.
        if (ticket !== latest) return;
        results.removeAttribute('aria-busy');
        if (!ok) {
          markStale(true);
          showMessages(((reply as ApiErrors).errors ?? []).map((e) => e.message));
          return;
        }
        const view = reply as FastAnswer;
        showFields(view.fields, setValues);
        showIndicators(view.indicators, setValues);
        showMessages(view.messages);
        showBanner(view);
        if (reset) reset.hidden = !view.dirty;
        // Invalid input keeps the last valid results on screen, marked stale.
        markStale(view.stale);
        if (!view.stale) {
          for (const [name, locals] of Object.entries(view.parts))
            showPart(name, locals, view.query);
          showTree(view.tree);
          shown = view.query;
          outdateRobustness();
          markUpdating(true);
          robustness(body, ticket);
        }
        const url = view.query ? `?${view.query}` : location.pathname;
        if (how === 'push' && `?${view.query}` !== (location.search || '?'))
          history.pushState({ query: view.query }, '', url);
        else if (how !== 'none') history.replaceState({ query: view.query }, '', url);
        updateExports(view.query);
      })
      .catch(() => {
        if (ticket !== latest) return;
        results.removeAttribute('aria-busy');
        markStale(true);
        showBanner({ stale: true, invalid: [] }, true);
      });
  }

  /** The second answer: break-evens, tipping point, expectations, indicators for these values. */
  function robustness(body: Record<string, string>, ticket: number): void {
    post(body, '?part=robustness')
      .then(({ ok, reply }) => {
        if (ticket !== latest || !ok) return;
        const view = reply as RobustnessAnswer;
        if (view.stale) return;
        for (const [name, locals] of Object.entries(view.parts)) showPart(name, locals, view.query);
        showBreakEvens(view.breakEvens);
        showIndicatorSentences(view.indicators);
        markUpdating(false);
      })
      .catch(() => {
        // The marks stay, since these numbers are not for the values in the form; say why.
        if (ticket === latest) showBanner({ stale: true, invalid: [] }, true);
      });
  }

  /** Back and Forward: the form takes the values of the address returned to. */
  window.addEventListener('popstate', () => {
    const body: Record<string, string> = {};
    new URLSearchParams(location.search).forEach((v, k) => (body[k] = v));
    // Fields the address does not name go back to what the page opened with.
    for (const input of form.querySelectorAll<HTMLInputElement>('input[type=text][name]'))
      if (!(input.name in body)) input.value = input.defaultValue;
    recompute(body, 'none', true);
  });

  function syncSlider(box: HTMLInputElement): void {
    const slider = form.querySelector<HTMLInputElement>(`input.slider[data-for="${box.id}"]`);
    const n = Number(box.value.trim().replace(',', '.'));
    if (slider && box.value.trim() !== '' && Number.isFinite(n)) slider.value = String(n);
  }

  function schedule(how: HistoryMode, delay: number): void {
    mode = how;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => recompute(fields(), mode), delay);
  }

  form.addEventListener('input', (event) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    if (target.classList.contains('slider')) {
      // While dragging, one history entry: the one the release (change) settles.
      const box = byId(target.dataset.for ?? '') as HTMLInputElement;
      box.value = roundToStep(Number(target.value), Number((target as HTMLInputElement).step));
      schedule('replace', 150);
      return;
    }
    if (target instanceof HTMLSelectElement && target.classList.contains('phrase')) {
      // A phrase picked goes into the box (the value the form sends); "a number" puts the
      // phrase's value there to edit.
      const box = byId(target.dataset.for ?? '') as HTMLInputElement;
      const phrase = target.options[target.selectedIndex]?.dataset.phrase;
      if (phrase) box.value = phrase;
      else
        for (const o of target.options)
          if (o.dataset.phrase === box.value.trim().toLowerCase())
            box.value = o.dataset.value ?? '';
    } else if (target.name) syncSlider(target as HTMLInputElement);
    schedule('push', 400);
  });

  form.addEventListener('change', (event) => {
    const target = event.target as HTMLElement;
    if (target.classList.contains('slider')) schedule('push', 0);
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    window.clearTimeout(timer);
    recompute(fields(), 'push');
  });

  setUpVariants(form, scenario, headers);
  setUpRobustness(scenario, headers, fields);
}

/** Results of the robustness panel computed for earlier values say so once the values change. */
function outdateRobustness(): void {
  const box = document.getElementById('robustness-results');
  if (!box || box.children.length === 0 || box.classList.contains('outdated')) return;
  box.classList.add('outdated');
  const note = document.createElement('p');
  note.className = 'outdated-note';
  note.textContent =
    'These were computed for earlier values: run them again for the values in the form.';
  box.prepend(note);
}

/** The Simulate, spider and two-way panel: sent as JSON with a progress indication. */
function setUpRobustness(
  scenario: string,
  headers: () => Record<string, string>,
  fields: () => Record<string, string>,
): void {
  const rform = document.getElementById('robustness-form') as HTMLFormElement | null;
  const out = document.getElementById('robustness-results');
  if (!rform || !out) return;
  const progress = rform.querySelector('progress')!;
  const status = rform.querySelector<HTMLElement>('.robust-status')!;
  rform.addEventListener('submit', (event) => {
    event.preventDefault();
    const submitter = event.submitter as HTMLButtonElement | null;
    const body: Record<string, string> = { ...fields() };
    for (const el of rform.querySelectorAll<HTMLInputElement | HTMLSelectElement>(
      'input[name]:not([type=hidden]), select[name]',
    ))
      body[el.name] = el.value;
    const simulate = submitter?.name === 'simulate' || out.querySelector('.simulation') !== null;
    if (simulate) body.simulate = '1';
    const buttons = rform.querySelectorAll('button');
    for (const b of buttons) b.disabled = true;
    progress.hidden = false;
    status.textContent = simulate
      ? `Simulating ${Number(body.iterations ?? 0).toLocaleString('en')} draws on the server…`
      : 'Computing…';
    fetch(`/api/scenarios/${encodeURIComponent(scenario)}/robustness`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify(body),
    })
      .then((response) => response.json().then((reply: unknown) => ({ ok: response.ok, reply })))
      .then(({ ok, reply }) => {
        if (!ok) {
          status.textContent = ((reply as ApiErrors).errors ?? []).map((e) => e.message).join(' ');
          return;
        }
        out.classList.remove('outdated');
        out.innerHTML = (reply as { html: string }).html;
        status.textContent = simulate ? 'Simulation done.' : 'Done.';
      })
      .catch(() => {
        status.textContent = 'The server could not be reached; nothing was computed.';
      })
      .finally(() => {
        progress.hidden = true;
        for (const b of buttons) b.disabled = false;
      });
  });
}

/** Save as a variant (a dialog for its name), rename and delete a variant; errors are shown. */
function setUpVariants(
  form: HTMLFormElement,
  scenario: string,
  headers: () => Record<string, string>,
): void {
  const dialog = document.getElementById('variant-dialog') as HTMLDialogElement | null;
  const saveButton = document.getElementById('save-variant');
  const saveStatus = form.querySelector<HTMLElement>('.save-status')!;
  const variantStatus = document.querySelector<HTMLElement>('.variant-status');
  const renameButton = document.getElementById('rename-variant');
  const deleteButton = document.getElementById('delete-variant');
  if (!dialog) return;
  const nameBox = dialog.querySelector<HTMLInputElement>('#variant-name')!;
  const dialogError = dialog.querySelector<HTMLElement>('.dialog-error')!;
  const title = dialog.querySelector<HTMLElement>('#variant-dialog-title')!;
  const help = dialog.querySelector<HTMLElement>('.variant-dialog-help')!;
  let action: ((name: string) => Promise<string | null>) | null = null;
  let opener: HTMLElement | null = null;

  function open(
    heading: string,
    text: string,
    value: string,
    run: (name: string) => Promise<string | null>,
    from: HTMLElement,
  ): void {
    title.textContent = heading;
    help.textContent = text;
    nameBox.value = value;
    dialogError.textContent = '';
    action = run;
    opener = from;
    dialog!.showModal();
    nameBox.select();
  }

  dialog.querySelector('#variant-dialog-cancel')!.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => opener?.focus());
  dialog.querySelector('form')!.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = nameBox.value.trim();
    if (name === '' || !action) {
      dialogError.textContent = 'Give it a name.';
      return;
    }
    action(name)
      .then((problem) => {
        if (problem === null) dialog.close();
        else dialogError.textContent = problem;
      })
      .catch(
        () => (dialogError.textContent = 'The server could not be reached; nothing was saved.'),
      );
  });

  if (saveButton) {
    saveButton.hidden = false;
    saveButton.addEventListener('click', () => {
      const body = changedValues(form);
      if (!body) {
        saveStatus.textContent =
          'Change some values first: a variant stores what differs from the scenario file.';
        return;
      }
      open(
        'Save these values as a variant',
        'A variant stores what differs from the scenario file under a name of its own; the file is not changed.',
        '',
        async (name) => {
          const base = scenario.split('--')[0] ?? scenario;
          const response = await fetch(`/api/scenarios/${encodeURIComponent(base)}/variants`, {
            method: 'POST',
            headers: headers(),
            body: JSON.stringify({ ...body, name }),
          });
          const reply = (await response.json()) as ApiErrors & { id?: string };
          if (response.status === 201 && reply.id) {
            location.href = `/scenarios/${encodeURIComponent(reply.id)}`;
            return null;
          }
          return errorText(reply, response.status);
        },
        saveButton,
      );
    });
  }

  if (renameButton) {
    renameButton.hidden = false;
    renameButton.addEventListener('click', () => {
      const id = renameButton.dataset.variant ?? '';
      open(
        'Rename this variant',
        'The new name is shown on the page and the front page; the address stays the same.',
        renameButton.dataset.title ?? '',
        async (name) => {
          const response = await fetch(`/api/scenarios/${encodeURIComponent(id)}`, {
            method: 'PATCH',
            headers: headers(),
            body: JSON.stringify({ title: name }),
          });
          const reply = (await response.json()) as ApiErrors & { title?: string };
          if (!response.ok) return errorText(reply, response.status);
          renameButton.dataset.title = reply.title ?? name;
          for (const el of document.querySelectorAll('.variant-name'))
            el.textContent = reply.title ?? name;
          document.title = document.title.replace(
            /^.*? \(variant\)/,
            `${reply.title ?? name} (variant)`,
          );
          if (variantStatus) variantStatus.textContent = `Renamed to “${reply.title ?? name}”.`;
          return null;
        },
        renameButton,
      );
    });
  }

  if (deleteButton) {
    deleteButton.hidden = false;
    deleteButton.addEventListener('click', () => {
      const id = deleteButton.dataset.variant ?? '';
      if (!window.confirm('Delete this variant? The scenario file is not affected.')) return;
      fetch(`/api/scenarios/${encodeURIComponent(id)}`, { method: 'DELETE', headers: headers() })
        .then(async (response) => {
          if (response.status === 204) {
            location.href = `/scenarios/${encodeURIComponent(id.split('--')[0] ?? id)}`;
            return;
          }
          const reply = (await response.json().catch(() => ({}))) as ApiErrors;
          if (variantStatus)
            variantStatus.textContent = `Not deleted: ${errorText(reply, response.status)}`;
        })
        .catch(() => {
          if (variantStatus)
            variantStatus.textContent = 'Not deleted: the server could not be reached.';
        });
    });
  }
}

/** The changed fields as the body of a new variant, or null when nothing was changed. */
function changedValues(form: HTMLFormElement): {
  set: Record<string, number | string>;
  weight: Record<string, number>;
  probability: Record<string, number>;
} | null {
  const body = {
    set: {} as Record<string, number | string>,
    weight: {} as Record<string, number>,
    probability: {} as Record<string, number>,
  };
  let any = false;
  for (const input of form.querySelectorAll<HTMLInputElement>('.field.changed input[name]')) {
    const value = input.value.trim().replace(/^([+-]?\d*),(\d+)$/, '$1.$2');
    if (value === '') continue;
    any = true;
    const n = Number(value);
    const key = input.name.slice(2);
    if (input.name.startsWith('p.')) body.set[key] = Number.isFinite(n) ? n : value;
    else if (input.name.startsWith('w.')) body.weight[key] = n;
    else if (input.name.startsWith('q.')) body.probability[key] = n;
  }
  return any ? body : null;
}

function errorText(reply: ApiErrors, status: number): string {
  const text = (reply.errors ?? []).map((e) => e.message).join(' ');
  return text || `the server answered ${status}`;
}

/**
 * A slider's value rounded to its step and written without binary noise: 0.6000000000000001
 * becomes "0.6". A step of "any" (or none) keeps 3 significant figures.
 */
export function roundToStep(value: number, step: number): string {
  if (!Number.isFinite(value)) return '';
  if (!(step > 0)) return String(Number(value.toPrecision(3)));
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return String(Number((Math.round(value / step) * step).toFixed(decimals)));
}

function byId(id: string): HTMLElement {
  return document.getElementById(id)!;
}

function item(text: string): HTMLLIElement {
  const li = document.createElement('li');
  li.textContent = text;
  return li;
}
