/**
 * docker-compose (environment:, build.args), Kubernetes (container env:, ConfigMap data:,
 * multi-document), GitHub Actions and GitLab CI (env:, variables:), read with the `yaml` library,
 * whose nodes keep their source ranges.
 */
import * as path from 'node:path';
import type { SourceFile } from '../../core/ast';
import { fileAssignments, overlay, type Assignment, type RefReader, type Scope } from './index';

type YamlNs = typeof import('yaml');
const K8S_WORKLOADS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicaSet', 'ReplicationController']);
const ENV_KEYS = new Set(['environment', 'env', 'variables', 'args', 'data']);

export function extractYaml(file: SourceFile, read?: RefReader): Scope[] {
  const Y = require('yaml') as YamlNs;
  const scopes: Scope[] = [];
  for (const doc of Y.parseAllDocuments(file.text)) {
    if (!('contents' in doc) || !doc.contents) continue;
    const root = doc.contents;
    const kind = Y.isMap(root) ? String((root.get('kind') as unknown) ?? '') : '';
    const k8s = K8S_WORKLOADS.has(kind);
    const configMap = kind === 'ConfigMap';
    const compose = Y.isMap(root) && root.has('services');
    const visit = (node: unknown, label: string): void => {
      if (Y.isMap(node)) {
        // compose: env_file (read first) under environment (which wins, docs.docker.com "Set
        // environment variables": environment takes precedence over env_file).
        const envFilePair = compose ? node.items.find((p) => Y.isScalar(p.key) && p.key.value === 'env_file') : undefined;
        let fromFiles = envFilePair && read ? envFileAssignments(Y, envFilePair.value, file, read) : [];
        for (const pair of node.items) {
          const key = Y.isScalar(pair.key) ? String(pair.key.value) : '';
          if (ENV_KEYS.has(key) && (key !== 'data' || configMap)) {
            let a = collect(Y, pair.value);
            if (key === 'environment' && fromFiles.length) {
              a = overlay(fromFiles, a);
              fromFiles = [];
            }
            if (a.length) scopes.push({ file, kind: 'yaml', label: `${label}${key}`, assignments: a, k8s: k8s || undefined });
          }
          const name = Y.isMap(pair.value) && Y.isScalar(pair.value.get('name', true)) ? String(pair.value.get('name')) : key;
          visit(pair.value, `${label}${name}.`);
        }
        if (fromFiles.length) scopes.push({ file, kind: 'yaml', label: `${label}env_file`, assignments: fromFiles });
      } else if (Y.isSeq(node)) {
        node.items.forEach((it, i) => {
          const name = Y.isMap(it) && it.get('name') !== undefined ? String(it.get('name')) : String(i);
          visit(it, `${label}${name}.`);
        });
      }
    };
    visit(root, `${path.basename(file.path)}:`);
  }
  return scopes;
}

function collect(Y: YamlNs, node: unknown): Assignment[] {
  const out: Assignment[] = [];
  const valueRange = (v: { range?: [number, number, number] | null; type?: string }) => {
    const [s, e] = v.range ?? [0, 0];
    const quoted = v.type === 'QUOTE_DOUBLE' || v.type === 'QUOTE_SINGLE';
    return quoted ? [s + 1, e - 1] : [s, e];
  };
  if (Y.isMap(node)) {
    for (const pair of node.items) {
      if (!Y.isScalar(pair.key)) continue;
      const k = pair.key as { value: unknown; range?: [number, number, number] };
      const name = String(k.value);
      const [ns, ne] = k.range ?? [0, 0];
      if (Y.isScalar(pair.value)) {
        const [s, e] = valueRange(pair.value);
        out.push({ name, value: pair.value.value === null ? '' : String(pair.value.value), start: s, end: e, nameStart: ns, nameEnd: ne });
      }
    }
  } else if (Y.isSeq(node)) {
    for (const it of node.items) {
      if (Y.isScalar(it) && typeof it.value === 'string') {
        // compose list form: - HTTP_PROXY=http://…
        const eq = it.value.indexOf('=');
        if (eq <= 0) continue;
        const [s] = valueRange(it);
        out.push({ name: it.value.slice(0, eq), value: it.value.slice(eq + 1), start: s + eq + 1, end: s + it.value.length, nameStart: s, nameEnd: s + eq });
      } else if (Y.isMap(it)) {
        // Kubernetes: - name: HTTP_PROXY / value: http://…
        const n = it.get('name', true);
        const v = it.get('value', true);
        if (Y.isScalar(n) && Y.isScalar(v)) {
          const [s, e] = valueRange(v);
          const [ns, ne] = n.range ?? [0, 0];
          out.push({ name: String(n.value), value: v.value === null ? '' : String(v.value), start: s, end: e, nameStart: ns, nameEnd: ne });
        }
      }
    }
  }
  return out;
}

/**
 * compose `env_file:`: a path, a list of paths, or (compose 2.24+) a list of `{ path, required }`,
 * each relative to the compose file's directory; later files override earlier ones.
 */
function envFileAssignments(Y: YamlNs, node: unknown, file: SourceFile, read: RefReader): Assignment[] {
  const items = Y.isSeq(node) ? node.items : [node];
  let out: Assignment[] = [];
  for (const it of items) {
    const p = Y.isScalar(it) ? it.value : Y.isMap(it) ? it.get('path') : undefined;
    if (typeof p !== 'string' || p === '') continue;
    const ref = read(path.resolve(path.dirname(file.path), p), file);
    if (ref) out = overlay(out, fileAssignments(ref));
  }
  return out;
}
