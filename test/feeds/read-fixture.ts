import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes of a file in test/fixtures/feeds. */
export function readFixtureBytes(name: string): Buffer {
  return readFileSync(join(__dirname, '..', 'fixtures', 'feeds', name));
}

/** A UTF-8 fixture as text. */
export function readFixture(name: string): string {
  return readFixtureBytes(name).toString('utf8');
}
