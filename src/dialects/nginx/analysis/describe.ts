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

/** "line 12", or "proxy_params:3" when the directive is in another file than `from`. */
export function whereIs(d: { file: SourceFile; start: number }, from?: SourceFile): string {
  const line = positionAt(d.file, d.start).line;
  if (!from || from === d.file) return `line ${line}`;
  return `${path.basename(d.file.path)}:${line}`;
}

/** The raw source text of a directive without its `;` (quotes kept): `proxy_set_header Upgrade $http_upgrade`. */
export function directiveText(d: Directive): string {
  const spans = d.spans;
  const parts: string[] = [];
  for (let i = 0; i < spans.length; i += 2) parts.push(d.file.text.slice(spans[i], spans[i + 1]));
  return parts.join(' ');
}

/** The range from a directive's name to the end of its last argument (what a finding underlines). */
export function headRange(d: Directive): [number, number] {
  return [d.spans[0], d.spans[d.spans.length - 1]];
}
