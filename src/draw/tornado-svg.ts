import { scoreColumn, shortInput } from '../present';
import { inputLabel } from '../present/input-label';
import { escapeXml } from './escape-xml';

/**
 * A tornado chart as SVG: one horizontal bar per input, from the expected score with the input
 * at the low end of its range to the score at the high end, around a line at the base score.
 * The part of a bar from the base to the low end's score is blue, to the high end's amber, so a
 * reader sees which way each input pushes. Inputs that can change the recommendation are bold.
 */

const WIDTH = 900;
const LABEL = 320;
const VALUE = 56;
const ROW = 30;
const BAR = 16;
const TOP = 44;
const BOTTOM = 34;
/** Longest label drawn in full; longer ones are cut and shown whole in the tooltip. */
const LABEL_CHARS = 46;
export const LOW_COLOUR = '#2f6690';
export const HIGH_COLOUR = '#d49a1a';

/** What the chart reads of one input: a report's sensitivity entry, or the engine's own (the web page). */
export interface TornadoEntry {
  /** The parameter's name, or `weight:<criterion id>`. */
  readonly name: string;
  readonly kind: 'parameter' | 'weight';
  readonly label: string;
  readonly low: number;
  readonly high: number;
  /** The expected score with the input at each end of its range; null where it does not evaluate. */
  readonly score_low: number | null;
  readonly score_high: number | null;
  readonly swing: number;
  /** The break-even statement, empty when the input cannot change the recommendation. */
  readonly statement: string;
  /** Non-empty when the input can change the recommendation: its label is drawn bold. */
  readonly thresholds: readonly unknown[];
  readonly probability?: boolean;
}

export interface TornadoInput {
  readonly base: number;
  readonly entries: readonly TornadoEntry[];
}

export interface TornadoOptions {
  /** Rows at most (largest swing first); default 15. */
  rows?: number;
  /** A complete SVG document (with the namespace) rather than markup for an HTML page. */
  standalone?: boolean;
}

/** The chart, or null when no input moves the score. */
export function renderTornadoSvg(s: TornadoInput, options: TornadoOptions = {}): string | null {
  const rows = s.entries.filter((e) => e.swing > 0).slice(0, options.rows ?? 15);
  if (rows.length === 0) return null;
  const at = (x: number | null) => x ?? s.base;
  const reach =
    Math.max(
      ...rows.flatMap((e) => [
        Math.abs(at(e.score_low) - s.base),
        Math.abs(at(e.score_high) - s.base),
      ]),
    ) || 1;
  const left = LABEL + VALUE;
  const right = WIDTH - VALUE;
  const centre = (left + right) / 2;
  const half = (right - left) / 2;
  const x = (v: number) => centre + ((v - s.base) / reach) * half;
  const geometry: RowGeometry = { base: s.base, centre, x };
  const axis = scoreColumn([s.base - reach, s.base, s.base + reach]);
  const height = TOP + rows.length * ROW + BOTTOM;

  const out: string[] = [];
  const namespace = options.standalone ? ' xmlns="http://www.w3.org/2000/svg"' : '';
  out.push(
    `<svg${namespace} class="tornado" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="Tornado chart: how far each input moves the expected score across its range" font-family="'Source Sans 3', 'Segoe UI', Helvetica, Arial, sans-serif" font-size="12">`,
  );
  // Legend.
  out.push(
    `<rect x="${left}" y="8" width="12" height="12" fill="${LOW_COLOUR}"/>`,
    `<text x="${left + 18}" y="18" fill="#1d2733">input at the low end of its range</text>`,
    `<rect x="${left + 230}" y="8" width="12" height="12" fill="${HIGH_COLOUR}"/>`,
    `<text x="${left + 248}" y="18" fill="#1d2733">at the high end</text>`,
  );
  rows.forEach((e, i) => out.push(...rowMarkup(e, TOP + i * ROW, geometry)));
  const bottom = TOP + rows.length * ROW;
  out.push(
    `<line x1="${r(centre)}" y1="${TOP - 6}" x2="${r(centre)}" y2="${bottom + 4}" stroke="#1d2733" stroke-width="1.5"/>`,
    `<line x1="${left}" y1="${bottom + 4}" x2="${right}" y2="${bottom + 4}" stroke="#aeb8c2"/>`,
    `<text x="${left}" y="${bottom + 20}" text-anchor="middle" fill="#5b6875" font-size="11">${axis(s.base - reach)}</text>`,
    `<text x="${r(centre)}" y="${bottom + 20}" text-anchor="middle" fill="#1d2733" font-size="11">base ${axis(s.base)}</text>`,
    `<text x="${right}" y="${bottom + 20}" text-anchor="middle" fill="#5b6875" font-size="11">${axis(s.base + reach)}</text>`,
    `<text x="${r(centre)}" y="${height - 2}" text-anchor="middle" fill="#5b6875" font-size="11">expected score</text>`,
    '</svg>',
  );
  return out.join('\n');
}

/** Where a row's bars go: the base score at `centre`, and `x` from a score to its position. */
interface RowGeometry {
  readonly base: number;
  readonly centre: number;
  readonly x: (score: number) => number;
}

/** One input's row: its label, its two bar segments and the input values at their ends. */
function rowMarkup(e: TornadoEntry, y: number, g: RowGeometry): string[] {
  const { centre, x } = g;
  const lowScore = e.score_low ?? g.base;
  const highScore = e.score_high ?? g.base;
  const out: string[] = [];
  const mid = y + ROW / 2;
  const label = inputLabel(e);
  const cut = label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label;
  const flips = e.thresholds.length > 0;
  out.push(
    `<text x="${LABEL - 8}" y="${r(mid + 4)}" text-anchor="end" fill="#1d2733"${flips ? ' font-weight="700"' : ''}><title>${escapeXml(tooltip(e))}</title>${escapeXml(cut)}</text>`,
  );
  // The longer segment first, so a shorter one on the same side stays visible on top.
  const segments = [
    { score: lowScore, colour: LOW_COLOUR, value: e.low },
    { score: highScore, colour: HIGH_COLOUR, value: e.high },
  ].sort((a, b) => Math.abs(b.score - g.base) - Math.abs(a.score - g.base));
  for (const seg of segments) {
    const a = Math.min(x(seg.score), centre);
    const w = Math.max(1, Math.abs(x(seg.score) - centre));
    out.push(
      `<rect x="${r(a)}" y="${r(mid - BAR / 2)}" width="${r(w)}" height="${BAR}" fill="${seg.colour}"/>`,
    );
  }
  // Input values beside the ends of the bar.
  const lowEnd = Math.min(x(lowScore), x(highScore), centre);
  const highEnd = Math.max(x(lowScore), x(highScore), centre);
  const [leftValue, rightValue] = lowScore <= highScore ? [e.low, e.high] : [e.high, e.low];
  out.push(
    `<text x="${r(lowEnd - 5)}" y="${r(mid + 4)}" text-anchor="end" fill="#5b6875" font-size="11">${escapeXml(shortInput(leftValue))}</text>`,
    `<text x="${r(highEnd + 5)}" y="${r(mid + 4)}" fill="#5b6875" font-size="11">${escapeXml(shortInput(rightValue))}</text>`,
  );
  return out;
}

/** Coordinates to a tenth of a pixel, so the markup stays small and stable. */
const r = (v: number): number => Math.round(v * 10) / 10;

function tooltip(e: TornadoEntry): string {
  const score = scoreColumn([e.score_low, e.score_high]);
  const probability = e.probability === true;
  const scores = `score ${e.score_low === null ? '–' : score(e.score_low)} at ${shortInput(e.low, probability)}, ${e.score_high === null ? '–' : score(e.score_high)} at ${shortInput(e.high, probability)}`;
  return `${inputLabel(e)} (${e.name}): ${scores}${e.statement ? `. ${e.statement}` : ''}`;
}
