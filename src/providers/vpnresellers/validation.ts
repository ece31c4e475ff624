import { InputError } from '../../domain/errors.js';
import { AccountOperation } from '../port.js';
import { PASSWORD_MIN, USERNAME_RULE, customerProblems } from './rules.js';

/** Pre-flight validation of VPNresellers account and customer input (the provider's `validate`, `validateCustomer`). */

export function validateAccount(operation: AccountOperation, input: Record<string, unknown>): InputError[] {
  const errors: InputError[] = [];
  if (
    operation === AccountOperation.CREATE &&
    typeof input.username === 'string' &&
    !USERNAME_RULE.test(input.username)
  ) {
    errors.push(
      new InputError('username', 'VPNresellers usernames are 3–50 letters, digits, dots, dashes or underscores.'),
    );
  }
  const period = input.periodDays;
  if (
    operation === AccountOperation.CREATE &&
    period !== undefined &&
    period !== null &&
    !(Number.isInteger(period) && Number(period) >= 1)
  ) {
    errors.push(
      new InputError(
        'periodDays',
        'VPNresellers: periodDays must be a whole number of days, at least 1 (or left out for an auto-renewing account).',
      ),
    );
  }
  if (typeof input.password === 'string' && input.password.length < PASSWORD_MIN) {
    errors.push(new InputError('password', `VPNresellers: the password must be at least ${PASSWORD_MIN} characters.`));
  }
  return errors;
}

/** Customers: projectId required on create, names and e-mail by the vendor's rules. */
export function validateCustomer(input: Record<string, unknown>): InputError[] {
  const creating = !('id' in input) && !('customerId' in input);
  return customerProblems(input, creating).map(([field, message]) => new InputError(field, message));
}
