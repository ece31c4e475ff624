import { startTestApp, type TestApp } from '../helpers/app.js';

/**
 * Customer and project mutations go through their services: the provider's own rules (validateCustomer),
 * feature checks, provider-neutral project routing, and a journal entry for every attempt.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.stop();
});

const CREATE_CUSTOMER = `mutation($input: CreateCustomerInput!) {
  createCustomer(input: $input) { customer { id provider project { id } } userErrors { field message code } }
}`;
const CREATE_PROJECT = `mutation($input: ProjectInput!) {
  createProject(input: $input) { project { id provider name } userErrors { field message code } }
}`;

interface Payload {
  userErrors: Array<{ field: string[] | null; message: string; code: string }>;
}

describe('customers and projects through services', () => {
  const email = () => `c+${Math.random().toString(36).slice(2)}@example.com`;

  it("a provider customer without projectId is refused by that provider's rule, as a userError", async () => {
    const res = await t.gql<{ createCustomer: Payload }>(CREATE_CUSTOMER, {
      input: { provider: 'VPNRESELLERS', firstName: 'A', lastName: 'B', email: email() },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.createCustomer.userErrors).toEqual([
      {
        field: ['input', 'projectId'],
        message: 'VPNresellers customers belong to a project: projectId is required.',
        code: 'VALIDATION',
      },
    ]);
  });

  it('a provider without customers answers UNSUPPORTED_BY_PROVIDER', async () => {
    const res = await t.gql<{ createCustomer: Payload }>(CREATE_CUSTOMER, {
      input: { provider: 'WLVPN', firstName: 'A', lastName: 'B', email: email() },
    });
    expect(res.data?.createCustomer.userErrors[0]).toMatchObject({
      field: ['input', 'provider'],
      code: 'UNSUPPORTED_BY_PROVIDER',
    });
  });

  it('createProject goes to the provider with projects; `projects` without provider lists it; both journaled', async () => {
    const name = `p-${Date.now().toString(36)}`;
    const created = await t.gql<{ createProject: Payload & { project: { id: string; provider: string } | null } }>(
      CREATE_PROJECT,
      {
        input: { name, description: 'made by a test' },
      },
    );
    expect(created.data?.createProject.userErrors).toEqual([]);
    expect(created.data?.createProject.project?.provider).toBe('VPNRESELLERS');
    const projectId = created.data?.createProject.project?.id;

    const list = await t.gql<{ projects: { nodes: Array<{ id: string }> } }>(
      '{ projects(first: 100) { nodes { id } } }',
    );
    expect(list.errors).toBeUndefined();
    expect(list.data?.projects.nodes.map((p) => p.id)).toContain(projectId);

    const customer = await t.gql<{ createCustomer: Payload & { customer: { project: { id: string } | null } | null } }>(
      CREATE_CUSTOMER,
      {
        input: { provider: 'VPNRESELLERS', firstName: 'A', lastName: 'B', email: email(), projectId },
      },
    );
    expect(customer.data?.createCustomer.userErrors).toEqual([]);
    expect(customer.data?.createCustomer.customer?.project?.id).toBe(projectId);

    const journal = await t.store.listJournal({ limit: 1000 });
    const ops = journal.map((j) => `${j.operation}:${j.outcome}`);
    expect(ops).toEqual(expect.arrayContaining(['createProject:ok', 'createCustomer:ok', 'createCustomer:error']));
  });
});
