import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderAlertPreview } from '../../src/preview/render-previews';
import { findChromium, readHeight, screenshotHtml } from '../../src/preview/screenshot-html';
import { makeAlert } from '../discord/alert-builders';
import { writeFakeChromium } from './fake-chromium';

describe('screenshotHtml', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'radar-shot-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('measures the page, then screenshots it at that height with a throwaway profile', async () => {
    const chromium = writeFakeChromium(dir, { height: 456 });
    const pngFile = join(dir, 'out.png');
    await screenshotHtml({ chromium: chromium.path, html: '<p>page</p>', measureHtml: '<p>measure</p>', pngFile, widthPx: 720, scale: 2 });
    expect(readFileSync(pngFile, 'utf8')).toBe('PNG 720,456');
    const [measure, shot] = readFileSync(chromium.log, 'utf8').trim().split('\n');
    for (const flag of ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--force-device-scale-factor=2']) {
      expect(measure).toContain(flag);
      expect(shot).toContain(flag);
    }
    expect(measure).toMatch(/--dump-dom file:\/\/\S+\/measure\.html$/);
    expect(shot).toMatch(/--screenshot=\S+out\.png file:\/\/\S+\/page\.html$/);
    const profile = /--user-data-dir=(\S+)/.exec(shot ?? '')?.[1] ?? '';
    expect(profile).toContain('radar-preview-');
    expect(existsSync(profile)).toBe(false);
  });

  it('fails with what Chromium said when it cannot run', async () => {
    const chromium = writeFakeChromium(dir, { fail: true });
    await expect(screenshotHtml({ chromium: chromium.path, html: '', measureHtml: '', pngFile: join(dir, 'x.png'), widthPx: 720 })).rejects.toThrow(/Chromium failed[\s\S]*cannot open display/);
  });

  it('finds the first executable candidate only', () => {
    const plain = join(dir, 'not-executable');
    writeFileSync(plain, '');
    const runnable = join(dir, 'runnable');
    writeFileSync(runnable, '#!/bin/sh\n');
    chmodSync(runnable, 0o755);
    expect(findChromium([join(dir, 'missing'), plain, runnable])).toBe(runnable);
    expect(findChromium([join(dir, 'missing')])).toBeUndefined();
  });

  const realChromium = findChromium();
  if (!realChromium) {
    // Loud, so a machine without Chromium is not mistaken for one where the real screenshot was checked.
    console.warn('\n*** SKIPPED: no Chromium found (apt-get install chromium); the real PNG screenshot test did not run ***\n');
  }
  (realChromium ? it : it.skip)('draws a real PNG of the page when Chromium is installed', async () => {
    const pngFile = join(dir, 'alert.png');
    const doc = renderAlertPreview(makeAlert(), { now: new Date('2025-03-04T09:41:00Z') });
    await screenshotHtml({ chromium: realChromium ?? '', html: doc.html, measureHtml: doc.measureHtml, pngFile, widthPx: doc.widthPx });
    const png = readFileSync(pngFile);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(720);
    expect(png.readUInt32BE(20)).toBeGreaterThan(200);
  });
});

describe('readHeight', () => {
  test.each([
    ['<body data-preview-height="321">', 321],
    ['<html><body class="x" data-preview-height="1"></body>', 1],
  ])('reads the height from %s', (dom, height) => {
    expect(readHeight(dom)).toBe(height);
  });

  test.each([['<body>'], ['<body data-preview-height="0">'], ['<body data-preview-height="99999">'], ['<body data-preview-height="-5">']])('refuses %s', (dom) => {
    expect(() => readHeight(dom)).toThrow('Chromium did not report the page height');
  });
});
