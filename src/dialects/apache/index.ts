/**
 * The Apache httpd dialect: parser, loader (includes, modules, If* evaluation) and analyses.
 */
import { findAbove, type Dialect } from '../../core/dialect';
import { analyzeApache, type ApacheAnalysis } from './analysis';
import { loadApache } from './load';
import { parseApache } from './parser';

export type { ApacheAnalysis, BalancerMember, ProxyRoute, RewriteRuleInfo, ServerScope, LogLevelModule, TunnelTimeout, Setting, RewriteCondInfo } from './analysis';
export type { WebSocketIntent, WebSocketSignal } from './intent';
export type { LoadedModule } from './state';

const analyses = new WeakMap<object, ApacheAnalysis>();

export const dialect: Dialect<ApacheAnalysis> = {
  name: 'apache',
  parse(file) {
    const { activity: _activity, ...result } = parseApache(file);
    return result;
  },
  load: loadApache,
  // A site or conf fragment is linted inside the apache2.conf / httpd.conf that includes it.
  discoverRoot: (file) => findAbove(file, ['apache2.conf', 'httpd.conf']),
  analyze(unit, settings) {
    let a = analyses.get(unit);
    if (!a) {
      a = analyzeApache(unit, settings);
      analyses.set(unit, a);
    }
    return a;
  },
};
