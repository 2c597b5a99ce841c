import MarkdownIt from 'markdown-it';

/**
 * Scenario descriptions are Markdown written by whoever wrote the file: user content. Raw HTML is
 * turned off (it comes out escaped) and markdown-it refuses `javascript:` and similar links, so
 * the result is safe to put in a page as is.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

export function renderMarkdown(text: string): string {
  return md.render(text);
}

/** Plain text of a Markdown snippet, for excerpts: emphasis and code marks dropped. */
export function plainText(text: string): string {
  return text
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
