import type { ProviderName } from './provider.js';

/** What the sync log holds: runs, the drift they find (issues) and a run's counts. */

export type SyncMode = 'FULL' | 'REFRESH';
export type SyncStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED';
export type SyncIssueKind = 'ORPHAN_AT_VENDOR' | 'GONE_AT_VENDOR' | 'CHANGED_AT_VENDOR';

export interface SyncRun {
  id: string;
  provider: ProviderName;
  mode: SyncMode;
  status: SyncStatus;
  startedAt: string;
  finishedAt: string | null;
  seen: number;
  added: number;
  changed: number;
  gone: number;
  vendorCalls: number;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface SyncIssue {
  id: string;
  provider: ProviderName;
  nativeId: string;
  username: string;
  kind: SyncIssueKind;
  detectedAt: string;
  runId: string | null;
  details: Record<string, unknown>;
  resolvedAt: string | null;
  resolution: string | null;
}

export interface SyncCounts {
  seen: number;
  added: number;
  changed: number;
  gone: number;
  vendorCalls: number;
}
