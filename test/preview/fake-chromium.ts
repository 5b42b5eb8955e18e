import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A stand-in for Chromium's command line: `--dump-dom` prints a body with the given height, `--screenshot=F`
 * writes "PNG <window size>" to F, and every call's arguments are appended to args.log beside it.
 */
export function writeFakeChromium(dir: string, options: { height?: number; fail?: boolean } = {}): { path: string; log: string } {
  const path = join(dir, 'fake-chromium');
  const log = join(dir, 'args.log');
  const script = [
    '#!/bin/sh',
    `echo "$@" >> '${log}'`,
    options.fail ? 'echo "cannot open display" >&2; exit 3' : '',
    'for a in "$@"; do',
    '  case "$a" in',
    '    --dump-dom) dump=1 ;;',
    '    --screenshot=*) shot="${a#--screenshot=}" ;;',
    '    --window-size=*) size="${a#--window-size=}" ;;',
    '  esac',
    'done',
    `if [ -n "$dump" ]; then echo '<html><body data-preview-height="${options.height ?? 321}"></body></html>'; fi`,
    'if [ -n "$shot" ]; then printf "PNG %s" "$size" > "$shot"; fi',
    '',
  ].join('\n');
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return { path, log };
}
