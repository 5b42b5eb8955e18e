import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfigText } from '../../src/config/load-config';

const DEFAULT = readFileSync(join(__dirname, '../../config/default.yaml'), 'utf8');
const withHelpUrl = (value: string) => `helpUrl: ${JSON.stringify(value)}\n${DEFAULT}`;

describe('helpUrl', () => {
  it('is absent by default, so /help names no link', () => {
    expect(parseConfigText(DEFAULT, 'default.yaml').helpUrl).toBeUndefined();
  });

  it('takes an http(s) link for /help to give', () => {
    expect(parseConfigText(withHelpUrl('https://radar.example.org/README.md'), 'radar.yaml').helpUrl).toBe('https://radar.example.org/README.md');
  });

  test.each(['README.md', 'ftp://radar.example.org/README.md', 'javascript:alert(1)'])('refuses %j, naming the key', (value) => {
    expect(() => parseConfigText(withHelpUrl(value), 'radar.yaml')).toThrow(/helpUrl/);
  });
});
