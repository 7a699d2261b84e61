// `Serdes`: the built-in serdes. Byte layouts match Java Kafka's serializers so that kstreams and Java
// applications can share topics and state.
import { bytes, from, nullable } from './custom-serdes.js';
import { float64, int32, int64, int64Number } from './numeric-serdes.js';
import { json, string, uuid } from './text-serdes.js';

export const Serdes = Object.freeze({ string, json, bytes, int32, int64, int64Number, float64, uuid, nullable, from });
