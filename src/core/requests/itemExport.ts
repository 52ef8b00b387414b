import * as v from 'valibot';
import { isJsonObject, jsonObjectWith } from '../json/jsonObject';

/** What Export writes: a run's items as JSON, NDJSON or CSV. */
export const EXPORT_FORMATS = ['json', 'ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * About how much text each chunk of an export holds: large enough that writing it is one call to
 * the disk, small enough that an export of a million items never has to exist whole in memory.
 */
export const EXPORT_CHUNK_CHARS = 64 * 1024;

/** The whole export as one text, for a target that cannot take a stream. */
export function exportItems(items: readonly string[], format: ExportFormat): string {
  let text = '';
  for (const chunk of exportChunks(items, format)) text += chunk;
  return text;
}

/**
 * The export's text in chunks of about EXPORT_CHUNK_CHARS, in order, made as they are asked for:
 * joined, they are exactly the whole export. Only whole lines go into a chunk, so one chunk may
 * run over by one line.
 */
export function* exportChunks(items: readonly string[], format: ExportFormat): Generator<string, void, undefined> {
  let chunk = '';
  for (const piece of exportPieces(items, format)) {
    chunk += piece;
    if (chunk.length >= EXPORT_CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

function exportPieces(items: readonly string[], format: ExportFormat): Iterable<string> {
  switch (format) {
    case 'json':
      return jsonPieces(items);
    case 'ndjson':
      return ndjsonLines(items);
    case 'csv':
      return csvLines(items);
  }
}

function* jsonPieces(items: readonly string[]): Generator<string> {
  if (!items.length) {
    yield '[]\n';
    return;
  }
  yield '[\n';
  for (let index = 0; index < items.length; index++) yield index < items.length - 1 ? `${items[index]},\n` : `${items[index]}\n]\n`;
}

function* ndjsonLines(items: readonly string[]): Generator<string> {
  for (const item of items) yield `${item}\n`;
}

/**
 * One row per item and one column per value found in any item, in the order first seen: nested
 * objects become `parent.child` columns, and a Pipefy card's `fields { name value }` become one
 * column per field name, since that is how people read a pipe in a spreadsheet. Other lists stay
 * JSON text in their cell. Lines end with CRLF, as RFC 4180 has it.
 *
 * The header needs every column, so the items are read twice, once for the columns and once for
 * the rows: holding every flattened row instead would cost far more memory than the items' text.
 */
function* csvLines(items: readonly string[]): Generator<string> {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    for (const column of flattenItem(JSON.parse(item) as unknown).keys()) {
      if (!seen.has(column)) {
        seen.add(column);
        columns.push(column);
      }
    }
  }
  yield csvLine(columns);
  for (const item of items) {
    const row = flattenItem(JSON.parse(item) as unknown);
    yield csvLine(columns.map((column) => row.get(column) ?? ''));
  }
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function flattenItem(item: unknown): Map<string, string> {
  const row = new Map<string, string>();
  if (!isJsonObject(item)) {
    row.set('value', cellText(item));
    return row;
  }
  const walk = (value: Record<string, unknown>, prefix: string) => {
    for (const [key, inner] of Object.entries(value)) {
      const column = prefix + key;
      const fields = key === 'fields' ? v.safeParse(NameValueListSchema, inner) : undefined;
      if (fields?.success) {
        for (const field of fields.output) row.set(prefix ? `${prefix}${field.name}` : field.name, cellText(field.value));
      } else if (isJsonObject(inner)) walk(inner, `${column}.`);
      else row.set(column, cellText(inner));
    }
  };
  walk(item, '');
  return row;
}

/** A Pipefy card's `fields { name value }`; `value` must be there, though it may be null. */
const NameValueListSchema = v.array(jsonObjectWith({ name: v.string(), value: v.unknown() }));

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
