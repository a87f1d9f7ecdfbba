/**
 * Words for findings: how to name a configuration level and where a directive is, so every nginx
 * rule says "the server block (line 12)" and "proxy_params:3" the same way.
 */
import * as path from 'node:path';
import type { Directive, SourceFile } from '../../../core/ast';
import { positionAt } from '../../../core/positions';

/** `location /ws`, `location ~* \.php$`, `server block`, `http block`, `if block`, `top level`. */
export function levelName(level: Directive | null): string {
  if (!level) return 'top level';
  if (level.key === 'location') return `location ${level.args.join(' ')}`;
  return `${level.key} block`;
}

export { whereIs } from '../../../core/positions';

/** The range from a directive's name to the end of its last argument (what a finding underlines). */
export function headRange(d: Directive): [number, number] {
  return [d.spans[0], d.spans[d.spans.length - 1]];
}

/**
 * `location /ws`: the start of every WebSocket finding. Why the location counts as a WebSocket
 * route (its path, its headers, websocket.paths, a comment) is the rule page's to explain, not
 * every message's (short messages, issue 10); `intent` stays in the signature for callers.
 */
export function routeLabel(location: Directive, _intent: { reason: string }): string {
  return levelName(location);
}

/** `"Upgrade"`, `'' ` → how a header value reads in a message (`""` for empty). */
export function quoted(value: string): string {
  return JSON.stringify(value);
}

/** Where a set of directives are, compactly: "lines 3-5, 9", "proxy_params:1-4". */
export function whereAll(ds: { file: SourceFile; start: number }[], from?: SourceFile): string {
  const byFile = new Map<SourceFile, number[]>();
  for (const d of ds) {
    let l = byFile.get(d.file);
    if (!l) byFile.set(d.file, (l = []));
    l.push(positionAt(d.file, d.start).line);
  }
  const parts: string[] = [];
  for (const [file, lines] of byFile) {
    const sorted = [...new Set(lines)].sort((x, y) => x - y);
    const runs: string[] = [];
    for (let i = 0; i < sorted.length; ) {
      let j = i;
      // Past the end sorted[j + 1] is undefined: never the next number.
      while (sorted[j + 1] === sorted[j] + 1) j++;
      runs.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
      i = j + 1;
    }
    const multi = sorted.length > 1;
    parts.push(!from || from === file ? `line${multi ? 's' : ''} ${runs.join(', ')}` : `${path.basename(file.path)}:${runs.join(',')}`);
  }
  return parts.join('; ');
}
