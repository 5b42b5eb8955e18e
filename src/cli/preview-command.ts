import { writeFile } from 'node:fs/promises';
import { configFeeds, configRules, configTopics } from '../config/to-domain';
import { buildSampleAlert } from '../preview/build-sample-alert';
import type { MarkdownContext } from '../preview/render-discord-markdown';
import { renderAlertPreview, renderDigestPreview, renderStatusPreview, type PreviewDocument } from '../preview/render-previews';
import { makeSampleDigest } from '../preview/sample-digest';
import { makeSampleItem } from '../preview/sample-item';
import { makeSampleStatus, SAMPLE_CHANNEL } from '../preview/sample-status';
import { findChromium, screenshotHtml } from '../preview/screenshot-html';
import { errorMessage } from '../shared/errors';
import { EXIT_INVALID, EXIT_NEGATIVE, EXIT_OK, loadConfigFor, type CliContext } from './cli-context';

const USAGE = 'usage: radar preview [alert|status|digest] [--out FILE.html] [--png FILE.png] [--title T] [--summary S] [--topic ID] [--role NAME] [--chromium PATH]';
/** Made-up role id for `--role`: the payload carries `<@&id>`, the preview shows the name given. */
const SAMPLE_ROLE_ID = '200000000000000001';
/** Pictures at twice the CSS size stay sharp on high-density screens and when a README scales them. */
const PNG_SCALE = 2;

/**
 * `preview [alert|status|digest]`: what an alert (from a sample item, matched by the configured rules), an
 * hourly digest of sample stories, or a `/status` reply looks like in Discord, as an HTML page, and as a PNG when Chromium is installed.
 */
export async function previewCommand(ctx: CliContext): Promise<number> {
  const [kind = 'alert', ...extra] = ctx.positionals;
  if ((kind !== 'alert' && kind !== 'status' && kind !== 'digest') || extra.length > 0) {
    ctx.stderr(USAGE);
    return EXIT_INVALID;
  }
  const { config } = loadConfigFor(ctx);
  const now = new Date();
  const role = stringFlag(ctx, 'role');
  const markdown: MarkdownContext = { now, roles: role ? { [SAMPLE_ROLE_ID]: role } : {}, channels: { [SAMPLE_CHANNEL.id]: SAMPLE_CHANNEL.name } };
  let document: PreviewDocument;
  if (kind === 'digest') {
    document = renderDigestPreview(makeSampleDigest(configTopics(config), now), markdown);
  } else if (kind === 'status') {
    const topics = configTopics(config);
    document = await renderStatusPreview(makeSampleStatus(configFeeds(config), now, topics[topics.length - 1]?.id), markdown);
  } else {
    const item = makeSampleItem({ now, title: stringFlag(ctx, 'title'), summary: stringFlag(ctx, 'summary') });
    const sample = buildSampleAlert({
      item,
      topics: configTopics(config),
      rules: configRules(config),
      topicId: stringFlag(ctx, 'topic'),
      mentionRoleId: role ? SAMPLE_ROLE_ID : undefined,
      now,
    });
    if (sample.note) ctx.stderr(`note: ${sample.note}`);
    document = renderAlertPreview(sample.alert, markdown);
  }
  const htmlFile = stringFlag(ctx, 'out') ?? `${kind}.html`;
  await writeFile(htmlFile, document.html);
  ctx.stdout(`wrote ${htmlFile}`);
  return writePng(ctx, document, stringFlag(ctx, 'png') ?? `${htmlFile.replace(/\.html?$/i, '')}.png`);
}

async function writePng(ctx: CliContext, document: PreviewDocument, pngFile: string): Promise<number> {
  const wanted = stringFlag(ctx, 'chromium');
  const chromium = findChromium(wanted === undefined ? undefined : [wanted]);
  if (!chromium) {
    ctx.stderr(wanted === undefined ? 'Chromium not found; wrote HTML only' : `Chromium not found at ${wanted}; wrote HTML only`);
    return EXIT_OK;
  }
  try {
    await screenshotHtml({ chromium, html: document.html, measureHtml: document.measureHtml, pngFile, widthPx: document.widthPx, scale: PNG_SCALE });
  } catch (error: unknown) {
    ctx.stderr(`could not make the PNG: ${errorMessage(error)}; wrote HTML only`);
    return EXIT_NEGATIVE;
  }
  ctx.stdout(`wrote ${pngFile}`);
  return EXIT_OK;
}

function stringFlag(ctx: CliContext, name: string): string | undefined {
  const value = ctx.flags[name];
  return typeof value === 'string' ? value : undefined;
}
