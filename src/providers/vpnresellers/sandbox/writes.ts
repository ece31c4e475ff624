import { field } from '../../../sandbox/http-helpers.js';
import { type EmuRequest, type EmuResponse } from '../../../sandbox/types.js';
import { USERNAME_RULE as USERNAME, passwordProblem } from '../rules.js';
import { ACCOUNT_PRICE, STD, USER_ID, type VrAccount, type VrCustomer } from './data.js';
import type { VpnresellersState } from './data.js';

/** VPNresellers emulator: creating customers and accounts, and the Laravel-style error answers. */

export function customerErrors(emu: VpnresellersState, body: unknown): Record<string, string[]> | null {
  const errors: Record<string, string[]> = {};
  for (const k of ['first_name', 'last_name', 'email'] as const) {
    const v = field(body, k);
    if (typeof v !== 'string' || v.length === 0) errors[k] = [`The ${k.replace('_', ' ')} field is required.`];
  }
  const email = field(body, 'email');
  if (typeof email === 'string' && email && !/^[^\s@]+@[^\s@]+$/.test(email))
    errors.email = ['The email must be a valid email address.'];
  else if (typeof email === 'string' && [...emu.customers.values()].some((c) => c.email === email))
    errors.email = ['The email has already been taken.'];
  const project = Number(field(body, 'project_id'));
  if (!emu.projects.has(project)) errors.project_id = ['The selected project id is invalid.'];
  return Object.keys(errors).length ? errors : null;
}

export function createCustomer(emu: VpnresellersState, req: EmuRequest): EmuResponse {
  const errors = customerErrors(emu, req.body);
  if (errors)
    return invalid(
      errors,
      errors.email?.[0] === 'The email has already been taken.' ? 'The email has already been taken.' : undefined,
    );
  const c = addCustomer(emu, req.body);
  return { status: 200, json: { data: c, code: 200 } };
}

export function addCustomer(emu: VpnresellersState, body: unknown): VrCustomer {
  const id = emu.ids.customer++;
  const c: VrCustomer = {
    id,
    first_name: String(field(body, 'first_name')),
    last_name: String(field(body, 'last_name')),
    email: String(field(body, 'email')),
    user_id: USER_ID,
    project_id: Number(field(body, 'project_id')),
  };
  emu.customers.set(id, c);
  return c;
}

export function createAccount(emu: VpnresellersState, req: EmuRequest): EmuResponse {
  const username = field(req.body, 'username');
  const password = field(req.body, 'password');
  const errors: Record<string, string[]> = {};
  if (typeof username !== 'string' || username.length === 0) errors.username = ['The username field is required.'];
  else if (!USERNAME.test(username)) errors.username = ['The username format is invalid.'];
  else if ([...emu.accounts.values()].some((a) => a.username === username))
    errors.username = ['The username has already been taken.'];
  const problem = passwordProblem(password);
  if (problem) errors.password = [problem];
  const customer = field(req.body, 'customer');
  let customerId: number | null = null;
  if (customer !== undefined && customer !== null) {
    const existing = field(customer, 'customer_id');
    if (existing !== undefined) {
      if (!emu.customers.has(Number(existing)))
        errors['customer.customer_id'] = ['The selected customer.customer id is invalid.'];
      else customerId = Number(existing);
    } else {
      const ce = customerErrors(emu, customer);
      if (ce)
        for (const [k, v] of Object.entries(ce))
          errors[`customer.${k}`] = v.map((m) => m.replace('The ', 'The customer.'));
    }
  }
  if (Object.keys(errors).length) return invalid(errors);
  if (emu.balance < ACCOUNT_PRICE) return std(402);
  if (customer && customerId === null) customerId = addCustomer(emu, customer).id;
  emu.balance = Math.round((emu.balance - ACCOUNT_PRICE) * 100) / 100;
  const id = emu.ids.account++;
  const now = emu.server.now();
  const rnd = emu.server.random;
  const a: VrAccount = {
    id,
    username: String(username),
    password: String(password),
    status: 'Active',
    wg_ip: `10.250.${200 + Math.floor(id / 250)}.${(id % 250) + 1}`,
    wg_private_key: `${Buffer.from(rnd.string(32)).toString('base64').slice(0, 43)}=`,
    wg_public_key: `${Buffer.from(rnd.string(32)).toString('base64').slice(0, 43)}=`,
    expired_at: null,
    updated: emu.stamp(now),
    created: emu.stamp(now),
    customer_id: customerId,
  };
  emu.accounts.set(id, a);
  return { status: 201, json: { data: emu.view(a), code: 201 } };
}

export function std(code: number): EmuResponse {
  return { status: code, json: { message: STD[code] ?? 'Error.', code } };
}

export function invalid(errors: Record<string, string[]>, message = 'The given data was invalid.'): EmuResponse {
  return { status: 422, json: { message, errors, code: 422 } };
}

export function projectErrors(body: unknown): Record<string, string[]> | null {
  const errors: Record<string, string[]> = {};
  for (const k of ['name', 'description'] as const) {
    const v = field(body, k);
    if (typeof v !== 'string' || v.length === 0) errors[k] = [`The ${k} field is required.`];
  }
  return Object.keys(errors).length ? errors : null;
}

export function configAnswer(req: EmuRequest, content: string, name: string): EmuResponse {
  if ((req.headers.accept ?? '').includes('text/html')) {
    return {
      status: 200,
      text: content,
      contentType: 'text/html; charset=UTF-8',
      headers: { 'Content-Disposition': `attachment; filename="${name}"` },
    };
  }
  return { status: 200, json: { data: { content, name }, code: 200 } };
}
