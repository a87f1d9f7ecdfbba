/** The Squid dialect: parser, include loader and analyses (see README-level notes in each module). */
import { findAbove, type Dialect } from '../../core/dialect';
import { analyzeSquid, type SquidAnalysis } from './analysis';
import { loadSquid } from './load';
import { parseSquid } from './parser';

export type { SquidAnalysis } from './analysis';
export type { SquidRequest, AclDef, AclValue } from './acl';
export type { AccessDecision, AccessRule } from './access';
export type { HeaderDecision, HeaderRule } from './headers';
export type { UpgradeDecision, UpgradeRule } from './upgrade';

export const dialect: Dialect<SquidAnalysis> = {
  name: 'squid',
  parse: parseSquid,
  load: loadSquid,
  discoverRoot: (file) => findAbove(file, ['squid.conf']),
  analyze: analyzeSquid,
};
