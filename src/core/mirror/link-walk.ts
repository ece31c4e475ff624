import type { ProviderName } from '../../domain/provider.js';
import type { CustomerRecord } from '../../domain/records.js';
import { decodeId, encodeId } from '../../domain/ids.js';
import type { VpnProvider } from '../../providers/port.js';

/**
 * The account–customer links of a vendor that keeps them (VPNresellers): its accounts say nothing of their
 * customer, so a link is only seen by listing every customer, then each customer's accounts. The sync walks it
 * on its schedule; a read whose allowed age its links exceed walks it once in that request (core/loaders).
 */

/** Rows per list call of a walk (the vendor's largest page). */
export const LINK_WALK_PAGE = 1000;

export interface AccountLink {
  /** Global Customer id. */
  customerId: string;
  /** Global Project id of that customer, when it has one. */
  projectId: string | null;
}

export interface LinkWalk {
  /** When the walk began: every link it found held at least since then (the confirmation it may claim). */
  at: string;
  /** The vendor's whole customer list, as read. */
  customers: CustomerRecord[];
  /** Account native id → its customer, for every account some customer lists. */
  links: Map<string, AccountLink>;
  /** Vendor calls made. */
  calls: number;
}

/** The provider keeps customers (with projects) at the vendor and can list each one's accounts. */
export function linksAtVendor(provider: VpnProvider): boolean {
  return (
    provider.features.customers &&
    provider.features.projects &&
    provider.features.listAccounts &&
    !provider.customerRefsAreStoreIds
  );
}

/**
 * Lists every customer, then each customer's accounts, `concurrency` customers at a time (the vendor client
 * bounds its own calls too); `beforeCall` runs before each vendor call (pacing). The first failure ends the walk.
 */
export async function walkLinks(
  provider: VpnProvider,
  options: { beforeCall?: () => Promise<void>; concurrency?: number } = {},
): Promise<LinkWalk> {
  const beforeCall = options.beforeCall ?? (() => Promise.resolve());
  const at = new Date().toISOString();
  let calls = 0;
  const customers: CustomerRecord[] = [];
  for (let offset = 0; ; offset += LINK_WALK_PAGE) {
    await beforeCall();
    calls++;
    const page = await provider.listCustomers({ offset, limit: LINK_WALK_PAGE });
    customers.push(...page.items);
    if (page.items.length < LINK_WALK_PAGE) break;
  }
  const links = new Map<string, AccountLink>();
  const walkOne = async (c: CustomerRecord): Promise<void> => {
    const link = {
      customerId: encodeId('Customer', provider.name, c.nativeId),
      projectId: c.projectNativeId ? encodeId('Project', provider.name, c.projectNativeId) : null,
    };
    for (let offset = 0; ; offset += LINK_WALK_PAGE) {
      await beforeCall();
      calls++;
      const page = await provider.listAccounts({
        offset,
        limit: LINK_WALK_PAGE,
        filter: { customerNativeId: c.nativeId },
      });
      for (const a of page.items) links.set(a.nativeId, link);
      if (page.items.length < LINK_WALK_PAGE) break;
    }
  };
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < customers.length) {
      const c = customers[next++] as CustomerRecord;
      try {
        await walkOne(c);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 1, customers.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return { at, customers, links, calls };
}

/** A directory link names one of the vendor's customers (not a customer this API keeps in its store). */
export function vendorCustomerOf(provider: ProviderName): (customerId: string) => boolean {
  return (id) => {
    const gid = decodeId(id);
    return gid ? gid.type === 'Customer' && gid.source === provider : /^\d+$/.test(id);
  };
}
