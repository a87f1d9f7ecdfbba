/**
 * The real-world corpus: every file nginx's tokenizer accepts we accept, and the nine it rejects
 * we reject at exactly nginx's line and column with nginx's message (syntax-errors.tsv).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { positionAt } from '../../../src/core/positions';
import { SourceCache } from '../../../src/core/source';
import { parseNginx } from '../../../src/dialects/nginx/parser';
import { CORPUS_DIR, describeWithCorpus } from '../../support/paths';

const ROOT = path.join(CORPUS_DIR, 'nginx');

function* walk(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

describeWithCorpus('nginx corpus (../shared/corpus/nginx)', () => {
  const expected = new Map<string, { line: number; column: number; message: string }>();
  const rows = fs.readFileSync(path.join(ROOT, 'syntax-errors.tsv'), 'utf8').trim().split('\n').slice(1);
  for (const row of rows) {
    const [file, line, column, message] = row.split('\t');
    expected.set(file, { line: Number(line), column: Number(column), message });
  }
  const files = [...walk(ROOT)].filter((p) => !p.endsWith('syntax-errors.tsv'));

  it('has the 1,018 files and 9 known errors the corpus README describes', () => {
    expect(files.length).toBe(1018);
    expect(expected.size).toBe(9);
  });

  it('accepts the 1,009 valid files and rejects the 9 at nginx\'s line and column', () => {
    const cache = new SourceCache();
    const accepted: string[] = [];
    const rejected: Record<string, { line: number; column: number; message: string }> = {};
    for (const p of files) {
      const file = cache.read(p);
      const r = parseNginx(file);
      const rel = path.relative(ROOT, p);
      if (r.error) rejected[rel] = { ...positionAt(file, r.error.offset), message: r.error.message };
      else accepted.push(rel);
    }
    expect(accepted.length).toBe(1009);
    expect(rejected).toEqual(Object.fromEntries(expected));
  });
});
