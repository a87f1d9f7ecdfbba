/** What a formatter is told about the run: its own module, so formatters need not import the index that loads them. */
import type { RuleMeta } from '../core/result';

export interface FormatContext {
  cwd: string;
  /** Metadata of the rules that could have reported (SARIF rules[], help links). */
  rulesMeta(): RuleMeta[];
  color: boolean;
  version: string;
  /** Said once per run under the findings (terminal format): the assumed server versions. */
  notes?: string[];
  /** --verbose: the terminal format also says which WebSocket signal each finding rests on. */
  verbose?: boolean;
}
