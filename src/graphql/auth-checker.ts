import type { AuthChecker } from 'type-graphql';
import type { Role } from '../config/checks.js';
import type { GraphQLContext } from './context.js';

/**
 * Admin-only fields a scoped caller may read all the same: they hang off an account the scope guard already
 * proved is the caller's own (its VPN client files and its WireGuard key are what a customer portal serves).
 */
const OWNER_READABLE = new Set(['Account.connectionConfigs', 'WireGuardInfo.privateKey']);

/** type-graphql auth checker: every listed role must be granted (scoped callers: see OWNER_READABLE). */
export const authChecker: AuthChecker<GraphQLContext> = ({ context, info }, roles) =>
  roles.every((r) => context.viewer.roles.has(r as Role)) ||
  (Boolean(context.viewer.scope) && OWNER_READABLE.has(`${info.parentType.name}.${info.fieldName}`));
