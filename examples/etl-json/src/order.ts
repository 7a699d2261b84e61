// The shapes of the example: raw orders as upstream systems write them, and the cleaned form.

/** As written by the shop frontends: loosely typed, amounts sometimes as strings, emails in any case. */
export interface RawOrder {
  readonly orderId?: unknown;
  readonly customerEmail?: unknown;
  readonly amount?: unknown;
  readonly currency?: unknown;
  readonly test?: unknown;
}

/** Keyed by customer email. */
export interface CleanOrder {
  readonly orderId: string;
  readonly customer: string;
  readonly amountCents: number;
  readonly currency: string;
}

export type Validation = { readonly ok: true; readonly order: CleanOrder } | { readonly ok: false; readonly reason: string };

/** Normalizes a raw order, or says why it is invalid. */
export function cleanOrder(raw: RawOrder): Validation {
  if (typeof raw.orderId !== 'string' || raw.orderId.trim() === '') return { ok: false, reason: 'missing orderId' };
  if (typeof raw.customerEmail !== 'string' || !raw.customerEmail.includes('@')) {
    return { ok: false, reason: 'missing or invalid customerEmail' };
  }
  const amount = typeof raw.amount === 'string' ? Number(raw.amount) : raw.amount;
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return { ok: false, reason: 'amount is not a number' };
  const currency = typeof raw.currency === 'string' ? raw.currency.trim().toUpperCase() : 'EUR';
  if (!/^[A-Z]{3}$/.test(currency)) return { ok: false, reason: `invalid currency ${String(raw.currency)}` };
  return {
    ok: true,
    order: {
      orderId: raw.orderId.trim(),
      customer: raw.customerEmail.trim().toLowerCase(),
      amountCents: Math.round(amount * 100),
      currency,
    },
  };
}
