// Transit user-defined type (UDT) metadata, as a stream's StreamInfo describes it, converted from
// CBOR to typed objects. Member types are kept by name: the transit reader resolves them.

export interface UdtMember {
  name: string;
  typeName: string;
  offset: number;
  size: number;
  isReference: boolean;
}

export interface Udt {
  name: string;
  /** 0 = dynamic size: a u32 byte length precedes each instance. */
  size: number;
  isReference: boolean;
  members: UdtMember[];
}

function field<T>(obj: Record<string, unknown>, key: string, path: string, kind: string): T {
  const value = obj[key];
  const ok =
    kind === 'number'
      ? typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
      : typeof value === kind;
  if (!ok) throw new TypeError(`expected ${kind} ${path}.${key}, got ${describe(value)}`);
  return value as T;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Uint8Array) return 'byte string';
  return typeof value;
}

function toMember(raw: unknown, path: string): UdtMember {
  if (typeof raw !== 'object' || raw === null) {
    throw new TypeError(`expected member map ${path}, got ${describe(raw)}`);
  }
  const obj = raw as Record<string, unknown>;
  return {
    name: field<string>(obj, 'name', path, 'string'),
    typeName: field<string>(obj, 'type_name', path, 'string'),
    offset: field<number>(obj, 'offset', path, 'number'),
    size: field<number>(obj, 'size', path, 'number'),
    isReference: field<boolean>(obj, 'is_reference', path, 'boolean'),
  };
}

/** Converts a CBOR `dependencies_metadata` / `objects_metadata` array; throws TypeError. */
export function toUdts(raw: unknown, path: string): Udt[] {
  if (!Array.isArray(raw)) throw new TypeError(`expected array ${path}, got ${describe(raw)}`);
  return raw.map((udt, i) => {
    const p = `${path}[${i}]`;
    if (typeof udt !== 'object' || udt === null) {
      throw new TypeError(`expected UDT map ${p}, got ${describe(udt)}`);
    }
    const obj = udt as Record<string, unknown>;
    const members = obj.members;
    if (!Array.isArray(members)) {
      throw new TypeError(`expected array ${p}.members, got ${describe(members)}`);
    }
    return {
      name: field<string>(obj, 'name', p, 'string'),
      size: field<number>(obj, 'size', p, 'number'),
      isReference: field<boolean>(obj, 'is_reference', p, 'boolean'),
      members: members.map((m, j) => toMember(m, `${p}.members[${j}]`)),
    };
  });
}
