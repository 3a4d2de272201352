/**
 * Small run-time checks for the webview messages of protocol.ts. A webview page is a browser
 * context that renders report data, so the host treats what it posts as untrusted input and
 * checks it at the edge (the view checks the host's notifications the same way). Hand-written
 * and import-free, so protocol.ts stays free of dependencies and the browser bundle takes both
 * as they are.
 *
 * A `Check<T>` names what is wrong with a value (`undefined` when it fits T); the problem
 * names the field, so the host's log says which part of a message was rejected.
 */

/** What is wrong with `x` (at `path`, e.g. `params.line`), or undefined when it is a T. `T` exists for type inference only. */
export interface Check<T> {
  (x: unknown, path: string): string | undefined;
  readonly _type?: T;
}

/** Paths, URIs and names longer than this are refused: no legitimate value comes near it. */
export const MAX_IPC_STRING = 4096;

/** Free text in host → view messages (finding messages, status lines) is refused beyond this. */
export const MAX_IPC_TEXT = 1_000_000;

/** Arrays in host → view messages longer than this are refused (a model's features, findings). */
export const MAX_IPC_ARRAY = 100_000;

/** Own keys that could reach a prototype if some code later merged the object naïvely. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The type guard of a check. */
export function is<T>(check: Check<T>, x: unknown): x is T {
  return check(x, 'value') === undefined;
}

/** Anything: for fields whose content the receiver does not read. */
export const anything: Check<unknown> = () => undefined;

/** A string of at most `max` characters. */
export const str = (max: number): Check<string> => (x, p) => (typeof x !== 'string' ? `${p} must be a string` : x.length > max ? `${p} is longer than ${max} characters` : undefined);

/** A path, URI or name: non-empty, at most MAX_IPC_STRING characters, no NUL (which truncates paths in native code). */
export const pathOrName: Check<string> = (x, p) =>
  str(MAX_IPC_STRING)(x, p) ?? ((x as string).length === 0 ? `${p} must not be empty` : (x as string).includes('\0') ? `${p} contains a NUL character` : undefined);

/** A finite number (JSON has no NaN or Infinity; a number that is one was not produced by our code). */
export const num: Check<number> = (x, p) => (typeof x === 'number' && Number.isFinite(x) ? undefined : `${p} must be a finite number`);

/** A safe integer ≥ `min`: line/column (1), indices (0). */
export const int = (min: number): Check<number> => (x, p) => (typeof x === 'number' && Number.isSafeInteger(x) && x >= min ? undefined : `${p} must be an integer ≥ ${min}`);

export const literal = <const V extends string | number | boolean | null>(v: V): Check<V> => (x, p) => (x === v ? undefined : `${p} must be ${JSON.stringify(v)}`);

export const oneOf = <const V extends string>(values: readonly V[]): Check<V> => (x, p) =>
  typeof x === 'string' && (values as readonly string[]).includes(x) ? undefined : `${p} must be one of ${values.join(', ')}`;

/** A or B; when neither fits, B's problem is reported. */
export const either = <A, B>(a: Check<A>, b: Check<B>): Check<A | B> => (x, p) => (a(x, p) === undefined ? undefined : b(x, p));

export const arrayOf = <T>(item: Check<T>, max = MAX_IPC_ARRAY): Check<T[]> => (x, p) => {
  if (!Array.isArray(x) || Object.getPrototypeOf(x) !== Array.prototype) return `${p} must be an array`;
  if (x.length > max) return `${p} has more than ${max} items`;
  for (let i = 0; i < x.length; i++) {
    const problem = item(x[i], `${p}[${i}]`);
    if (problem) return problem;
  }
  return undefined;
};

/**
 * A plain data object: prototype Object.prototype (what structured clone and JSON produce) or
 * null, only string keys, only data properties (a getter would run code while we check), and
 * none of `__proto__`, `constructor`, `prototype`.
 */
export function plainObjectProblem(x: unknown, p: string): string | undefined {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return `${p} must be an object`;
  const proto: unknown = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) return `${p} must be a plain object`;
  for (const k of Reflect.ownKeys(x)) {
    if (typeof k !== 'string') return `${p} has a symbol key`;
    if (PROTOTYPE_KEYS.has(k)) return `${p} has a forbidden key ${JSON.stringify(k)}`;
    if (!('value' in (Object.getOwnPropertyDescriptor(x, k) ?? {}))) return `${p}.${k} is an accessor, not a value`;
  }
  return undefined;
}

type OptionalKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T];
type RequiredKeys<T> = Exclude<keyof T, OptionalKeys<T>>;

/** A check for each field of T: `required` for the fields T must have, `optional` for the others (absent or undefined). */
export interface Fields<T> {
  readonly required: { readonly [K in RequiredKeys<T>]: Check<T[K]> };
  readonly optional: { readonly [K in OptionalKeys<T>]-?: Check<Exclude<T[K], undefined>> };
}

/**
 * A plain object with exactly T's fields. Unknown keys are refused (our pages build every
 * message from literals, so an extra key means the sender is not our code), and only own
 * properties count: nothing inherited satisfies a field.
 */
export function record<T>(fields: Fields<T>): Check<T> {
  const required = Object.entries(fields.required) as [string, Check<unknown>][];
  const optional = new Map(Object.entries(fields.optional) as [string, Check<unknown>][]);
  const known = new Set([...required.map(([k]) => k), ...optional.keys()]);
  return (x, p) => {
    const problem = plainObjectProblem(x, p);
    if (problem) return problem;
    const o = x as Readonly<Record<string, unknown>>;
    for (const k of Reflect.ownKeys(o) as string[]) if (!known.has(k)) return `${p} has an unexpected key ${JSON.stringify(k.slice(0, 64))}`;
    for (const [k, check] of required) {
      if (!Object.hasOwn(o, k)) return `${p}.${k} is missing`;
      const bad = check(o[k], `${p}.${k}`);
      if (bad) return bad;
    }
    for (const [k, check] of optional) {
      if (!Object.hasOwn(o, k) || o[k] === undefined) continue;
      const bad = check(o[k], `${p}.${k}`);
      if (bad) return bad;
    }
    return undefined;
  };
}

/**
 * A plain object whose named fields are checked and whose other fields are let through: for
 * host → view payloads that are large and open-ended (a report), where the view only needs
 * the outline to be right before it draws and narrows the rest itself. The caller states
 * that the outline is enough to call it a T.
 */
export function outline<T>(fields: { readonly [k: string]: Check<unknown> }): Check<T> {
  const entries = Object.entries(fields);
  return (x, p) => {
    const problem = plainObjectProblem(x, p);
    if (problem) return problem;
    const o = x as Readonly<Record<string, unknown>>;
    for (const [k, check] of entries) {
      const bad = check(Object.hasOwn(o, k) ? o[k] : undefined, `${p}.${k}`);
      if (bad) return bad;
    }
    return undefined;
  };
}

/** For `outline` fields that may be absent. */
export const maybe = <T>(check: Check<T>): Check<T | undefined> => (x, p) => (x === undefined ? undefined : check(x, p));
