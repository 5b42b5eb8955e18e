import { escapeHtml } from './escape-html';
import { PREVIEW_CSS } from './preview-css';

/** Where the screenshot step reads the page's height; only the measuring copy of a page carries it. */
export const HEIGHT_ATTRIBUTE = 'data-preview-height';

/**
 * A standalone HTML page around rendered messages. With `measure`, a one-line script records the
 * chat's height for the screenshot; the page a person opens carries no script at all.
 */
export function renderPreviewPage(options: { title: string; body: string; measure?: boolean }): string {
  const measure = options.measure
    ? `<script>document.body.setAttribute('${HEIGHT_ATTRIBUTE}', String(Math.ceil(document.querySelector('.chat').getBoundingClientRect().height)));</script>`
    : '';
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(options.title)}</title>`,
    `<style>${PREVIEW_CSS}</style></head>`,
    `<body><main class="chat">${options.body}</main>${measure}</body></html>`,
    '',
  ].join('\n');
}
