/** A form field as text with the browser's line ends made `\n` ('' when absent). */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.replace(/\r\n/g, '\n') : '';
}

/** A form field as trimmed text ('' when absent or not text). */
export function textField(body: unknown, name: string): string {
  return field(body, name).trim();
}
