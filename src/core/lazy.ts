/**
 * Facts an analysis computes about one parsed unit on first use and keeps: the one caching
 * pattern of the four dialects' analyses (issue 15: a `once(key)` class with extra hand-rolled
 * maps, a `lazy()` closure, a separate `wsCache`). A run whose rules never ask for a fact never
 * pays for it. No string keys: a fact is a field, so two facts cannot share a key by mistake.
 */

/** `compute()` on the first call, its value on every later one. */
export function lazy<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/** `compute(k)` once per argument (compared with `Map` identity: a string, a node, a proxy). */
export function lazyPer<K, V>(compute: (k: K) => V): (k: K) => V {
  return keptIn(new Map<K, V>(), compute);
}

/**
 * `compute(k)` once per object, kept as long as the object lives (a `WeakMap`): facts of a parsed
 * tree or node list that outlive any one analysis (the preorder of a unit, a list's index).
 */
export function lazyPerObject<K extends object, V>(compute: (k: K) => V): (k: K) => V {
  return keptIn(new WeakMap<K, V>(), compute);
}

interface Store<K, V> {
  get(k: K): V | undefined;
  has(k: K): boolean;
  set(k: K, v: V): unknown;
}

function keptIn<K, V>(values: Store<K, V>, compute: (k: K) => V): (k: K) => V {
  return (k) => {
    let v = values.get(k);
    // One lookup when a value is kept; an undefined result is kept too (has() tells it apart).
    if (v === undefined && !values.has(k)) values.set(k, (v = compute(k)));
    return v as V;
  };
}
