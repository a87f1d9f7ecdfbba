/** `--print-config FILE`: the settings that apply to one file, with the assumed targets said aloud. */
import type { ConfigResolver } from '../core/config';
import { allRules } from '../../rules/index';

export function printConfig(configs: ConfigResolver, file: string): number {
  const cfg = configs.configOfDir(require('node:path').dirname(file));
  const fc = configs.forFile(file);
  const rules: Record<string, unknown> = {};
  for (const r of allRules()) {
    const s = fc.ruleSetting(r);
    rules[r.id] = Object.keys(s.options).length ? [s.severity, s.options] : s.severity;
  }
  const targets: Record<string, string> = {};
  for (const [d, v] of Object.entries(fc.settings.targets)) {
    targets[d] = fc.settings.assumedTargets[d as keyof typeof fc.settings.targets] ? `${v} (assumed: Debian stable; set targets.${d})` : v;
  }
  const out = {
    configFile: cfg.file ?? null,
    targets,
    roots: fc.roots,
    websocket: fc.settings.websocket,
    ignores: cfg.ignores.map((i) => i.pattern),
    rules,
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  return 0;
}
