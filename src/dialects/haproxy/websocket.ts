/**
 * Does a proxy carry WebSockets? In `mode http` HAProxy forwards an Upgrade handshake and turns
 * the connection into a tunnel by itself (no option needed), so every HTTP proxy can carry
 * WebSockets unless the config says otherwise (`mode tcp`). Stronger signals are recorded so
 * findings can say why: websocket-looking path acls (`path_beg /ws`), `hdr(upgrade)` tests, a
 * `# proxylint: websocket` comment, paths from `websocket.paths`, and for a backend the
 * frontend routes that select it with such a condition.
 */
import type { Directive } from '../../core/ast';
import type { Proxy } from './proxies';
import type { Route } from './routing';

export interface WebSocketInfo {
  carries: boolean;
  /** Human-readable reasons, strongest first; `mode http` alone is the weakest. */
  signals: string[];
  /** Lines that gave a signal. */
  directives: Directive[];
}

const WS_PATHS = /^\/?(ws|wss|websocket|websockets|socket\.io|sockjs|cable|hub|hubs|signalr|live|realtime|graphql-ws|subscriptions)(\/|$)/i;
const UPGRADE_FETCH = /\b(req\.)?hdr(_beg|_sub|_end|_reg|_cnt|_len|_val|_dom)?\(\s*(upgrade|sec-websocket-[a-z]+)\s*(,[^)]*)?\)/i;
const PATH_FETCH = /^(path|path_beg|path_dir|path_sub|path_reg|path_end|url_beg|url_sub|url_reg|base_beg|base_sub)$/;

/** Signals found in a list of condition/acl words. */
export function signalsInWords(words: string[], extraPaths: string[]): string[] {
  const out: string[] = [];
  const text = words.join(' ');
  const up = UPGRADE_FETCH.exec(text);
  if (up) out.push(`tests the ${up[3]} header (${up[0]})`);
  for (let i = 0; i < words.length; i++) {
    if (!PATH_FETCH.test(words[i].replace(/^\{/, ''))) continue;
    for (let j = i + 1; j < words.length && !/^(if|unless|\}|or|\|\|)$/.test(words[j]); j++) {
      const v = words[j];
      if (v.startsWith('-')) continue;
      if (WS_PATHS.test(v) || extraPaths.some((p) => v.startsWith(p))) {
        out.push(`matches the WebSocket path ${v} (${words[i]})`);
        break;
      }
    }
  }
  return out;
}

/** Names of acls in this proxy whose definition carries a WebSocket signal. */
export function websocketAcls(p: Proxy, extraPaths: string[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const d of p.section.children ?? []) {
    if (d.type !== 'directive' || d.key !== 'acl' || !d.args[0]) continue;
    const s = signalsInWords(d.args.slice(1), extraPaths);
    if (s.length) m.set(d.args[0], [...(m.get(d.args[0]) ?? []), ...s]);
  }
  return m;
}

export function websocketOf(
  p: Proxy,
  extraPaths: string[],
  incoming: Array<{ from: Proxy; route: Route }>,
): WebSocketInfo {
  const signals: string[] = [];
  const directives: Directive[] = [];
  const own = websocketAcls(p, extraPaths);
  for (const k of p.section.children ?? []) {
    if (k.type === 'comment' && /^\s*proxylint:\s*websocket\b/.test(k.text)) signals.push('marked `# proxylint: websocket`');
    if (k.type !== 'directive') continue;
    if (k.key === 'acl' && own.has(k.args[0])) {
      signals.push(...own.get(k.args[0])!.map((s) => `acl ${k.args[0]} ${s}`));
      directives.push(k);
    } else if (k.key !== 'acl') {
      const s = signalsInWords(k.args, extraPaths);
      if (s.length) {
        signals.push(...s);
        directives.push(k);
      }
    }
  }
  for (const { from, route } of incoming) {
    if (route.isDefault) continue;
    const acls = websocketAcls(from, extraPaths);
    const hits = route.condition.filter((w) => acls.has(w.replace(/^!/, '')) && !w.startsWith('!'));
    const inline = signalsInWords(route.condition, extraPaths);
    if (!route.negated && (hits.length || inline.length)) {
      signals.push(`selected by ${from.kind} ${from.name} for ${hits.length ? `acl ${hits.join(', ')}` : inline.join(', ')}`);
      directives.push(route.directive);
    }
  }
  const http = p.mode.value === 'http';
  if (http) signals.push('mode http (HAProxy tunnels Upgrade requests by default)');
  return { carries: http, signals, directives };
}
