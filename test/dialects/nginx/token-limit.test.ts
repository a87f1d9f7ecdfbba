/**
 * nginx's 4 KB token limit as a syntax error at nginx's line (issue 14). The same rows run
 * through the real `nginx -t` in test/e2e/observed/nginx-token-limit.test.ts.
 */
import { positionAt } from '../../../src/core/positions';
import { sourceFromText } from '../../../src/core/source';
import { parseNginx } from '../../../src/dialects/nginx/parser';
import { TOKEN_LIMIT_CASES, tokenLimitText } from './token-limit-cases';

describe('nginx: a token must fit in the 4096-byte buffer', () => {
  it.each(TOKEN_LIMIT_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = parseNginx(sourceFromText('/virtual/nginx.conf', tokenLimitText(c)));
    if (!c.error) {
      expect(r.error).toBeUndefined();
      return;
    }
    expect(r.error?.message).toBe(c.error);
    const p = positionAt(r.file, r.error!.offset);
    expect([p.line, p.column]).toEqual(c.at);
  });

  it('a file decoded as latin1 counts one byte per character', () => {
    const text = `http {\n    add_header X-A ${'\u00e9'.repeat(4095)};\n}\n`;
    const file = { ...sourceFromText('/virtual/nginx.conf', text), encoding: 'latin1' as const };
    expect(parseNginx(file).error).toBeUndefined();
    const longer = { ...file, text: text.replace('\u00e9;', '\u00e9\u00e9;') };
    expect(parseNginx(longer).error?.message).toBe('too long parameter "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9..." started');
  });

  it('a word running to the end of the file past the limit is too long, not an unexpected end', () => {
    const r = parseNginx(sourceFromText('/virtual/nginx.conf', `add_header X-A ${'a'.repeat(5000)}`));
    expect(r.error?.message).toBe('too long parameter "aaaaaaaaaa..." started');
    const q = parseNginx(sourceFromText('/virtual/nginx.conf', `add_header X-A "${'a'.repeat(5000)}`));
    expect(q.error?.message).toBe('too long parameter, probably missing terminating """ character');
    const short = parseNginx(sourceFromText('/virtual/nginx.conf', `add_header X-A "${'a'.repeat(10)}`));
    expect(short.error?.message).toBe('unexpected end of file, expecting ";" or "}"');
  });
});
