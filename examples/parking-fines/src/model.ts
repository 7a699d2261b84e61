// The shapes of the example. Amounts are whole cents, so sums are exact.

/** `users` topic: key = user id, value = the user (null: the user was deleted). */
export interface User {
  readonly name: string;
}

/** `fines` topic: key = the id of the user who was fined. */
export interface Fine {
  readonly fineId: string;
  readonly amountCents: number;
  readonly reason: string;
}

/** The running total of a user's fines (the aggregation's state). */
export interface FineTotal {
  readonly fines: number;
  readonly totalCents: number;
}

/** `amounts-owed` topic: key = user id; a null value (tombstone) when the user no longer exists. */
export interface AmountOwed {
  readonly name: string;
  readonly fines: number;
  readonly owedCents: number;
}

export const NO_FINES: FineTotal = Object.freeze({ fines: 0, totalCents: 0 });

export function addFine(total: FineTotal, fine: Fine): FineTotal {
  return { fines: total.fines + 1, totalCents: total.totalCents + fine.amountCents };
}

export function amountOwed(total: FineTotal, user: User): AmountOwed {
  return { name: user.name, fines: total.fines, owedCents: total.totalCents };
}

export function euros(cents: number): string {
  return `€${(cents / 100).toFixed(2)}`;
}
