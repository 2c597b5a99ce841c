/** An HTML id derived from a form field's name (paths hold `/`). */
export const htmlId = (name: string): string => `f-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
