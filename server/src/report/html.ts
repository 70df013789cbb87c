// The inventory as one self-contained HTML page: inline CSS and script, no fonts, images or requests
// (the Content-Security-Policy forbids every fetch, so the page works offline and leaks nothing when opened).
// Rows are rendered here; the small script only sorts (click a column header) and filters (text, audience,
// status) them, so the page also reads without JavaScript.
import type { Inventory, InventoryOperation, RequirementStatus } from '../engine/exposure/inventory';
import { AUDIENCES } from '../engine/types';
import { headline, operationName, type ReportFormatter, SCORE_FORMULA, shownScore } from './shared';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function scoreClass(score: number | null | undefined): string {
  if (score === null || score === undefined) return 'none';
  return score >= 90 ? 'good' : score >= 60 ? 'fair' : 'poor';
}

function requirementBadge(r: RequirementStatus): string {
  const title = r.passed ? `${r.rule}: passes` : `${r.rule}: ${r.messages.join(' / ')}`;
  return `<span class="req ${r.passed ? 'pass' : `fail ${r.severity ?? 'error'}`}" title="${esc(title)}">${r.passed ? '✓' : '✗'} ${esc(r.rule)}</span>`;
}

function operationRow(file: string, op: InventoryOperation): string {
  const failing = op.requirements.some((r) => !r.passed);
  const search = `${file} ${operationName(op)} ${op.audience} ${op.audienceDetail}`.toLowerCase();
  return (
    `<tr data-audience="${op.audience}" data-status="${failing ? 'failing' : 'passing'}" data-search="${esc(search)}">` +
    `<td data-sort="${esc(file)}">${esc(file)}</td>` +
    `<td data-sort="${esc(op.path + ' ' + op.method)}"><code>${esc(operationName(op))}</code> <span class="line">line ${op.line + 1}</span></td>` +
    `<td data-sort="${AUDIENCES.indexOf(op.audience)}"><span class="aud ${op.kind}">${op.audience}</span></td>` +
    `<td data-sort="${esc(op.audienceDetail)}">${esc(op.audienceDetail)}</td>` +
    `<td data-sort="${op.requirements.filter((r) => !r.passed).length}">${op.requirements.map(requirementBadge).join(' ')}${op.otherFindings ? ` <span class="other">+${op.otherFindings} other finding${op.otherFindings === 1 ? '' : 's'}</span>` : ''}</td>` +
    `<td data-sort="${op.score}" class="num"><span class="score ${scoreClass(op.score)}">${shownScore(op.score)}</span></td>` +
    `</tr>`
  );
}

const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1d2330;--muted:#5b6475;--line:#d9dde5;--card:#f5f7fa;--good:#1a7f37;--fair:#9a6700;--poor:#cf222e;--ext:#8250df;--int:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#30363d;--card:#161b22;--good:#3fb950;--fair:#d29922;--poor:#f85149;--ext:#a371f7;--int:#4493f8}}
body{margin:0;padding:24px 32px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.muted{color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin-top:16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:160px}
.card .big{font-size:24px;font-weight:600}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{position:sticky;top:0;background:var(--bg);cursor:pointer;user-select:none;white-space:nowrap}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.num,th.num{text-align:right}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px}
.line{color:var(--muted);font-size:12px}
.aud{border-radius:10px;padding:1px 8px;font-size:12px;border:1px solid}.aud.external{color:var(--ext)}.aud.internal{color:var(--int)}
.req{display:inline-block;border-radius:4px;padding:0 6px;margin:1px 0;font-size:12px;border:1px solid var(--line)}
.req.pass{color:var(--good)}.req.fail.error{color:var(--poor);border-color:var(--poor)}.req.fail.warn,.req.fail.info,.req.fail.hint{color:var(--fair);border-color:var(--fair)}
.other{color:var(--muted);font-size:12px}
.score{font-weight:600}.score.good{color:var(--good)}.score.fair{color:var(--fair)}.score.poor{color:var(--poor)}
.filters{display:flex;gap:8px;align-items:center;margin:8px 0 12px;flex-wrap:wrap}
.filters input,.filters select{font:inherit;padding:4px 8px;border:1px solid var(--line);border-radius:6px;background:var(--card);color:var(--fg)}
.filters input{min-width:280px}
tr[hidden]{display:none}
`;

// Sorting and filtering only: no network, no storage, no eval.
const SCRIPT = `
(function () {
  var table = document.getElementById('operations');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var text = document.getElementById('filter-text');
  var audience = document.getElementById('filter-audience');
  var status = document.getElementById('filter-status');
  var count = document.getElementById('shown-count');
  function apply() {
    var words = text.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!audience.value || row.getAttribute('data-audience') === audience.value) &&
        (!status.value || row.getAttribute('data-status') === status.value) &&
        words.every(function (w) { return row.getAttribute('data-search').indexOf(w) !== -1; });
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' operations';
  }
  [text, audience, status].forEach(function (el) { el.addEventListener('input', apply); el.addEventListener('change', apply); });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
    th.tabIndex = 0;
    function sort() {
      var descending = th.getAttribute('aria-sort') === 'ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      var numeric = th.getAttribute('data-type') === 'number';
      rows.sort(function (a, b) {
        var x = a.cells[column].getAttribute('data-sort'), y = b.cells[column].getAttribute('data-sort');
        var c = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
        return descending ? -c : c;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
  });
  apply();
})();
`;

export const formatReportHtml: ReportFormatter = (inventory: Inventory, options) => {
  const audiences = AUDIENCES.filter((a) => inventory.operationsByAudience[a]);
  const cards = [
    `<div class="card"><div class="muted">Overall</div><div class="big score ${scoreClass(inventory.score)}">${shownScore(inventory.score)}</div></div>`,
    ...audiences.map(
      (a) =>
        `<div class="card" data-audience-card="${a}"><div class="muted">${a}</div><div class="big score ${scoreClass(inventory.scoreByAudience[a])}">${shownScore(inventory.scoreByAudience[a])}</div><div class="muted">${inventory.operationsByAudience[a]} operation${inventory.operationsByAudience[a] === 1 ? '' : 's'}</div></div>`,
    ),
  ].join('');
  const documents = inventory.documents
    .map((d) => {
      const docReqs = d.documentRequirements.map(requirementBadge).join(' ');
      const by = audiences
        .map(
          (a) => `<td class="num"><span class="score ${scoreClass(d.scoreByAudience[a])}">${shownScore(d.scoreByAudience[a])}</span></td>`,
        )
        .join('');
      return `<tr><td>${esc(d.file)}</td><td class="num">${d.operations.length}</td>${by}<td class="num"><span class="score ${scoreClass(d.score)}">${shownScore(d.score)}</span></td><td>${docReqs}</td></tr>`;
    })
    .join('\n');
  const operations = inventory.documents.flatMap((d) => d.operations.map((op) => operationRow(d.file, op))).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="api-exposure-lint${options.toolVersion ? ' ' + esc(options.toolVersion) : ''}">
<title>API exposure report</title>
<style>${STYLE}</style>
</head>
<body>
<h1>API exposure report</h1>
<p class="muted" id="headline">${esc(headline(inventory))}</p>
<div class="cards">${cards}</div>
<h2>Documents</h2>
<table id="documents"><thead><tr><th>Document</th><th class="num">Operations</th>${audiences.map((a) => `<th class="num">${a}</th>`).join('')}<th class="num">Score</th><th>Document requirements</th></tr></thead>
<tbody>
${documents}
</tbody></table>
<h2>Operations</h2>
<div class="filters">
<input id="filter-text" type="search" placeholder="Filter: document, path, method, audience…" aria-label="Filter operations">
<select id="filter-audience" aria-label="Audience"><option value="">All audiences</option>${audiences.map((a) => `<option value="${a}">${a}</option>`).join('')}</select>
<select id="filter-status" aria-label="Status"><option value="">Any status</option><option value="failing">Failing a requirement</option><option value="passing">Passing every requirement</option></select>
<span class="muted" id="shown-count"></span>
</div>
<table id="operations"><thead><tr><th>Document</th><th>Operation</th><th>Audience</th><th>Audience from</th><th>Requirements</th><th class="num" data-type="number">Score</th></tr></thead>
<tbody>
${operations}
</tbody></table>
<p class="muted">Readiness: ${esc(SCORE_FORMULA)}.</p>
<script>${SCRIPT}</script>
</body>
</html>
`;
};
