import type { VrFailureBody as Answer } from './errors.js';
import { VpnresellersClientBase } from './client-base.js';
import type { VrAccountJson, VrCustomerBody, VrCustomerJson, VrPage, VrPageQuery, VrProjectJson } from './wire.js';

/** VPNresellers v4.1 customer and project endpoints (the rest of the client is in client.ts). */
export class VpnresellersOrgClient extends VpnresellersClientBase {
  listCustomers(q: VrPageQuery) {
    return this.call<VrPage<VrCustomerJson>>({
      operation: 'listCustomers',
      method: 'GET',
      path: 'v4_1/customers',
      searchParams: q,
      idempotent: true,
    });
  }
  createCustomer(body: VrCustomerBody) {
    return this.call<{ data: VrCustomerJson }>({
      operation: 'createCustomer',
      method: 'POST',
      path: 'v4_1/customers',
      json: body,
      idempotent: false,
    });
  }
  getCustomer(id: string) {
    return this.call<{ data: VrCustomerJson }>({
      operation: 'getCustomer',
      method: 'GET',
      path: `v4_1/customers/${encodeURIComponent(id)}`,
      idempotent: true,
    });
  }
  updateCustomer(id: string, body: { first_name?: string; last_name?: string; email?: string }) {
    return this.call<Answer>({
      operation: 'updateCustomer',
      method: 'PUT',
      path: `v4_1/customers/${encodeURIComponent(id)}`,
      json: body,
      idempotent: true,
    });
  }
  deleteCustomer(id: string) {
    return this.call<Answer>({
      operation: 'deleteCustomer',
      method: 'DELETE',
      path: `v4_1/customers/${encodeURIComponent(id)}`,
      // Not idempotent at the vendor: a second one answers "not found", so it is never resent blindly
      // (reconciliation reads whether the account is gone).
      idempotent: false,
    });
  }
  customerAccounts(id: string, q: VrPageQuery) {
    return this.call<VrPage<VrAccountJson>>({
      operation: 'listAccounts',
      method: 'GET',
      path: `v4_1/customers/${encodeURIComponent(id)}/accounts`,
      searchParams: q,
      idempotent: true,
    });
  }
  listProjects(q: VrPageQuery) {
    return this.call<VrPage<VrProjectJson>>({
      operation: 'listProjects',
      method: 'GET',
      path: 'v4_1/projects',
      searchParams: q,
      idempotent: true,
    });
  }
  createProject(body: { name: string; description: string }) {
    return this.call<{ data: VrProjectJson }>({
      operation: 'createProject',
      method: 'POST',
      path: 'v4_1/projects',
      json: body,
      idempotent: false,
    });
  }
  getProject(id: string) {
    return this.call<{ data: VrProjectJson }>({
      operation: 'getProject',
      method: 'GET',
      path: `v4_1/projects/${encodeURIComponent(id)}`,
      idempotent: true,
    });
  }
  updateProject(id: string, body: { name: string; description: string }) {
    return this.call<Answer>({
      operation: 'updateProject',
      method: 'PUT',
      path: `v4_1/projects/${encodeURIComponent(id)}`,
      json: body,
      idempotent: true,
    });
  }
  deleteProject(id: string) {
    return this.call<Answer>({
      operation: 'deleteProject',
      method: 'DELETE',
      path: `v4_1/projects/${encodeURIComponent(id)}`,
      // Not idempotent at the vendor: a second one answers "not found", so it is never resent blindly
      // (reconciliation reads whether the account is gone).
      idempotent: false,
    });
  }
  projectCustomers(id: string, q: VrPageQuery) {
    return this.call<VrPage<VrCustomerJson>>({
      operation: 'listCustomers',
      method: 'GET',
      path: `v4_1/projects/${encodeURIComponent(id)}/customers`,
      searchParams: q,
      idempotent: true,
    });
  }
  projectAccounts(id: string, q: VrPageQuery) {
    return this.call<VrPage<VrAccountJson>>({
      operation: 'listAccounts',
      method: 'GET',
      path: `v4_1/projects/${encodeURIComponent(id)}/accounts`,
      searchParams: q,
      idempotent: true,
    });
  }
}
