import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HEIGHT_ATTRIBUTE } from './render-preview-page';

/** Debian's package first; no browser is ever downloaded. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const CHROMIUM_TIMEOUT_MS = 60_000;
/** Tall enough for any preview, so the measuring pass never scrolls. */
const MEASURE_HEIGHT_PX = 4_000;

/** The first candidate that exists and is executable. */
export function findChromium(candidates: readonly string[] = CHROMIUM_CANDIDATES): string | undefined {
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export interface ScreenshotOptions {
  chromium: string;
  /** The page to draw; `measureHtml` is the same page with the height script (renderPreviewPage's `measure`). */
  html: string;
  measureHtml: string;
  pngFile: string;
  widthPx: number;
  /** 2 gives sharp pictures on high-density screens and in READMEs. */
  scale?: number;
  timeoutMs?: number;
}

/**
 * Two headless runs: one loads the measuring copy and dumps the DOM to learn the content's height, the
 * other screenshots the page at exactly that size. Chromium keeps its profile in a temporary directory,
 * and every network-facing feature is off: the page is a local file with no external resources.
 */
export async function screenshotHtml(options: ScreenshotOptions): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'radar-preview-'));
  try {
    const measureFile = join(dir, 'measure.html');
    const pageFile = join(dir, 'page.html');
    await Promise.all([writeFile(measureFile, options.measureHtml), writeFile(pageFile, options.html)]);
    const run = (args: string[]) => runChromium(options.chromium, [...baseArgs(join(dir, 'profile'), options.scale ?? 1), ...args], options.timeoutMs ?? CHROMIUM_TIMEOUT_MS);
    const dom = await run([`--window-size=${options.widthPx},${MEASURE_HEIGHT_PX}`, '--dump-dom', pathToFileURL(measureFile).href]);
    const height = readHeight(dom);
    await run([`--window-size=${options.widthPx},${height}`, `--screenshot=${resolve(options.pngFile)}`, pathToFileURL(pageFile).href]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function baseArgs(profileDir: string, scale: number): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--hide-scrollbars',
    `--force-device-scale-factor=${scale}`,
    `--user-data-dir=${profileDir}`,
  ];
}

/** The height the measuring script wrote on <body>, as dumped by --dump-dom. */
export function readHeight(dom: string): number {
  const match = new RegExp(`${HEIGHT_ATTRIBUTE}="(\\d+)"`).exec(dom);
  const height = match ? Number(match[1]) : NaN;
  if (!Number.isInteger(height) || height <= 0 || height > MEASURE_HEIGHT_PX) throw new Error('Chromium did not report the page height');
  return height;
}

function runChromium(chromium: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(chromium, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`Chromium failed: ${error.message.split('\n')[0]}${stderr ? `\n${lastLines(stderr)}` : ''}`));
      else resolve(stdout);
    });
  });
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join('\n');
}
