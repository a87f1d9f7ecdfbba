/** How the probe prints a duration it measured (parsing its flags is core/duration's `flag` syntax). */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
