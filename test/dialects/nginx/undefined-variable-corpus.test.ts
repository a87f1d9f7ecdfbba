/**
 * nginx/undefined-variable on the real-world corpus: every file that is a main config (named
 * nginx.conf, or with a top-level http/events block) is linted with its includes resolved, and
 * every finding must be one inspected and listed below with the reason it is real. A new
 * finding is a false positive until shown otherwise (usually a missing built-in or a `$` that
 * is not a variable).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Linter, type FileConfig } from '../../../src/core/linter';
import { loadDialect } from '../../../src/dialects/index';
import { positionAt } from '../../../src/core/positions';
import { defaultSettings } from '../../../src/core/settings';
import { SourceCache } from '../../../src/core/source';
import rule from '../../../rules/nginx/undefined-variable';
import { CORPUS_DIR, describeWithCorpus } from '../../support/paths';

const NGINX_CORPUS = path.join(CORPUS_DIR, 'nginx');

/**
 * Findings inspected by hand: `file:line:column $name` → why nginx -t really fails there.
 */
const EXPECTED: Record<string, string> = {
  'MegaManSec+GixyNG/tests/plugins/simply/proxy_pass_normalized/missing_variable_in_if_argflag.conf:3:10 $is_yum':
    'map "$is_yum:$request_uri": nothing defines $is_yum (the test is about something else)',
  'MegaManSec+GixyNG/tests/plugins/simply/stale_dns_cache/block_with_include_with_if.conf:18:5 $eq':
    'a gixy dump: `if ($eq = $eq)` at http level; $eq is defined nowhere',
  'MegaManSec+GixyNG/tests/plugins/simply/stale_dns_cache/block_with_include_with_if.conf:18:11 $eq': 'the same, second use',
  'nginxinc+crossplane/tests/configs/empty-value-map/nginx.conf:5:12 $arg':
    'map value $arg: there is no $arg (only $args and $arg_NAME); a parser test, never run',
  'tmont+nginx-conf/tests/files/expected.conf:63:21 ${bar}': 'echo foo${bar}: $bar is set nowhere (a parser test file)',
  'tmont+nginx-conf/tests/files/nginx-home.conf:93:21 ${bar}': 'the same file before formatting',
};

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

describeWithCorpus('nginx/undefined-variable on the corpus', () => {
  test('main configs: every finding is one inspected and explained', () => {
    const syntaxErrors = new Set(
      fs
        .readFileSync(path.join(NGINX_CORPUS, 'syntax-errors.tsv'), 'utf8')
        .split('\n')
        .slice(1)
        .map((l) => l.split('\t')[0])
        .filter(Boolean),
    );
    const settings = defaultSettings();
    const config: FileConfig = {
      settings,
      roots: [],
      ruleSetting: (r) => (r.id === rule.id ? { severity: 'error', options: {} } : { severity: 'off', options: {} }),
    };
    const linter = new Linter({ cache: new SourceCache(), dialectFor: loadDialect, configFor: () => config, rulesFor: () => [rule] });
    const found: string[] = [];
    let mains = 0;
    for (const file of listFiles(NGINX_CORPUS)) {
      const rel = path.relative(NGINX_CORPUS, file);
      if (syntaxErrors.has(rel) || rel.endsWith('.tsv')) continue;
      const [outcome] = linter.lint([{ path: file, dialect: 'nginx' }]);
      if (outcome.unitRoot !== file) continue;
      const text = fs.readFileSync(file, 'utf8');
      const main = path.basename(file) === 'nginx.conf' || /^\s*(http|events)\s*\{/m.test(text);
      if (!main) continue;
      mains++;
      for (const m of outcome.messages) {
        if (m.ruleId !== rule.id) continue;
        const p = positionAt(m.file, m.start);
        found.push(`${path.relative(NGINX_CORPUS, m.file.path)}:${p.line}:${p.column} ${m.file.text.slice(m.start, m.end)}`);
      }
    }
    expect(mains).toBeGreaterThan(40);
    expect(found.sort()).toEqual(Object.keys(EXPECTED).sort());
  });
});
