/** Text (one line per step, then the diagnosis) and JSON renderings of a probe report. */
import type { ProbeReport } from './types';

const MARK = { ok: 'ok  ', fail: 'FAIL', warn: 'warn', info: '    ' } as const;

export function formatText(r: ProbeReport): string {
  const lines = [`probe ${r.url}`];
  for (const s of r.steps) {
    lines.push(`  ${MARK[s.status]} ${s.step.padEnd(9)} ${s.summary}${s.ms !== undefined && s.ms > 0 ? ` [${s.ms} ms]` : ''}`);
  }
  if (!r.diagnosis) {
    lines.push('result: the WebSocket upgrade works.');
  } else {
    const d = r.diagnosis;
    lines.push(`diagnosis (${d.class}) at ${d.hop}: ${d.message}`);
    if (d.rules.length) lines.push(`  lint rules: ${d.rules.join(', ')}`);
    if (d.advice) lines.push(`  ${d.advice}`);
  }
  return lines.join('\n') + '\n';
}

export function formatJson(r: ProbeReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}
