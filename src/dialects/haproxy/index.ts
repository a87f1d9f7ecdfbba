/** The HAProxy dialect: parser (no includes in HAProxy's format), proxies with inherited defaults, routing, WebSocket signals. */
import type { Dialect } from '../../core/dialect';
import { analyzeHaproxy, type HaproxyAnalysis } from './analysis';
import { parseHaproxy } from './parser';

export type { HaproxyAnalysis, IncomingRoute } from './analysis';
export type { Proxy, ProxyKind, TimeoutName, TimeoutSetting, ModeSetting, ProxyProblem } from './proxies';
export type { Route } from './routing';
export type { WebSocketInfo } from './websocket';

export const dialect: Dialect<HaproxyAnalysis> = {
  name: 'haproxy',
  parse: parseHaproxy,
  load(root) {
    const parsed = parseHaproxy(root);
    return {
      dialect: 'haproxy',
      root,
      nodes: parsed.nodes,
      files: [root],
      errors: parsed.error ? [parsed.error] : [],
      includeProblems: [],
      // A file with no section at all is a fragment (a snippet to paste into a section).
      fragment: !parsed.nodes.some((n) => n.type === 'directive' && n.children),
    };
  },
  analyze: analyzeHaproxy,
};
