// Sample input for the example and its tests: one of each kind of record the topology handles.
export function sampleOrders(): string[] {
  return [
    JSON.stringify({ orderId: 'o-1', customerEmail: ' Alice@Example.com ', amount: '19.99', currency: 'eur' }),
    JSON.stringify({ orderId: 'o-2', customerEmail: 'bob@example.com', amount: 5, currency: 'USD' }),
    JSON.stringify({ orderId: 'o-3', customerEmail: 'qa@test.example', amount: 1 }),
    JSON.stringify({ orderId: 'o-4', customerEmail: 'alice@example.com', amount: -3 }),
    JSON.stringify({ orderId: 'o-5', amount: 10 }),
    '{"orderId": "o-6", "customerEmail": ',
    JSON.stringify({ orderId: 'o-7', customerEmail: 'ALICE@example.com', amount: 2.5, currency: 'EUR' }),
  ];
}
