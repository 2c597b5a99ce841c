import { renderTornadoSvg } from '../../src/draw/tornado-svg';
import { reportOf, reportOfText } from '../report/golden';
import { HOSTILE } from '../report/hostile';

describe('renderTornadoSvg', () => {
  it('draws a bar per input that moves the score, around the base, largest swing first', async () => {
    const data = await reportOf();
    const svg = renderTornadoSvg(data.sensitivity)!;
    expect(svg.startsWith('<svg class="tornado"')).toBe(true);
    const labels = [...svg.matchAll(/<\/title>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual(['Weight of Cost', 'Weight of Comfort on arrival', 'Chance of rain']);
    // Two segments per row (low end blue, high end amber), plus the two legend keys.
    expect(svg.match(/<rect [^>]*height="16"/g)).toHaveLength(6);
    expect(svg).toContain('base 3.40');
    // The input that can change the recommendation is bold.
    expect(svg).toMatch(/font-weight="700"><title>Chance of rain \(p_rain\)/);
  });

  it('can stand alone as an SVG file', async () => {
    const svg = renderTornadoSvg((await reportOf()).sensitivity, { standalone: true })!;
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" class="tornado"')).toBe(true);
  });

  it('escapes labels and draws nothing when no input moves the score', () => {
    const data = reportOfText(HOSTILE);
    const svg = renderTornadoSvg(data.sensitivity)!;
    expect(svg).toContain('=cmd|&#39; /C calc&#39;!A0');
    expect(svg).not.toContain('<script');
    const flat = reportOfText(
      JSON.stringify({ title: 'T', root: { type: 'outcome', label: 'Only', payoff: 1 } }),
    );
    expect(renderTornadoSvg(flat.sensitivity)).toBeNull();
  });
});
