// Spectral's parsers give every object its keys in text order through a Proxy (@stoplight/ordered-object-literal),
// which every property read and key listing of a lint then goes through: on Stripe's spec ~0.8 of 2.9 s, and 35 MB.
// A plain object lists its keys in the same order unless one of them reads as an array index ("200": V8 lists those
// first, in numeric order) or is "__proto__" (a setter, not a key); only such objects need the Proxy. Nothing reads
// the order's symbol but @stoplight/json's and @stoplight/yaml's own helpers, which Spectral's lint does not use.
import createOrderedObject, { ORDER_KEY_ID } from '@stoplight/ordered-object-literal';

const ORDER_KEY = Symbol.for(ORDER_KEY_ID);
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/** Whether a plain object holding this key could list its keys in another order than they were written. */
export function keyOrderMatters(key: string): boolean {
  const first = key.charCodeAt(0);
  return (first >= 48 && first <= 57 && ARRAY_INDEX.test(key)) || key === '__proto__';
}

/** The order @stoplight/ordered-object-literal keeps for an object of these keys (its own symbol first). */
export function orderOf(keys: readonly string[]): Array<string | symbol> {
  return [ORDER_KEY, ...keys];
}

/** An object that keeps `order` as its key order, as Spectral's parsers make them. */
export function orderedObject(target: Record<string, unknown>, order: Array<string | symbol>): Record<string, unknown> {
  return createOrderedObject(target, order);
}

/**
 * The parsed data with each ordered object whose keys a plain object lists alike replaced by a plain one (same keys,
 * same order, same values); arrays and the objects kept are updated in place. Shared objects stay shared.
 */
export function withPlainObjects(data: unknown): unknown {
  const replaced = new Map<object, unknown>();
  const visit = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const known = replaced.get(value);
    if (known !== undefined) return known;
    if (Array.isArray(value)) {
      replaced.set(value, value);
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        const next = visit(item);
        if (next !== item) value[i] = next;
      }
      return value;
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) return value; // not the parser's (a Date, say)
    const object = value as Record<string | symbol, unknown>;
    const keys = Object.keys(object);
    if (object[ORDER_KEY] === undefined || keys.some(keyOrderMatters)) {
      replaced.set(object, object);
      for (const key of keys) {
        const child = object[key];
        const next = visit(child);
        if (next !== child) object[key] = next;
      }
      return object;
    }
    const plain: Record<string, unknown> = {};
    replaced.set(object, plain);
    for (const key of keys) plain[key] = visit(object[key]);
    return plain;
  };
  return visit(data);
}
