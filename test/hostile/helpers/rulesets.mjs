// Ruleset fixtures: custom functions that throw, loop, never settle, or reach for child_process/fs.
// The probes write marker files, so "this code did not run" is observable from the outside.
import path from 'node:path';

const RULE = (name, fn) => `  ${name}:\n    severity: error\n    given: $.info\n    then: { function: ${fn} }\n`;

/** A YAML ruleset extending the built-in default with one custom-function rule, plus its function file. */
function withFunction(name, body) {
  return {
    '.spectral.yaml': `extends: ['api-exposure-lint:recommended']\nfunctions: [${name}]\nrules:\n${RULE(`${name}-rule`, name)}`,
    [`functions/${name}.js`]: body,
    'api.yaml': null, // filled by the caller with the good spec
  };
}

/** Code that proves it ran: a marker through fs at load time, and through child_process when called. */
export function probeFunction(markerDir) {
  const atLoad = path.join(markerDir, 'MARKER-load');
  const atCall = path.join(markerDir, 'MARKER-call');
  return {
    markers: [atLoad, atCall],
    files: withFunction(
      'probe',
      `const fs = require('fs');\nconst cp = require('child_process');\nfs.writeFileSync(${JSON.stringify(atLoad)}, 'ran');\n` +
        `module.exports = function probe() {\n  cp.execFileSync('touch', [${JSON.stringify(atCall)}]);\n  return [];\n};\n`,
    ),
  };
}

/** A JS ruleset file (not a function): running it at all is the risk. */
export function probeJsRuleset(markerDir) {
  const marker = path.join(markerDir, 'MARKER-js-ruleset');
  return {
    marker,
    files: {
      '.spectral.js': `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nmodule.exports = { rules: {} };\n`,
      'api.yaml': null,
    },
  };
}

export const throwingFunction = () => withFunction('boom', "module.exports = function boom() { throw new Error('boom from a rule'); };\n");
export const loopingFunction = () => withFunction('spin', 'module.exports = function spin() { for (;;) {} };\n');
export const neverSettlingFunction = () => withFunction('wait', 'module.exports = function wait() { return new Promise(() => {}); };\n');

export const BROKEN_RULESETS = {
  'broken-syntax': "rules:\n  a: { severity: error, given: '$', then: { function: truthy }\n",
  'broken-rule': 'rules:\n  bad-rule:\n    severity: catastrophic\n    given: 42\n    then: { function: truthy }\n',
  'extends-missing': "extends: ['./nope.yaml']\n",
  'extends-self': "extends: ['./.spectral.yaml']\n",
  'not-a-mapping': '- just\n- a list\n',
  binary: null,
};

/** A ruleset that is a YAML alias bomb (billion laughs). */
export const ALIAS_BOMB_RULESET = `x-lol: &l0 [a, a, a, a, a, a, a, a, a]\n${Array.from({ length: 12 }, (_, i) => `x-l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`).join('\n')}\nrules: {}\n`;
