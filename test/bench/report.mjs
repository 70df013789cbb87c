// The benchmark's table: every figure as a ratio to the bare Spectral run of the same file in the same
// run (absolute times vary from machine to machine and from minute to minute on a shared one).
import { formatMb, formatMs, formatRatio, ratio } from './stats.mjs';

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function latencyTable(sizes, defaultDebounceMs) {
  const header = [
    'Spec',
    'Size',
    'Findings',
    'Spectral (=1×)',
    'Engine CPU',
    'Open→diag.',
    'Key→diag. p50',
    'Key→diag. p95',
    'CPU per keystroke',
    'Key during a lint→diag. p50',
    `Key→diag. p50 (${defaultDebounceMs} ms debounce)`,
    'CLI',
    'Peak memory (server ÷ Spectral)',
  ];
  const rows = sizes.map((s) => {
    const ref = s.reference.spectral.p50;
    return [
      s.name,
      `${Math.round(s.bytes / 1024)} KB`,
      s.server.findings === s.reference.findings ? s.reference.findings : `${s.reference.findings} (server: ${s.server.findings})`,
      `${formatMs(ref)} (n=${s.reference.spectral.n})`,
      s.reference.engineCpuMs ? formatRatio(ratio(s.reference.engineCpuMs, s.reference.spectralCpuMs)) : '—',
      formatRatio(ratio(s.server.openMs, ref)),
      `${formatRatio(ratio(s.server.typing.p50, ref))} (n=${s.server.typing.n})`,
      formatRatio(ratio(s.server.typing.p95, ref)),
      formatRatio(ratio(s.server.typing.cpuPerEditMs, s.reference.spectralCpuMs)),
      s.server.typingDuringLint
        ? `${formatRatio(ratio(s.server.typingDuringLint.p50, ref))} (n=${s.server.typingDuringLint.n})`
        : 'not measured',
      s.server.typingDebounced
        ? `${formatRatio(ratio(s.server.typingDebounced.p50, ref))} (n=${s.server.typingDebounced.n})`
        : 'not measured',
      formatRatio(ratio(s.cli.p50, ref)),
      `${formatRatio(ratio(s.server.peakMemoryKb, s.reference.peakMemoryKb))} (${formatMb(s.server.peakMemoryKb)} ÷ ${formatMb(s.reference.peakMemoryKb)})`,
    ];
  });
  return table(header, rows);
}

export function splitTable(size) {
  const split = size.reference.splitCpuMs;
  if (!split) return '';
  const ref = size.reference.spectralCpuMs;
  const rows = [
    ['parse the YAML (spectral-parsers)', split.parse],
    ['resolve + walk the document, no rules', split.noRules],
    ['spectral:oas recommended only', split.oasRecommended],
    ['exposure ruleset only', split.exposure],
    ['all, without oas3-valid-schema-example and oas3-valid-media-example', split.withoutExampleValidation],
  ].map(([what, ms]) => [what, formatRatio(ratio(ms, ref))]);
  return table([`Where a bare Spectral run's time goes (${size.name}, ${Math.round(size.bytes / 1024)} KB)`, 'CPU ÷ the full run'], rows);
}

export function responsivenessTable(r) {
  const row = (what, idle, during) => [
    what,
    formatMs(idle.p50),
    `${formatRatio(ratio(during.p50, idle.p50))} (n=${during.n})`,
    formatRatio(ratio(during.p95, idle.p95)),
  ];
  const rows = [
    row('hover on the big document', r.idle.hover, r.during.hover),
    row('quick fixes on a small document', r.idle.codeAction, r.during.codeAction),
    row('small document keystroke → diagnostics', r.idle.smallDiagnostics, r.during.smallDiagnostics),
  ];
  return table(
    [
      `While the ${r.spec} spec is linted (lint took ${formatRatio(ratio(r.bigLintMs, r.referenceMs))} of its Spectral run)`,
      'Idle p50',
      'During ÷ idle, p50',
      'During ÷ idle, p95',
    ],
    rows,
  );
}
