import { h } from './html-text';

/**
 * A self-contained HTML page: its own styles, and a Content-Security-Policy that forbids every
 * outside request and every script, so opening a report can never reach the network.
 */
export function htmlDocument(page: {
  title: string;
  style: string;
  policy: string;
  head?: string[];
  body: string[];
}): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${page.policy}">`,
    ...(page.head ?? []),
    `<title>${h(page.title)}</title>`,
    `<style>${page.style}</style>`,
    '</head>',
    '<body>',
    ...page.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
