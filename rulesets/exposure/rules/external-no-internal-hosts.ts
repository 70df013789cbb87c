// external-no-internal-hosts: a public reference that names `orders.svc.cluster.local`, `10.2.0.14` or
// `localhost:8080` tells strangers about the network behind the gateway and gives them URLs that do not
// work. Checks what an external reader sees: the servers, security schemes and every description,
// example, externalDocs and code sample of external operations, and the document's info, tags and
// externalDocs when it has external operations. No quick fix: only the author knows the public host.
import { isOas2, isObject, type JsonObject, type JsonPath } from '../../../server/src/engine/rules-api';
import { internalHostsIn, isLoopbackReason, type HostOptions } from '../lib/hosts';
import { operationServers } from '../lib/servers';
import type { AudiencedOperation } from '../lib/per-operation';
import { addToGroup, documentRule, ResultSet } from '../lib/shared';
import type { RuleMeta } from '../lib/exposure-rule';
import { securityOf } from '../lib/security-checks';

export const meta: RuleMeta<'external-no-internal-hosts'> = {
  code: 'external-no-internal-hosts',
  severity: 'warn',
  appliesTo: 'external',
  description:
    'Nothing an external reader sees names an internal host (private or loopback address, localhost, .internal, .local, .corp, …).',
};

/** Keys whose string value (or, for examples, whole subtree) a reader of the rendered docs sees. */
const PROSE = new Set(['description', 'summary', 'title', 'termsOfService', 'url', 'x-example', 'source']);
const SHOWN_SUBTREES = new Set([
  'example',
  'examples',
  'x-example',
  'x-examples',
  'externalDocs',
  'x-codeSamples',
  'x-code-samples',
  'value',
  'externalValue',
]);
// Example values are data: a loopback URL there is the reader's machine (e.g. an OAuth redirect URI).
const EXAMPLE_DATA = new Set(['example', 'examples', 'x-example', 'x-examples']);
// Inside a schema, `properties` maps names to schemas: a property called "example" is not an example.
const NAME_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);
const MAX_DEPTH = 64;

class Scanner {
  readonly results = new ResultSet();
  /** Shared (already resolved) objects are walked once; the results found in each, for later visits. */
  // Per run (a Map costs the garbage collector less than a WeakMap; the scanner goes with the run).
  private readonly foundIn = new Map<object, JsonPath[]>();
  /** The external operations whose readers see what is being walked. */
  readers: readonly AudiencedOperation[] = [];
  constructor(private readonly options: HostOptions) {}

  text(value: unknown, path: JsonPath, seenBy: string, data = false): void {
    if (typeof value !== 'string') return;
    const mentions = internalHostsIn(value, this.options).filter((m) => !(data && isLoopbackReason(m.reason)));
    if (mentions.length === 0) return;
    const list = mentions.map((m) => `'${m.host}' (${m.reason})`).join(', ');
    const subject = mentions.length > 1 ? `The internal hosts ${list} are` : `The internal host ${list} is`;
    this.results.add(path, `${subject} named here, where ${seenBy} see it: use the public host, or an example.com name`, this.readers);
  }

  /** Walks a subtree, scanning the strings readers see; a shared object walked before only gains these readers. */
  tree(node: unknown, path: JsonPath, seenBy: string, shown = false): void {
    // One path stack for the whole walk, copied only when a string names a host (text() keeps it).
    this.walk(node, [...path], seenBy, shown, 0, false);
  }

  private walk(node: unknown, path: JsonPath, seenBy: string, shown: boolean, depth: number, data: boolean): void {
    if (depth > MAX_DEPTH) return;
    if (typeof node === 'string') {
      if (shown) this.text(node, [...path], seenBy, data);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const known = this.foundIn.get(node);
    if (known) {
      for (const found of known) this.results.concern(found, this.readers);
      return;
    }
    this.foundIn.set(node, []); // a cycle back to it adds nothing
    const mark = this.results.mark();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        this.walk(node[i], path, seenBy, shown, depth + 1, data);
        path.pop();
      }
    } else {
      const parentKey = path[path.length - 1];
      const names = typeof parentKey === 'string' && NAME_MAPS.has(parentKey) && !shown;
      for (const [key, value] of Object.entries(node)) {
        const visible = shown || (!names && (SHOWN_SUBTREES.has(key) || (PROSE.has(key) && typeof value === 'string')));
        const isData = data || (!names && !shown && EXAMPLE_DATA.has(key));
        path.push(key);
        this.walk(value, path, seenBy, visible, depth + 1, isData);
        path.pop();
      }
    }
    this.foundIn.set(node, this.results.pathsSince(mark));
  }
}

const EXTERNAL_READERS = 'external readers';

export const check = documentRule(({ document, operations, config }) => {
  const external = operations.filter((op) => op.resolved.kind === 'external');
  if (external.length === 0 || !isObject(document)) return [];
  const scanner = new Scanner(config);
  const schemes = new Map<string, AudiencedOperation[]>();

  // The document's own external parts, and 2.0's host.
  const whole = `${EXTERNAL_READERS} of this document (it has ${external.length} external operation${external.length > 1 ? 's' : ''})`;
  scanner.readers = external;
  scanner.tree(document.info, ['info'], whole, false);
  scanner.tree(document.externalDocs, ['externalDocs'], whole, true);
  scanner.tree(document.tags, ['tags'], whole, false);
  if (isOas2(document) && typeof document.host === 'string') scanner.text(`https://${document.host}`, ['host'], whole);

  for (const op of external) {
    const seenBy = `${EXTERNAL_READERS} of ${op.method.toUpperCase()} ${op.path} (${op.resolved.audience}, ${op.resolved.detail})`;
    scanner.readers = [op];
    for (const { server, jsonPath } of operationServers(document, op)) scanner.tree(server, jsonPath, seenBy, true);
    scanner.tree(op.operation, op.jsonPath, seenBy, false);
    for (const alternative of securityOf(document, op.operation).security.alternatives) {
      for (const name of Object.keys(alternative)) addToGroup(schemes, name, op);
    }
  }

  // Security schemes external operations use: their descriptions and OAuth / OpenID Connect URLs.
  const holderPath: JsonPath = isOas2(document) ? ['securityDefinitions'] : ['components', 'securitySchemes'];
  const holder = isOas2(document)
    ? document.securityDefinitions
    : isObject(document.components)
      ? document.components.securitySchemes
      : undefined;
  for (const [name, users] of schemes) {
    const scheme = isObject(holder) ? (holder[name] as JsonObject | undefined) : undefined;
    scanner.readers = users;
    if (isObject(scheme)) scanner.tree(scheme, [...holderPath, name], `${EXTERNAL_READERS} of the operations secured by '${name}'`, true);
  }
  return scanner.results.results;
});
