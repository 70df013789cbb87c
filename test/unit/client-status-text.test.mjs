// What the status bar shows for the server's status notification (client/src/status-text.ts).
// status-text.ts has no vscode import, so it is bundled in memory and run in plain node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTypeScriptModule } from './helpers/load-ts.mjs';

const loadStatusText = () => loadTypeScriptModule('client/src/status-text.ts');

const { presentStatus, rulesetLabel } = loadStatusText();

const base = {
  uri: 'file:///w/api.yaml',
  ruleset: '/w/.spectral.yaml',
  audience: 'external-public',
  audienceSource: 'info.x-audience',
  isOpenApi: true,
  state: 'done',
};

const cases = [
  ['no status yet', undefined, { visible: false }],
  ['not OpenAPI', { ...base, isOpenApi: false, audience: undefined }, { visible: false }],
  ['linted file', base, { visible: true, text: '$(shield) external-public · .spectral.yaml', warning: false }],
  ['linting', { ...base, state: 'linting' }, { text: '$(sync~spin) external-public · .spectral.yaml' }],
  [
    'built-in ruleset',
    { ...base, ruleset: 'api-exposure-lint:recommended' },
    { text: '$(shield) external-public · api-exposure-lint:recommended' },
  ],
  [
    'mixed audiences',
    { ...base, audience: 'mixed (3 external, 1 internal)' },
    { text: '$(shield) mixed (3 external, 1 internal) · .spectral.yaml' },
  ],
  ['ruleset fell back', { ...base, rulesetError: 'bad YAML at line 3' }, { warning: true }],
  ['workspace code skipped', { ...base, untrustedCodeSkipped: true }, { warning: true }],
];

for (const [name, status, expected] of cases) {
  test(`status bar: ${name}`, () => {
    const shown = presentStatus(status);
    for (const [key, value] of Object.entries(expected)) assert.equal(shown[key], value, key);
  });
}

test('tooltip says where the audience came from and why it warns', () => {
  const { tooltip } = presentStatus({ ...base, rulesetError: 'bad YAML at line 3', untrustedCodeSkipped: true });
  assert.match(tooltip, /external-public \(from info\.x-audience\)/);
  assert.match(tooltip, /bad YAML at line 3/);
  assert.match(tooltip, /not trusted/);
  assert.match(presentStatus({ ...base, audienceSource: undefined }).tooltip, /default/);
});

const labels = [
  ['/home/me/api/.spectral.yaml', '.spectral.yaml'],
  ['C:\\work\\api\\team.spectral.json', 'team.spectral.json'],
  ['./rules/.spectral.yml', '.spectral.yml'],
  ['api-exposure-lint:recommended', 'api-exposure-lint:recommended'],
  ['@stoplight/spectral-owasp-ruleset', '@stoplight/spectral-owasp-ruleset'],
];
for (const [ruleset, label] of labels) {
  test(`ruleset label of ${ruleset}`, () => assert.equal(rulesetLabel(ruleset), label));
}
