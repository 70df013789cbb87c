// A read-only view of parsed data in which local `$ref`s ("#/components/…") read as their targets, resolved
// lazily, only where a rule looks. The exposure rules read operations, security and responses: a view is far
// cheaper than Spectral's resolution of the whole document, which inlines every reference up front.
// Same meaning as Spectral's resolver for local references: the object holding `$ref` reads as its target
// (siblings ignored), chains are followed, and a circular or unresolvable reference stays as it is.

type Json = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%') && !segment.includes('~')) return segment;
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // keep it as written
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The value a local JSON pointer ("#/a/b") designates in `root`, or undefined. */
function pointerTarget(root: unknown, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    if (!isContainer(node)) return undefined;
    const key = decodeSegment(raw);
    if (!Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** True when `value` is an object whose `$ref` is a string. */
export function isRef(value: unknown): value is { $ref: string } {
  return isContainer(value) && !Array.isArray(value) && typeof (value as { $ref?: unknown }).$ref === 'string';
}

/** Follows a chain of local references; stops (returning the reference itself) at a cycle or a dead end. */
function follow(root: unknown, value: unknown, targets: Map<string, unknown>): unknown {
  const seen = new Set<unknown>();
  let current = value;
  while (isRef(current)) {
    if (seen.has(current)) return value;
    seen.add(current);
    let target = targets.get(current.$ref);
    if (target === undefined && !targets.has(current.$ref)) targets.set(current.$ref, (target = pointerTarget(root, current.$ref)));
    if (target === undefined) return current;
    current = target;
  }
  return current;
}

/** The root of a lazily resolved view of `root`. */
export function resolvedView(root: unknown): unknown {
  const views = new WeakMap<object, object>();
  const targets = new Map<string, unknown>();
  const view = (value: unknown): unknown => {
    const target = follow(root, value, targets);
    if (!isContainer(target)) return target;
    let proxy = views.get(target);
    if (!proxy) {
      proxy = new Proxy(target, {
        get(object, key, receiver) {
          const raw = Reflect.get(object, key, receiver);
          return typeof key === 'symbol' || key === 'length' ? raw : view(raw);
        },
        getOwnPropertyDescriptor(object, key) {
          const descriptor = Reflect.getOwnPropertyDescriptor(object, key);
          if (descriptor && 'value' in descriptor && typeof key !== 'symbol' && descriptor.configurable) descriptor.value = view(descriptor.value);
          return descriptor;
        },
        set: () => false,
        deleteProperty: () => false,
        defineProperty: () => false,
      });
      views.set(target, proxy);
    }
    return proxy;
  };
  return view(root);
}
