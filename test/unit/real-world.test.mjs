// Real-world-shaped specs of each audience: the exposure findings are exactly the expected ones, and
// the CLI (worker threads, JSON output) reports the same findings as the engine used by the editor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { engine, repoRoot, lintFile } from './helpers/engine.mjs';

const dir = path.join(repoRoot, 'test/fixtures/real-world');
const op = (p, m) => JSON.stringify(['paths', p, m]);
const at = (...path) => JSON.stringify(path);

const EXPECTED = {
  'inventory-business-unit.yaml': [
    ['internal-permission-scopes', op('/stock/{sku}', 'put'), 'business-unit-internal'],
    ['internal-permission-scopes', op('/reservations', 'post'), 'business-unit-internal'],
    ['external-code-samples', op('/partner/stock/{sku}', 'get'), 'external-partner'],
    ['external-oauth2', op('/partner/stock/{sku}', 'get'), 'external-partner'],
    ['external-rate-limit', op('/partner/stock/{sku}', 'get'), 'external-partner'],
    ['external-auth-responses', op('/partner/stock/{sku}', 'get'), 'external-partner'],
    ['external-credentials-onboarding', at('components', 'securitySchemes', 'carrierKey'), undefined],
  ],
  'payments-partner.json': [
    ['external-code-samples', op('/payments', 'post'), 'external-partner'],
    ['external-oauth2', op('/payments', 'post'), 'external-partner'],
    ['external-rate-limit', op('/payments', 'post'), 'external-partner'],
    ['external-code-samples', op('/payments/{paymentId}/refunds', 'post'), 'external-partner'],
    ['external-oauth2', op('/payments/{paymentId}/refunds', 'post'), 'external-partner'],
    ['external-rate-limit', op('/payments/{paymentId}/refunds', 'post'), 'external-partner'],
    // /refunds allows anonymous access ([{}]): no 401/403 is asked of it.
    ['external-auth-responses', op('/payments', 'get'), 'external-partner'],
    ['external-auth-responses', op('/payments', 'post'), 'external-partner'],
    ['external-error-schema', at('components', 'responses', 'TooManyRequests'), undefined],
    ['external-credentials-onboarding', at('components', 'securitySchemes', 'partnerOAuth'), undefined],
  ],
  // One document for a public API and its back office: the newer exposure rules on realistic mistakes.
  'catalog-mixed-leaky.yaml': [
    ['external-no-internal-hosts', at('info', 'description'), undefined],
    ['exposure-servers-marked', at('servers', '0'), undefined],
    ['exposure-servers-marked', at('servers', '1'), undefined],
    ['external-https', at('servers', '1', 'url'), undefined],
    ['external-code-samples-server', at('paths', '/products', 'get', 'x-codeSamples', '0', 'source'), 'external-public'],
    ['external-no-internal-hosts', at('paths', '/products', 'get', 'x-codeSamples', '0', 'source'), 'external-public'],
    ['external-auth-responses', op('/v1/products', 'get'), 'external-public'],
    ['external-deprecation-sunset', op('/v1/products', 'get'), 'external-public'],
    ['exposure-servers-marked', at('paths', '/admin/reindex', 'servers', '0'), undefined],
    ['external-error-no-internals', at('components', 'schemas', 'Error', 'properties', 'exception'), undefined],
    ['external-error-no-internals', at('components', 'schemas', 'Error', 'properties', 'trace'), undefined],
  ],
  'weather-public-swagger2.yaml': [
    ['external-code-samples', op('/forecasts/{city}', 'get'), 'external-public'],
    ['external-oauth2', op('/forecasts/{city}', 'get'), 'external-public'],
    ['external-rate-limit', op('/forecasts/{city}', 'get'), 'external-public'],
    ['external-code-samples', op('/alerts', 'get'), 'external-public'],
    ['external-oauth2', op('/alerts', 'get'), 'external-public'],
    ['external-rate-limit', op('/alerts', 'get'), 'external-public'],
    ['external-auth-responses', op('/forecasts/{city}', 'get'), 'external-public'],
    ['external-credentials-onboarding', at('securityDefinitions', 'apiKey'), undefined],
  ],
};

const exposure = (findings) =>
  findings
    .filter((f) => engine.EXPOSURE_RULE_CODES.includes(f.code))
    .map((f) => [f.code, JSON.stringify(f.path), f.audience])
    .sort();

const cliJson = JSON.parse(
  (() => {
    try {
      return execFileSync(
        process.execPath,
        [path.join(repoRoot, 'dist/cli.js'), '--format', 'json', ...Object.keys(EXPECTED).map((f) => path.join(dir, f))],
        { cwd: repoRoot, encoding: 'utf8' },
      );
    } catch (error) {
      return error.stdout; // exit code 1: there are errors, which is the point
    }
  })(),
);

for (const [file, expected] of Object.entries(EXPECTED)) {
  test(`${file}: exactly the expected exposure findings, same in the engine and the CLI`, async () => {
    const result = await lintFile(path.join(dir, file), { discoveryRoot: dir });
    assert.deepEqual(exposure(result.findings), [...expected].sort());
    const fromCli = cliJson.filter((f) => f.file === path.relative(repoRoot, path.join(dir, file)));
    const key = (f) => `${f.code} ${JSON.stringify(f.path)} ${f.range.start.line}:${f.range.start.character} ${f.message}`;
    assert.deepEqual(
      fromCli.map(key).sort(),
      result.findings.map(key).sort(),
      'CLI and engine agree on every finding, not only exposure ones',
    );
  });
}
