import * as v from 'valibot';
import { isJsonObject, jsonObjectWith } from '../json/jsonObject';

/** What Export writes: a run's items as JSON, NDJSON or CSV. */
export const EXPORT_FORMATS = ['json', 'ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function exportItems(items: readonly string[], format: ExportFormat): string {
  switch (format) {
    case 'json':
      return items.length ? `[\n${items.join(',\n')}\n]\n` : '[]\n';
    case 'ndjson':
      return items.map((item) => `${item}\n`).join('');
    case 'csv':
      return itemsToCsv(items.map((item) => JSON.parse(item) as unknown));
  }
}

/**
 * One row per item and one column per value found in any item, in the order first seen: nested
 * objects become `parent.child` columns, and a Pipefy card's `fields { name value }` become one
 * column per field name, since that is how people read a pipe in a spreadsheet. Other lists stay
 * JSON text in their cell. Lines end with CRLF, as RFC 4180 has it.
 */
function itemsToCsv(items: readonly unknown[]): string {
  const rows = items.map(flattenItem);
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const column of row.keys()) {
      if (!seen.has(column)) {
        seen.add(column);
        columns.push(column);
      }
    }
  }
  const lines = [columns.map(csvCell), ...rows.map((row) => columns.map((column) => csvCell(row.get(column) ?? '')))];
  return lines.map((cells) => `${cells.join(',')}\r\n`).join('');
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
