/**
 * JSON.parse keeps a `__proto__` key as an own property, but copying the object (as validation
 * does) drops it without a word. Override bodies are checked for it first, so the name is refused
 * like any other unknown one instead of vanishing.
 */
export function protoKeyIn(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  for (const section of ['set', 'weight', 'probability']) {
    const value = (body as Record<string, unknown>)[section];
    if (value !== null && typeof value === 'object' && Object.hasOwn(value, '__proto__'))
      return section;
  }
  return undefined;
}
