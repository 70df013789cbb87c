// The yardstick of the equivalence tests: Spectral's own `Spectral` class (the copies in node_modules,
// which our memoization never touches) with the same rules as our default ruleset, on the same text.
import { createRequire } from 'node:module';
import { engine } from './engine.mjs';

const require = createRequire(import.meta.url);
const { Spectral, Document } = require('@stoplight/spectral-core');
const Parsers = require('@stoplight/spectral-parsers');
const { oas } = require('@stoplight/spectral-rulesets');

const SEVERITY = ['error', 'warn', 'info', 'hint'];
const spectral = new Spectral();
spectral.setRuleset({ extends: [[oas, 'recommended'], engine.exposureRuleset] });

/** One comparable line per finding: code, JSON path, severity, message. */
export const findingKey = (code, path, severity, message) => `${code} | ${JSON.stringify(path.map(String))} | ${severity} | ${message}`;

/** Spectral's findings for `text` (parsed as JSON or YAML by the file name, as our engine does). */
export async function spectralFindings(filePath, text) {
  const parser = /\.json$/i.test(filePath) ? Parsers.Json : Parsers.Yaml;
  const results = await spectral.run(new Document(text, parser, filePath));
  return results.map((r) => findingKey(r.code, r.path, SEVERITY[r.severity], r.message)).sort();
}

/** Our engine's findings in the same shape. */
export const ourFindings = (result) => result.findings.map((f) => findingKey(f.code, f.path, f.severity, f.message)).sort();
