/**
 * Which backends a frontend (or listen) sends traffic to: `default_backend NAME` and
 * `use_backend NAME [if|unless condition]`. Names built at run time (`%[…]`) are kept as dynamic.
 */
import type { Directive } from '../../core/ast';
import type { Proxy } from './proxies';

export interface Route {
  backend: string;
  /** use_backend's condition words (after `if`/`unless`), empty for default_backend. */
  condition: string[];
  negated: boolean;
  directive: Directive;
  isDefault: boolean;
  dynamic: boolean;
}

export function routesOf(p: Proxy): Route[] {
  const out: Route[] = [];
  const kids = p.section.children ?? [];
  // Indexed: a for-of allocates an iterator result per line until optimised (proxies.ts).
  for (let i = 0; i < kids.length; i++) {
    const d = kids[i];
    if (d.type !== 'directive') continue;
    if (d.key !== 'default_backend' && d.key !== 'use_backend') continue;
    const backend = d.args[0] ?? '';
    const ci = d.args.findIndex((a) => a === 'if' || a === 'unless');
    out.push({
      backend,
      condition: ci === -1 ? [] : d.args.slice(ci + 1),
      negated: ci !== -1 && d.args[ci] === 'unless',
      directive: d,
      isDefault: d.key === 'default_backend',
      dynamic: backend.includes('%['),
    });
  }
  return out;
}
