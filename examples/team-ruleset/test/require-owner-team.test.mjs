// The custom rule, case by case: documents that pass and documents that fail with exactly these findings.
import { ruleTester } from './helper.mjs';
import { fileURLToPath } from 'node:url';

const ruleset = fileURLToPath(new URL('../ruleset.yaml', import.meta.url));

/** A small OpenAPI document; `info` and `paths` are YAML fragments indented as in the document. */
const api = ({ info = '', paths }) => `openapi: 3.0.3
info:
  title: Orders
  version: '1'
${info}paths:
${paths}`;

ruleTester(ruleset).run('require-owner-team', {
  valid: [
    {
      name: 'info.x-owner covers every operation',
      document: api({
        info: '  x-owner: orders\n',
        paths:
          "  /orders:\n    get: { responses: { '200': { description: ok } } }\n    post: { responses: { '201': { description: ok } } }\n",
      }),
    },
    {
      name: 'path item and operation owners',
      document: api({
        paths: [
          '  /orders:',
          '    x-owner: orders',
          "    get: { responses: { '200': { description: ok } } }",
          '  /payments:',
          "    get: { x-owner: payments, responses: { '200': { description: ok } } }",
          '',
        ].join('\n'),
      }),
    },
    {
      name: 'x-lint-ignore on the operation',
      document: api({ paths: "  /health:\n    get: { x-lint-ignore: [require-owner-team], responses: { '200': { description: ok } } }\n" }),
    },
  ],
  invalid: [
    {
      name: 'no owner anywhere: one finding per operation',
      document: api({
        paths:
          "  /orders:\n    get: { responses: { '200': { description: ok } } }\n    post: { responses: { '201': { description: ok } } }\n",
      }),
      findings: [
        {
          path: 'paths./orders.get',
          severity: 'error',
          message: /^GET \/orders has no owning team: add x-owner \(one of identity, orders, payments, platform\)/,
        },
        { path: 'paths./orders.post', severity: 'error', message: /^POST \/orders has no owning team/ },
      ],
    },
    {
      name: 'owners that are not teams',
      document: api({
        info: '  x-owner: marketing\n',
        paths: "  /orders:\n    get: { x-owner: '', responses: { '200': { description: ok } } }\n",
      }),
      findings: [
        { path: ['info', 'x-owner'], message: 'x-owner "marketing" is not a known team (one of identity, orders, payments, platform)' },
        { path: ['paths', '/orders', 'get', 'x-owner'], message: /^x-owner "" is not a known team/ },
      ],
    },
  ],
});
