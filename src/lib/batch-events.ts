/**
 * Batch-size observations, read by the metrics module (prom-client histogram) when it is loaded.
 * Kept as a tiny hook so loaders stay free of any metrics library.
 */
type BatchListener = (loader: string, size: number) => void;
const listeners = new Set<BatchListener>();

export function onBatch(listener: BatchListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function recordBatch(loader: string, size: number): void {
  for (const l of listeners) l(loader, size);
}
