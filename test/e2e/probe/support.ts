/**
 * Runs the real CLI (`bin/proxylint.js probe …`) as a child process, asynchronously: the servers
 * and echo backends of the test live in this process and must keep answering meanwhile.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../../support/paths';

export interface ProbeJson {
  url: string;
  ok: boolean;
  steps: { step: string; status: string; summary: string; ms?: number }[];
  diagnosis?: { class: string; hop: string; message: string; rules: string[]; advice?: string };
}

export interface ProbeRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Parsed stdout when --format json was used. */
  json?: ProbeJson;
  ms: number;
}

export function probeCli(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<ProbeRun> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'proxylint.js'), 'probe', ...args], {
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      let json: ProbeJson | undefined;
      if (args.includes('json')) {
        try {
          json = JSON.parse(stdout) as ProbeJson;
        } catch {
          json = undefined;
        }
      }
      resolve({ code, stdout, stderr, json, ms: Date.now() - t0 });
    });
  });
}

/** probeCli with --format json; the run's summary for readable failures. */
export async function probeJson(args: string[], env: Record<string, string> = {}): Promise<ProbeRun & { json: ProbeJson }> {
  const r = await probeCli([...args, '--format', 'json'], env);
  if (!r.json) throw new Error(`probe printed no JSON (exit ${r.code})\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r as ProbeRun & { json: ProbeJson };
}

/** The parts of a run a test asserts on, in one object so that a failure shows all of them. */
export function verdict(r: ProbeRun & { json: ProbeJson }): { code: number | null; class?: string; rules?: string[]; hop?: string } {
  return { code: r.code, class: r.json.diagnosis?.class, rules: r.json.diagnosis?.rules, hop: r.json.diagnosis?.hop };
}

export function stepOf(r: { json: ProbeJson }, step: string): string {
  return r.json.steps
    .filter((s) => s.step === step)
    .map((s) => `${s.status} ${s.summary}`)
    .join('\n');
}
