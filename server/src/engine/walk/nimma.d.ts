// nimma's declarations are published for its CommonJS build only, which its package "exports" hide from
// TypeScript's resolution: the parts used by memo-nimma.ts, as nimma 0.2.3 defines them.
declare module 'nimma' {
  type JsonPath = (string | number)[];
  export type Callback = (scope: { readonly path: JsonPath; readonly value: unknown }) => void;
  export interface NimmaOptions {
    customShorthands?: Record<string, string> | null;
    fallback?: unknown;
    unsafe?: boolean;
    output?: 'ES2018' | 'ES2021' | 'auto';
  }
  export default class Nimma {
    readonly sourceCode: string;
    constructor(expressions: string[], options?: NimmaOptions);
    query(input: Record<string, unknown> | unknown[], callbacks: Record<string, Callback>): void;
  }
}

declare module 'nimma/runtime' {
  /** The Scope the generated code creates; memoized-scope.ts types the members it uses. */
  export const Scope: new (root: unknown, callbacks: unknown) => unknown;
}
