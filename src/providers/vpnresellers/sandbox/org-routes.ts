import { field } from '../../../sandbox/http-helpers.js';
import { type EmuRequest, type EmuResponse } from '../../../sandbox/types.js';
import { USER_ID, type VrCustomer, type VrProject } from './data.js';
import type { VpnresellersState } from './data.js';
import { createCustomer, invalid, projectErrors } from './writes.js';

/** VPNresellers emulator: the customer and project routes (registered last by `routes`). */
export function organisationRoutes(
  emu: VpnresellersState,
  bearer: (h: (req: EmuRequest) => EmuResponse) => (req: EmuRequest) => EmuResponse,
): void {
  const s = emu.server;
  // customers
  s.route(
    'GET',
    '/v4_1/customers',
    bearer((req) => emu.paginate(req, [...emu.customers.values()])),
  );
  for (const pattern of ['/v4_1/customers', '/v4_1/customers/:any'])
    s.route(
      'POST',
      pattern,
      bearer((req) => createCustomer(emu, req)),
    );
  const customer = (h: (c: VrCustomer, req: EmuRequest) => EmuResponse) =>
    bearer((req) => {
      const c = emu.customers.get(Number(req.params.customer));
      return c ? h(c, req) : { status: 404, json: { message: 'Customer not found.', code: 404 } };
    });
  s.route(
    'GET',
    '/v4_1/customers/:customer',
    customer((c) => ({ status: 200, json: { data: c, code: 200 } })),
  );
  s.route(
    'PUT',
    '/v4_1/customers/:customer',
    customer((c, req) => {
      const email = field(req.body, 'email');
      if (email !== undefined && (typeof email !== 'string' || !email.includes('@')))
        return invalid({ email: ['The email must be a valid email address.'] });
      if (email && [...emu.customers.values()].some((x) => x.email === email && x.id !== c.id))
        return invalid({ email: ['The email has already been taken.'] }, 'The email has already been taken.');
      for (const k of ['first_name', 'last_name', 'email'] as const) {
        const v = field(req.body, k);
        if (typeof v === 'string') c[k] = v;
      }
      return { status: 200, json: { code: 200 } };
    }),
  );
  s.route(
    'DELETE',
    '/v4_1/customers/:customer',
    customer((c) => {
      if ([...emu.accounts.values()].some((a) => a.customer_id === c.id)) {
        return invalid(
          { customer: ['Unable to delete a customer that has accounts.'] },
          'Unable to delete a customer that has accounts.',
        );
      }
      emu.customers.delete(c.id);
      return { status: 200, json: { code: 200 } };
    }),
  );
  s.route(
    'GET',
    '/v4_1/customers/:customer/accounts',
    customer((c, req) =>
      emu.paginate(
        req,
        [...emu.accounts.values()].filter((a) => a.customer_id === c.id).map((a) => emu.view(a)),
      ),
    ),
  );

  // projects
  s.route(
    'GET',
    '/v4_1/projects',
    bearer((req) => emu.paginate(req, [...emu.projects.values()])),
  );
  for (const pattern of ['/v4_1/projects', '/v4_1/projects/:any']) {
    s.route(
      'POST',
      pattern,
      bearer((req) => {
        const errors = projectErrors(req.body);
        if (errors) return invalid(errors);
        const id = emu.ids.project++;
        const p: VrProject = {
          id,
          name: String(field(req.body, 'name')),
          description: String(field(req.body, 'description')),
          user_id: USER_ID,
        };
        emu.projects.set(id, p);
        return { status: 200, json: { data: p, code: 200 } };
      }),
    );
  }
  const project = (h: (p: VrProject, req: EmuRequest) => EmuResponse) =>
    bearer((req) => {
      const p = emu.projects.get(Number(req.params.project));
      return p ? h(p, req) : { status: 404, json: { message: 'Project not found.', code: 404 } };
    });
  s.route(
    'GET',
    '/v4_1/projects/:project',
    project((p) => ({ status: 200, json: { data: p, code: 200 } })),
  );
  s.route(
    'PUT',
    '/v4_1/projects/:project',
    project((p, req) => {
      const errors = projectErrors(req.body);
      if (errors) return invalid(errors);
      p.name = String(field(req.body, 'name'));
      p.description = String(field(req.body, 'description'));
      return { status: 200, json: { code: 200 } };
    }),
  );
  s.route(
    'DELETE',
    '/v4_1/projects/:project',
    project((p) => {
      if ([...emu.customers.values()].some((c) => c.project_id === p.id)) {
        return invalid(
          { project: ['Unable to delete a project that has customers.'] },
          'Unable to delete a project that has customers.',
        );
      }
      emu.projects.delete(p.id);
      return { status: 200, json: { code: 200 } };
    }),
  );
  s.route(
    'GET',
    '/v4_1/projects/:project/customers',
    project((p, req) =>
      emu.paginate(
        req,
        [...emu.customers.values()].filter((c) => c.project_id === p.id),
      ),
    ),
  );
  s.route(
    'GET',
    '/v4_1/projects/:project/accounts',
    project((p, req) => {
      const ids = new Set([...emu.customers.values()].filter((c) => c.project_id === p.id).map((c) => c.id));
      return emu.paginate(
        req,
        [...emu.accounts.values()]
          .filter((a) => a.customer_id !== null && ids.has(a.customer_id))
          .map((a) => emu.view(a)),
      );
    }),
  );
}
