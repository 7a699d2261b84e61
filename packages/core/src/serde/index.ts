// Serdes: the `Serde` interface and the built-in `Serdes`.
export type { Deserializer, Serde, SerdeType, Serializer } from './serde.js';
export { Serdes } from './serdes.js';
export type { JsonSerdeOptions } from './text-serdes.js';
export { WindowedSerdes } from './windowed-serdes.js';
