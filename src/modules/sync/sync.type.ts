import { Field, Int, ObjectType, registerEnumType, Directive } from 'type-graphql';
import { INTERNAL } from '../../graphql/common/cost.js';
import { ProviderName } from '../../graphql/common/enums.js';
import { Node } from '../../graphql/common/node.js';
import { connectionTypes } from '../../graphql/common/page.js';
import { DateTime, JSONObject } from '../../graphql/common/scalars.js';

export enum SyncMode {
  FULL = 'FULL',
  REFRESH = 'REFRESH',
}
export enum SyncStatus {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
export enum SyncIssueKind {
  ORPHAN_AT_VENDOR = 'ORPHAN_AT_VENDOR',
  GONE_AT_VENDOR = 'GONE_AT_VENDOR',
  CHANGED_AT_VENDOR = 'CHANGED_AT_VENDOR',
}
export enum SyncIssueResolution {
  ADOPTED = 'ADOPTED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  FORGOTTEN = 'FORGOTTEN',
}

registerEnumType(SyncMode, {
  name: 'SyncMode',
  description: 'How a provider is synced.',
  valuesConfig: {
    FULL: { description: "The vendor's whole account list is read (providers with a list call)." },
    REFRESH: {
      description: 'The stalest accounts of the directory are read, within SYNC_RATE_<PROVIDER> calls per minute.',
    },
  },
});
registerEnumType(SyncStatus, {
  name: 'SyncStatus',
  description: 'Where a sync run stands.',
  valuesConfig: {
    RUNNING: { description: 'Queued or running (at most one per provider).' },
    SUCCEEDED: { description: 'Finished; the mirror holds what the vendor said.' },
    FAILED: { description: 'Stopped with an error (see `error`); the mirror keeps what it had.' },
  },
});
registerEnumType(SyncIssueKind, {
  name: 'SyncIssueKind',
  description:
    'Drift between the directory/mirror and a vendor. Writes whose outcome is unknown are listed by `unresolvedIntents`.',
  valuesConfig: {
    ORPHAN_AT_VENDOR: { description: 'The vendor has an account the directory did not know (adopted at once).' },
    GONE_AT_VENDOR: { description: 'The directory knows an account the vendor no longer has.' },
    CHANGED_AT_VENDOR: { description: 'Status or expiry changed at the vendor, not through this API.' },
  },
});
registerEnumType(SyncIssueResolution, {
  name: 'SyncIssueResolution',
  description: 'How a drift entry was settled.',
  valuesConfig: {
    ADOPTED: { description: "The vendor's state was accepted into the directory and mirror." },
    ACKNOWLEDGED: { description: 'Seen by an operator; nothing changed.' },
    FORGOTTEN: { description: 'The account gone at the vendor was removed from the directory.' },
  },
});

@ObjectType({ description: 'Why a sync run failed.' })
export class SyncRunError {
  @Field({
    description:
      'Stable code: an error code (e.g. UPSTREAM_UNAVAILABLE), ABANDONED (the worker stopped), NOT_QUEUED or INTERNAL.',
  })
  code!: string;
  @Field({ description: 'Human-readable message, safe to show to an operator.' }) message!: string;
}

@Directive(INTERNAL)
@ObjectType({ implements: Node, description: 'One sync of a provider into the account mirror.' })
export class SyncRun extends Node {
  @Field(() => ProviderName, { description: 'Provider synced.' }) provider!: ProviderName;
  @Field(() => SyncMode, { description: 'Full list or budgeted refresh.' }) mode!: SyncMode;
  @Field(() => SyncStatus, { description: 'Where the run stands.' }) status!: SyncStatus;
  @Field(() => DateTime, { description: 'When the run was started (or queued).' }) startedAt!: string;
  @Field(() => DateTime, { nullable: true, description: 'When it ended; null while running.' })
  finishedAt!: string | null;
  @Field(() => Int, { description: 'Accounts the vendor told about.' }) seen!: number;
  @Field(() => Int, { description: 'Accounts new to the directory (ORPHAN_AT_VENDOR).' }) added!: number;
  @Field(() => Int, { description: 'Accounts whose status or expiry changed (CHANGED_AT_VENDOR).' }) changed!: number;
  @Field(() => Int, { description: 'Accounts the vendor no longer has (GONE_AT_VENDOR).' }) gone!: number;
  @Field(() => Int, { description: 'Vendor calls the run made (list pages, batch reads, status reads).' })
  vendorCalls!: number;
}

@Directive(INTERNAL)
@ObjectType({ implements: Node, description: 'Drift found by a sync: an account that differs at the vendor.' })
export class SyncIssue extends Node {
  @Field(() => SyncIssueKind, { description: 'What drifted.' }) kind!: SyncIssueKind;
  @Field(() => ProviderName, { description: 'Provider of the account.' }) provider!: ProviderName;
  @Field({ description: 'Username of the account (its id when never known).' }) username!: string;
  @Field(() => DateTime, { description: 'When the drift was (last) seen.' }) detectedAt!: string;
  @Field(() => JSONObject, {
    description:
      'What was seen: { before, after } for a change, the last-known status for a gone account, status and expiry for an orphan.',
  })
  details!: Record<string, unknown>;
  @Field(() => DateTime, { nullable: true, description: 'When it was settled; null while open.' })
  resolvedAt!: string | null;
}

const run = connectionTypes(SyncRun, 'SyncRun', 'A page of sync runs.');
@ObjectType({ description: 'A page of sync runs, newest first.' })
export class SyncRunConnection extends run.Connection {}

const issue = connectionTypes(SyncIssue, 'SyncIssue', 'A page of drift entries.');
@ObjectType({ description: 'A page of drift entries, newest first.' })
export class SyncIssueConnection extends issue.Connection {}
