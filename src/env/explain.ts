/** `proxylint env explain URL [--as CLIENT[@VERSION]]…`: each client's decision, and why. */
import { UsageError } from '../core/errors';
import { CLIENTS } from './clients';
import { decideProxy, parseClientSpec } from './decide';
import { CLIENT_IDS, type Env, type ProxyDecision } from './types';
import { redactText } from './target';

export function explainAll(url: string, env: Env, specs: string[]): ProxyDecision[] {
  const list = specs.length ? specs : [...CLIENT_IDS];
  return list.map((s) => {
    const { client, version } = parseClientSpec(s);
    return decideProxy(url, env, client, version);
  });
}

export function formatExplainText(url: string, decisions: ProxyDecision[]): string {
  const rows = decisions.map((d) => {
    const who = `${d.client}@${d.version}`;
    const what = d.via === 'proxy' ? `proxy ${d.proxy}` : 'direct';
    return { who, what, why: d.reason + (d.error ? ` But: ${d.error}.` : '') };
  });
  const w1 = Math.max(...rows.map((r) => r.who.length));
  const w2 = Math.max(...rows.map((r) => r.what.length));
  const lines = rows.map((r) => `  ${r.who.padEnd(w1)}  ${r.what.padEnd(w2)}  ${r.why}`);
  return `${redactText(url)}\n${lines.join('\n')}\n`;
}

export function runExplain(positional: string[], as: string[], format: string, env: Env): number {
  if (positional.length !== 1) throw new UsageError('env explain takes one URL, e.g. proxylint env explain https://api.example.com/ --as curl');
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}" for env explain (expected text or json)`);
  const url = positional[0];
  const decisions = explainAll(url, env, as.flatMap((a) => a.split(',')).filter(Boolean));
  process.stdout.write(format === 'json' ? JSON.stringify({ url: redactText(url), decisions }, null, 2) + '\n' : formatExplainText(url, decisions));
  return 0;
}

export { CLIENTS };
