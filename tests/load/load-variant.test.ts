import { isVariantText, loadVariant } from '../../src/load/load-variant';

describe('isVariantText', () => {
  it('is true for a file whose top-level mapping has extends', () => {
    expect(isVariantText('extends: ../oil.yaml\nset: { p: 0.3 }\n')).toBe(true);
    expect(isVariantText('# a variant\ntitle: Low\nextends: ../oil.yaml\n')).toBe(true);
    expect(isVariantText('{ "extends": "../oil.yaml" }\n')).toBe(true);
  });

  it('is false for a scenario whose multi-line title has a line starting with extends:', () => {
    const text =
      'title: "What the pact\nextends: to its members"\nroot: { type: outcome, label: A, payoff: 1 }\n';
    expect(isVariantText(text)).toBe(false);
  });

  it('is false when extends appears only deeper or in text', () => {
    expect(isVariantText('title: T\nnote:\n  extends: x\n')).toBe(false);
    expect(isVariantText('title: This extends the old model\n')).toBe(false);
  });

  it('falls back to the line test for text that does not parse', () => {
    expect(isVariantText('extends: ../oil.yaml\nset: [\n')).toBe(true);
    expect(loadVariant('extends: ../oil.yaml\nset: [\n').ok).toBe(false);
  });
});
