/**
 * Squid's `if` expressions (cache_cf.cc EvalBoolExpr): `true`, `false` or `<int> = <int>`, after
 * macro substitution. `${process_number}` and `${process_name}` differ per SMP kid, so a
 * condition that uses them is 'unknown' and both branches are treated as possible; everything
 * else is decided exactly as squid decides it.
 */

export type Tristate = true | false | 'unknown';

export type ConditionResult = { value: Tristate } | { error: string };

/** Per-kid macros: a linter cannot know which kid reads the file. */
const PER_KID = /\$\{process_(number|name)\}/;

/** Squid's default service name (changed only by `-n` on the command line). */
export function expandStaticMacros(s: string): string {
  return s.replace(/\$\{service_name\}/g, 'squid');
}

function isInt(s: string): boolean {
  // StrToInt: strtol with base 0 accepts decimal, 0x hex and 0 octal, and nothing after.
  return /^[+-]?(0[xX][0-9a-fA-F]+|\d+)$/.test(s);
}

export function evalCondition(rawExpr: string): ConditionResult {
  const expr = expandStaticMacros(rawExpr);
  if (expr === 'true') return { value: true };
  if (expr === 'false') return { value: false };
  const eq = expr.indexOf('=');
  if (eq === -1) return { error: `Unable to evaluate expression '${expr}'` };
  const lvalue = expr.slice(0, eq).trimEnd();
  const rvalue = expr.slice(eq + 1).trimStart();
  const unknownL = PER_KID.test(lvalue);
  const unknownR = PER_KID.test(rvalue);
  if (!unknownL && !isInt(lvalue)) return { error: `String is not a integer number: '${lvalue}'` };
  if (!unknownR && !isInt(rvalue)) return { error: `String is not a integer number: '${rvalue}'` };
  if (unknownL || unknownR) return { value: 'unknown' };
  return { value: Number(lvalue) === Number(rvalue) };
}
