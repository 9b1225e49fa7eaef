/**
 * DATA fields of the vendor extension commands: UTF-8 text, fields separated by US 1F, list
 * items by RS 1E. Parsing returns Results (the unit's data is input we do not trust); encoding
 * throws MessageError for values that cannot be put on the wire, so callers validate first.
 */

export const US = 0x1f;
export const RS = 0x1e;
export const LF = 0x0a;
const US_CHAR = '\u001f';
const RS_CHAR = '\u001e';

export const MAX_PRINT_LINES = 6;
export const MAX_PRINT_LINE_CHARS = 24;
export const MAX_SLOT = 999;

export class MessageError extends Error {
  override readonly name = 'MessageError';
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(error: string): Parsed<T> => ({ ok: false, error });

export type Sex = 'male' | 'female';

export interface Endorsement {
  /** Endorsement type, e.g. `G` (group tour) or `L` (visiting relatives). */
  readonly code: string;
  /** Validity of the endorsement, e.g. `1Y` or `3M`. */
  readonly validity: string;
  readonly entriesLeft: number;
  /** ISO date `YYYY-MM-DD`. */
  readonly validTo: string;
}

export interface PermitRecord {
  readonly permitNumber: string;
  readonly nameZh: string;
  readonly namePinyin: string;
  /** ISO date `YYYY-MM-DD`. */
  readonly birthDate: string;
  readonly sex: Sex;
  /** ISO date `YYYY-MM-DD`. */
  readonly validTo: string;
  readonly endorsements: readonly Endorsement[];
}

const utf8 = new TextEncoder();

export function decodeUtf8(data: Uint8Array): Parsed<string> {
  try {
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch {
    return bad('DATA is not valid UTF-8');
  }
}

export function encodeUtf8(text: string): Uint8Array {
  return utf8.encode(text);
}

/** YYYYMMDD -> YYYY-MM-DD, rejecting impossible dates such as 20230231. */
export function compactDateToIso(compact: string): Parsed<string> {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(compact);
  if (!match) return bad(`date "${compact}" is not YYYYMMDD`);
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return bad(`date "${compact}" does not exist`);
  return ok(iso);
}

export function isoDateToCompact(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match || !compactDateToIso(`${match[1]}${match[2]}${match[3]}`).ok) {
    throw new MessageError(`date "${iso}" is not a valid YYYY-MM-DD`);
  }
  return `${match[1]}${match[2]}${match[3]}`;
}

/** A field must not contain the separators or the endorsement's own ':' delimiter. */
function assertPlainField(name: string, value: string, extraForbidden = ''): void {
  if (value.length === 0) throw new MessageError(`${name} is empty`);
  for (const ch of [US_CHAR, RS_CHAR, '\n', ...extraForbidden]) {
    if (value.includes(ch)) throw new MessageError(`${name} contains a reserved character`);
  }
}

export function parseEndorsement(text: string): Parsed<Endorsement> {
  const parts = text.split(':');
  if (parts.length !== 4) return bad(`endorsement "${text}" is not code:validity:entriesLeft:validTo`);
  const [code, validity, entries, validTo] = parts as [string, string, string, string];
  if (code === '' || validity === '') return bad(`endorsement "${text}" has an empty field`);
  if (!/^\d{1,3}$/.test(entries)) return bad(`endorsement entries "${entries}" is not a number`);
  const date = compactDateToIso(validTo);
  if (!date.ok) return bad(date.error);
  return ok({ code, validity, entriesLeft: Number(entries), validTo: date.value });
}

export function formatEndorsement(endorsement: Endorsement): string {
  assertPlainField('code', endorsement.code, ':');
  assertPlainField('validity', endorsement.validity, ':');
  const { entriesLeft } = endorsement;
  if (!Number.isInteger(entriesLeft) || entriesLeft < 0 || entriesLeft > 999) {
    throw new MessageError('entriesLeft must be an integer 0-999');
  }
  return [endorsement.code, endorsement.validity, String(entriesLeft), isoDateToCompact(endorsement.validTo)].join(':');
}

/** 60 36 DATA: `code US validity US entries US validTo`. */
export function encodeEndorsementWrite(endorsement: Endorsement): Uint8Array {
  return encodeUtf8(formatEndorsement(endorsement).split(':').join(US_CHAR));
}

export function parseEndorsementWrite(data: Uint8Array): Parsed<Endorsement> {
  const text = decodeUtf8(data);
  if (!text.ok) return bad(text.error);
  const fields = text.value.split(US_CHAR);
  if (fields.length !== 4) return bad(`endorsement write has ${fields.length} fields, expected 4`);
  if (fields.some((f) => f.includes(':'))) return bad('endorsement field contains ":"');
  return parseEndorsement(fields.join(':'));
}

/** 60 35 reply DATA: the permit record fields separated by US, endorsements joined by RS. */
export function encodePermitRecord(permit: PermitRecord): Uint8Array {
  assertPlainField('permitNumber', permit.permitNumber);
  assertPlainField('nameZh', permit.nameZh);
  assertPlainField('namePinyin', permit.namePinyin);
  const fields = [
    permit.permitNumber,
    permit.nameZh,
    permit.namePinyin,
    isoDateToCompact(permit.birthDate),
    permit.sex === 'male' ? '1' : '2',
    isoDateToCompact(permit.validTo),
    permit.endorsements.map(formatEndorsement).join(RS_CHAR),
  ];
  return encodeUtf8(fields.join(US_CHAR));
}

export function parsePermitRecord(data: Uint8Array): Parsed<PermitRecord> {
  const text = decodeUtf8(data);
  if (!text.ok) return bad(text.error);
  const fields = text.value.split(US_CHAR);
  if (fields.length !== 7) return bad(`permit record has ${fields.length} fields, expected 7`);
  const [permitNumber, nameZh, namePinyin, birth, sexCode, validToCompact, list] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (permitNumber === '' || nameZh === '' || namePinyin === '') return bad('permit record has an empty name or number');
  const birthDate = compactDateToIso(birth);
  if (!birthDate.ok) return bad(`birth ${birthDate.error}`);
  const validTo = compactDateToIso(validToCompact);
  if (!validTo.ok) return bad(`valid-to ${validTo.error}`);
  if (sexCode !== '1' && sexCode !== '2') return bad(`sex "${sexCode}" is not 1 or 2`);
  const endorsements: Endorsement[] = [];
  for (const item of list === '' ? [] : list.split(RS_CHAR)) {
    const parsed = parseEndorsement(item);
    if (!parsed.ok) return bad(parsed.error);
    endorsements.push(parsed.value);
  }
  return ok({
    permitNumber,
    nameZh,
    namePinyin,
    birthDate: birthDate.value,
    sex: sexCode === '1' ? 'male' : 'female',
    validTo: validTo.value,
    endorsements,
  });
}

/** Why a card-back print job cannot be sent, or undefined when it fits the print area. */
export function checkPrintLines(lines: readonly string[]): string | undefined {
  if (lines.length === 0) return 'nothing to print';
  if (lines.length > MAX_PRINT_LINES) return `${lines.length} lines exceed ${MAX_PRINT_LINES}`;
  for (const [i, line] of lines.entries()) {
    // Count code points, not UTF-16 units: the printer lays out characters.
    if ([...line].length > MAX_PRINT_LINE_CHARS) return `line ${i + 1} exceeds ${MAX_PRINT_LINE_CHARS} characters`;
    if ([...line].some((ch) => ch === '\n' || ch === '\r' || ch === US_CHAR || ch === RS_CHAR)) return `line ${i + 1} contains a control character`;
  }
  return undefined;
}

/** 70 30 DATA: lines separated by LF. */
export function encodePrintLines(lines: readonly string[]): Uint8Array {
  const problem = checkPrintLines(lines);
  if (problem) throw new MessageError(problem);
  return encodeUtf8(lines.join('\n'));
}

export function parsePrintLines(data: Uint8Array): Parsed<readonly string[]> {
  const text = decodeUtf8(data);
  if (!text.ok) return bad(text.error);
  const lines = text.value.split('\n');
  const problem = checkPrintLines(lines);
  return problem ? bad(problem) : ok(lines);
}

/** 80 30 DATA: the slot as 3 ASCII digits. */
export function encodeSlot(slot: number): Uint8Array {
  if (!Number.isInteger(slot) || slot < 1 || slot > MAX_SLOT) throw new MessageError(`slot ${slot} is outside 1-${MAX_SLOT}`);
  return encodeUtf8(String(slot).padStart(3, '0'));
}

export function parseSlot(data: Uint8Array): Parsed<number> {
  const text = decodeUtf8(data);
  if (!text.ok || !/^\d{3}$/.test(text.value)) return bad('slot is not 3 ASCII digits');
  return ok(Number(text.value));
}

export interface SlotState {
  readonly slot: number;
  readonly loaded: boolean;
}

/** 80 31 reply DATA: one byte per slot, '1' loaded, '0' empty; slot numbers start at 1. */
export function parseInventory(data: Uint8Array): Parsed<readonly SlotState[]> {
  const slots: SlotState[] = [];
  for (const [i, byte] of data.entries()) {
    if (byte !== 0x30 && byte !== 0x31) return bad(`inventory byte ${i + 1} is neither '0' nor '1'`);
    slots.push({ slot: i + 1, loaded: byte === 0x31 });
  }
  return ok(slots);
}

export function encodeInventory(loaded: readonly boolean[]): Uint8Array {
  return Uint8Array.from(loaded, (isLoaded) => (isLoaded ? 0x31 : 0x30));
}

/** A5 30 reply DATA: 3 ASCII digits. */
export function parseRetainCounter(data: Uint8Array): Parsed<number> {
  const text = decodeUtf8(data);
  if (!text.ok || !/^\d{3}$/.test(text.value)) return bad('retain counter is not 3 ASCII digits');
  return ok(Number(text.value));
}

export function encodeRetainCounter(count: number): Uint8Array {
  return encodeUtf8(String(Math.min(999, Math.max(0, Math.trunc(count)))).padStart(3, '0'));
}
