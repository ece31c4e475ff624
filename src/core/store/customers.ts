import { ErrorCode, InputError } from '../../domain/errors.js';
import type { CustomerRecord } from '../../domain/records.js';
import type { Db } from '../db/db.js';

/** Customers kept by this API (table `customers`); the Store's customer methods. */

interface CustomerRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  external_ref: string | null;
}

export async function createCustomer(
  db: Db,
  input: {
    firstName: string;
    lastName: string;
    email: string;
    externalRef?: string | null;
  },
): Promise<CustomerRecord> {
  try {
    const [row] = await db.query<CustomerRow>(
      `INSERT INTO customers (first_name, last_name, email, external_ref) VALUES ($1, $2, $3, $4)
       RETURNING id, first_name, last_name, email, external_ref`,
      [input.firstName, input.lastName, input.email, input.externalRef ?? null],
    );
    return toCustomer(row as CustomerRow);
  } catch (error) {
    if (String((error as { code?: string }).code) === '23505') {
      throw new InputError('email', 'The email has already been taken.', ErrorCode.CONFLICT);
    }
    throw error;
  }
}

export async function getCustomers(db: Db, ids: readonly string[]): Promise<Array<CustomerRecord | null>> {
  const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (valid.length === 0) return ids.map(() => null);
  const rows = await db.query<CustomerRow>(
    'SELECT id, first_name, last_name, email, external_ref FROM customers WHERE id = ANY($1::uuid[])',
    [valid],
  );
  const map = new Map(rows.map((r) => [r.id, toCustomer(r)]));
  return ids.map((id) => map.get(id.toLowerCase()) ?? null);
}

export async function listCustomers(
  db: Db,
  query: {
    offset: number;
    limit: number;
  },
): Promise<{ items: CustomerRecord[]; totalCount: number }> {
  const [count] = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM customers');
  const rows = await db.query<CustomerRow>(
    'SELECT id, first_name, last_name, email, external_ref FROM customers ORDER BY created_at, id OFFSET $1 LIMIT $2',
    [query.offset, query.limit],
  );
  return { items: rows.map(toCustomer), totalCount: Number(count?.n ?? 0) };
}

export async function updateCustomer(
  db: Db,
  id: string,
  changes: { firstName?: string; lastName?: string; email?: string },
): Promise<CustomerRecord> {
  const [existing] = await getCustomers(db, [id]);
  if (!existing) throw new InputError('customerId', 'No such customer.', ErrorCode.NOT_FOUND);
  const [row] = await db.query<CustomerRow>(
    `UPDATE customers SET first_name = COALESCE($2, first_name), last_name = COALESCE($3, last_name),
       email = COALESCE($4, email), updated_at = now() WHERE id = $1
     RETURNING id, first_name, last_name, email, external_ref`,
    [id, changes.firstName ?? null, changes.lastName ?? null, changes.email ?? null],
  );
  return toCustomer(row as CustomerRow);
}

function toCustomer(row: CustomerRow): CustomerRecord {
  return {
    provider: null, // kept by this API: no provider
    nativeId: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    projectNativeId: null,
    externalRef: row.external_ref,
  };
}
