// Small statistics and formatting helpers for the benchmark report.

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank: with few samples p95 is the maximum, which is the honest reading.
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const median = (values) => percentile(values, 50);

export function summarize(values) {
  return { n: values.length, p50: median(values), p95: percentile(values, 95), samplesMs: values.map((v) => Math.round(v * 10) / 10) };
}

export const ratio = (value, reference) => (reference > 0 && Number.isFinite(value) ? value / reference : NaN);

export function formatRatio(value) {
  if (!Number.isFinite(value)) return '—';
  return value >= 10 ? `${Math.round(value)}×` : `${value.toFixed(2)}×`;
}

export const formatMs = (ms) => (Number.isFinite(ms) ? (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`) : '—');
export const formatMb = (kb) => (Number.isFinite(kb) ? `${Math.round(kb / 1024)} MB` : '—');
