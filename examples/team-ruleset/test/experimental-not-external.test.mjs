// The audience-aware custom rule: it reads the audience the engine resolved (getOperationAudience), so the
// cases vary only where the audience comes from.
import { ruleTester } from './helper.mjs';
import { fileURLToPath } from 'node:url';

const ruleset = fileURLToPath(new URL('../ruleset.yaml', import.meta.url));

const api = ({ info = '', operation = '' }) => `openapi: 3.1.0
info:
  title: Orders
  version: '1'
  x-owner: orders
${info}paths:
  /orders/preview:
    get:
      x-stability: experimental
${operation}      responses: { '200': { description: ok } }
`;

ruleTester(ruleset).run('experimental-not-external', {
  valid: [
    { name: 'internal by the package default (company-internal)', document: api({}) },
    { name: 'internal by glob', document: api({}), filePath: 'apis/internal/orders.yaml' },
    {
      name: 'external document, internal operation',
      document: api({ info: '  x-audience: external-public\n', operation: '      x-audience: company-internal\n' }),
    },
  ],
  invalid: [
    {
      name: 'external by info.x-audience',
      document: api({ info: '  x-audience: external-partner\n' }),
      findings: [
        {
          path: ['paths', '/orders/preview', 'get', 'x-stability'],
          severity: 'error',
          message:
            'GET /orders/preview is external-partner (info.x-audience) but x-stability is experimental: ship it as beta or stable, or keep it internal',
        },
      ],
    },
    {
      name: 'external by folder glob, from the package',
      document: api({}),
      filePath: 'apis/public/orders.yaml',
      findings: [
        {
          path: ['paths', '/orders/preview', 'get', 'x-stability'],
          message: /is external-public \(glob apis\/public\/\*\* \(ruleset\.yaml\)\)/,
        },
      ],
    },
    {
      name: 'external by the operation, in an internal document',
      document: api({ operation: '      x-audience: external-public\n' }),
      findings: [{ message: /is external-public \(operation x-audience\)/ }],
    },
  ],
});
