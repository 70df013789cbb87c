// Code samples (curl, JavaScript fetch, Python requests) for an example request.
// Credentials always come from environment variables, never literals.
import type { SampleRequest } from './sample-request';

export interface SampleLanguage {
  lang: string;
  label: string;
  generate(request: SampleRequest): string;
}

function shellSingle(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function shellDouble(value: string): string {
  return `"${value.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;
}

function withQuery(url: string, name: string, value: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${encodeURIComponent(name)}=${value}`;
}

export const curl: SampleLanguage = {
  lang: 'Shell',
  label: 'curl',
  generate(request) {
    const url =
      request.auth?.kind === 'apiKeyQuery'
        ? `"${shellDouble(request.url).slice(1, -1)}${request.url.includes('?') ? '&' : '?'}${encodeURIComponent(request.auth.name)}=$API_KEY"`
        : shellSingle(request.url);
    const lines = [request.method === 'GET' ? `curl ${url}` : `curl -X ${request.method} ${url}`];
    const auth = request.auth;
    if (auth?.kind === 'bearer') lines.push(`-H "Authorization: Bearer $TOKEN"`);
    if (auth?.kind === 'basic') lines.push(`-u "$USERNAME:$PASSWORD"`);
    if (auth?.kind === 'apiKeyHeader') lines.push(`-H "${auth.name}: $API_KEY"`);
    for (const [name, value] of request.headers) lines.push(`-H ${shellSingle(`${name}: ${value}`)}`);
    if (request.body !== undefined) {
      lines.push(`-H ${shellSingle(`Content-Type: ${request.contentType}`)}`);
      lines.push(`-d ${shellSingle(JSON.stringify(request.body, null, 2).replace(/\n/g, '\n  '))}`);
    }
    return lines.join(' \\\n  ') + '\n';
  },
};

function indentAfterFirst(text: string, indent: string): string {
  return text.replace(/\n/g, `\n${indent}`);
}

export const javascript: SampleLanguage = {
  lang: 'JavaScript',
  label: 'fetch',
  generate(request) {
    const headers: string[] = [];
    const auth = request.auth;
    if (auth?.kind === 'bearer') headers.push('"Authorization": `Bearer ${process.env.TOKEN}`');
    if (auth?.kind === 'basic') headers.push('"Authorization": `Basic ${btoa(`${process.env.USERNAME}:${process.env.PASSWORD}`)}`');
    if (auth?.kind === 'apiKeyHeader') headers.push(`${JSON.stringify(auth.name)}: process.env.API_KEY`);
    for (const [name, value] of request.headers) headers.push(`${JSON.stringify(name)}: ${JSON.stringify(value)}`);
    if (request.body !== undefined) headers.push(`"Content-Type": ${JSON.stringify(request.contentType)}`);
    const url =
      auth?.kind === 'apiKeyQuery'
        ? `\`${withQuery(request.url, auth.name, '${process.env.API_KEY}').replace(/`/g, '\\`')}\``
        : JSON.stringify(request.url);
    const options: string[] = [`  method: ${JSON.stringify(request.method)},`];
    if (headers.length) options.push(`  headers: {\n${headers.map((h) => `    ${h},`).join('\n')}\n  },`);
    if (request.body !== undefined)
      options.push(`  body: JSON.stringify(${indentAfterFirst(JSON.stringify(request.body, null, 2), '  ')}),`);
    return `const response = await fetch(${url}, {\n${options.join('\n')}\n});\nconst data = await response.json();\n`;
  },
};

/** A Python literal for JSON data (True/False/None instead of true/false/null). */
function pythonLiteral(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number' || typeof value === 'string') return JSON.stringify(value);
  const inner = indent + '    ';
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return `[\n${value.map((v) => `${inner}${pythonLiteral(v, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.length) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pythonLiteral(v, inner)},`).join('\n')}\n${indent}}`;
}

export const python: SampleLanguage = {
  lang: 'Python',
  label: 'requests',
  generate(request) {
    const args = [`    ${JSON.stringify(request.url)},`];
    const headers: string[] = [];
    const auth = request.auth;
    if (auth?.kind === 'bearer') headers.push(`"Authorization": f"Bearer {os.environ['TOKEN']}"`);
    if (auth?.kind === 'apiKeyHeader') headers.push(`${JSON.stringify(auth.name)}: os.environ["API_KEY"]`);
    for (const [name, value] of request.headers) headers.push(`${JSON.stringify(name)}: ${JSON.stringify(value)}`);
    if (headers.length) args.push(`    headers={${headers.join(', ')}},`);
    if (auth?.kind === 'apiKeyQuery') args.push(`    params={${JSON.stringify(auth.name)}: os.environ["API_KEY"]},`);
    if (auth?.kind === 'basic') args.push(`    auth=(os.environ["USERNAME"], os.environ["PASSWORD"]),`);
    if (request.body !== undefined) args.push(`    json=${pythonLiteral(request.body, '    ')},`);
    const usesEnv = auth !== undefined;
    return `${usesEnv ? 'import os\n\n' : ''}import requests\n\nresponse = requests.${request.method.toLowerCase()}(\n${args.join('\n')}\n)\nprint(response.json())\n`;
  },
};

export const SAMPLE_LANGUAGES = [curl, javascript, python];
