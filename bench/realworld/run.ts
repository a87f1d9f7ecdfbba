/**
 * `npm run realworld`: lints the real-world corpus, prints precision and recall per dialect and
 * per rule, the false positives and false negatives with file:line, and writes the same as JSON
 * (default dist/realworld-report.json; `--json FILE`). `--update-ratchet` records the cases now
 * fully matched in test/realworld/ratchet.json; it refuses to drop a case that regressed unless
 * `--allow-drop` is given (a regression is fixed, not ratcheted away).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  RATCHET,
  REALWORLD,
  REPO,
  fullyMatched,
  loadExpectations,
  loadRatchet,
  runCases,
  summarize,
  validateCases,
  type CaseOutcome,
  type Tally,
} from './score';

function pct(x: number | null): string {
  return x === null ? '   — ' : `${(x * 100).toFixed(1).padStart(5)}%`;
}

function row(name: string, t: Tally, width: number): string {
  return `${name.padEnd(width)} P ${pct(t.precision)}  R ${pct(t.recall)}   tp ${String(t.tp).padStart(3)}  fp ${String(t.fp).padStart(3)}  fn ${String(t.fn).padStart(3)}`;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const jsonFile = jsonAt >= 0 ? path.resolve(args[jsonAt + 1]) : path.join(REPO, 'dist', 'realworld-report.json');
  const only = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--json');
  const all = loadExpectations();
  const problems = validateCases(all);
  if (problems.length) {
    for (const p of problems) console.error(`expectations: ${p}`);
    return 2;
  }
  const cases = only.length ? all.filter((c) => only.some((o) => c.id.includes(o))) : all;
  const outcomes = await runCases(cases);
  const s = summarize(cases, outcomes);

  console.log(`proxylint real-world corpus: ${cases.length} cases (${Object.entries(s.cases).map(([d, n]) => `${d} ${n}`).join(', ')})`);
  console.log('A warning or error is a claim; info is not.\n');
  console.log('Per dialect (findings)');
  for (const [d, t] of Object.entries(s.byDialect)) console.log('  ' + row(d, t, 10));
  console.log('  ' + row('all', s.total, 10));
  console.log('\nPer dialect (case verdicts: flagged = at least one claim)');
  for (const [d, v] of Object.entries(s.verdicts)) {
    console.log(`  ${d.padEnd(10)} flag→flagged ${v.tp}  flag→clean ${v.fn}  clean→flagged ${v.fp}  clean→clean ${v.tn}`);
  }
  console.log('\nPer rule');
  const w = Math.max(...Object.keys(s.byRule).map((k) => k.length));
  for (const [r, t] of Object.entries(s.byRule)) console.log('  ' + row(r, t, w));

  const list = (title: string, pick: (o: CaseOutcome) => string[]) => {
    const lines = outcomes.flatMap((o) => pick(o).map((l) => `  ${o.id}  ${l}`));
    console.log(`\n${title} (${lines.length})`);
    for (const l of lines) console.log(l);
  };
  list('False positives', (o) => o.fp.map((f) => `${f.file}:${f.line} ${f.rule} [${f.severity}] ${f.message.slice(0, 140)}`));
  list('False negatives', (o) =>
    [...(o.crash ? [`CLI failed: ${o.crash}`] : []), ...o.fn.map((e) => `${e.file}:${e.line ?? e.lines?.join('-')} ${e.rule}${e.why ? ` — ${e.why}` : ''}`)],
  );

  list('Context notices, not scored (what the linter could not read)', (o) => {
    const byRule = new Map<string, number>();
    for (const f of o.context) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
    return [...byRule].map(([r, n]) => `${r} x${n}`);
  });

  const matched = outcomes.filter(fullyMatched).map((o) => o.id);
  console.log(`\nFully matched cases: ${matched.length}/${outcomes.length}`);
  fs.mkdirSync(path.dirname(jsonFile), { recursive: true });
  fs.writeFileSync(jsonFile, JSON.stringify({ summary: s, outcomes, matched }, null, 2) + '\n');
  console.log(`JSON report: ${path.relative(process.cwd(), jsonFile)}`);

  if (args.includes('--readme')) writeReadme(all);
  if (args.includes('--update-ratchet')) {
    if (only.length) {
      console.error('--update-ratchet needs the whole corpus (no case filter)');
      return 2;
    }
    const before = fs.existsSync(RATCHET) ? loadRatchet() : [];
    const known = new Set(all.map((c) => c.id));
    const dropped = before.filter((id) => known.has(id) && !matched.includes(id));
    if (dropped.length && !args.includes('--allow-drop')) {
      console.error(`ratchet not updated: these cases regressed: ${dropped.join(', ')} (fix them, or pass --allow-drop)`);
      return 1;
    }
    const added = matched.filter((id) => !before.includes(id));
    fs.writeFileSync(RATCHET, JSON.stringify({ matched: [...matched].sort() }, null, 2) + '\n');
    console.log(`ratchet updated: ${matched.length} cases (+${added.length}${dropped.length ? `, -${dropped.length}` : ''})`);
  }
  return 0;
}

/** Regenerates the source table of test/realworld/README.md (between its markers) from the expectation table. */
function writeReadme(all: ReturnType<typeof loadExpectations>): void {
  const file = path.join(REALWORLD, 'README.md');
  const text = fs.readFileSync(file, 'utf8');
  const start = '<!-- cases:start -->';
  const end = '<!-- cases:end -->';
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
  const rows = all.map((c) => `| \`${c.id}\` | ${c.dialect} | ${c.verdict} | ${cell(c.source)} | ${cell(c.licence)} |`);
  const table = ['| case | dialect | verdict | source | licence |', '|---|---|---|---|---|', ...rows].join('\n');
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < 0) throw new Error(`${file} lacks the ${start} / ${end} markers`);
  fs.writeFileSync(file, text.slice(0, i + start.length) + '\n' + table + '\n' + text.slice(j));
  console.log(`README table: ${all.length} cases`);
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`realworld: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
