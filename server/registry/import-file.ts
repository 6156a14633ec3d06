/**
 * Reads an import file (`iess-clave import`) into numbered raw rows, before any row is validated
 * (records.ts validates rows). JSON: an array of objects. CSV: UTF-8 (a BOM is accepted, as Excel
 * writes it), a header row, RFC 4180 quotes, and `,` or `;` between fields — Excel in Spanish
 * locales writes `;` — detected from the header. A file whose encoding or header is wrong is
 * refused whole with one message instead of one complaint per row.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** The columns of docs/operations.md "Importar afiliados"; the first five must be present. */
export const REQUIRED_COLUMNS = ['id', 'givenNames', 'surnames', 'birthDay', 'birthMonth'] as const;
export const OPTIONAL_COLUMNS = [
  'idType',
  'kind',
  'email',
  'employers',
  'firstContributionYear',
  'pensionStartYear',
  'principalName',
  'principalEmployer',
  'dependantSinceYear',
] as const;
const KNOWN = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);

export type Separator = ',' | ';';

export interface ImportFile {
  kind: 'csv' | 'json';
  /** CSV only: the separator found in the header. */
  separator?: Separator;
  bom: boolean;
  rows: Array<{ line: number; row: Record<string, unknown> }>;
}

/** The whole file is refused (encoding, JSON syntax, CSV header): one message, no row imported. */
export class ImportFileError extends Error {
  constructor(file: string, why: string) {
    super(`No se importó nada de ${basename(file)}: ${why}`);
    this.name = 'ImportFileError';
  }
}

export function readImportFile(path: string): ImportFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ImportFileError(
      path,
      code === 'ENOENT' ? 'el archivo no existe' : code === 'EISDIR' ? 'es una carpeta' : `no se puede leer (${code})`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ImportFileError(path, 'no está en UTF-8. En Excel use «Guardar como» → «CSV UTF-8 (delimitado por comas)»');
  }
  const bom = text.startsWith('\uFEFF');
  if (bom) text = text.slice(1);
  if (path.toLowerCase().endsWith('.json')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new ImportFileError(path, `no es JSON válido (${(err as Error).message})`);
    }
    if (!Array.isArray(data)) throw new ImportFileError(path, 'el archivo JSON debe contener un arreglo de afiliados');
    // "line" for JSON is the element's position (1-based): JSON has no stable line per object.
    return {
      kind: 'json',
      bom,
      rows: data.map((row, i) => ({ line: i + 1, row: (row && typeof row === 'object' ? row : {}) as Record<string, unknown> })),
    };
  }
  const separator = detectSeparator(text);
  const table = parseCsv(text, separator);
  const [header, ...data] = table;
  if (!header) throw new ImportFileError(path, 'el archivo está vacío');
  const names = header.cells.map((h) => h.trim());
  const problem = headerProblem(names);
  if (problem)
    throw new ImportFileError(
      path,
      `${problem}. Separador usado: «${separator}». Cabecera esperada (en cualquier orden): ${[...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS].join(separator)}`,
    );
  return {
    kind: 'csv',
    separator,
    bom,
    rows: data.map((r) => ({ line: r.line, row: Object.fromEntries(names.map((n, i) => [n, r.cells[i] ?? ''])) })),
  };
}

/** What is wrong with a CSV header, or undefined. */
export function headerProblem(names: readonly string[]): string | undefined {
  const unknown = names.filter((n) => !KNOWN.has(n));
  const missing = REQUIRED_COLUMNS.filter((n) => !names.includes(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  const parts: string[] = [];
  if (missing.length) parts.push(`faltan las columnas ${missing.join(', ')}`);
  if (unknown.length) parts.push(`columnas desconocidas ${unknown.map((n) => `«${n}»`).join(', ')}`);
  if (repeated.length) parts.push(`columnas repetidas ${[...new Set(repeated)].join(', ')}`);
  return parts.length ? `la cabecera no coincide (${parts.join('; ')})` : undefined;
}

/** `;` when the header has more semicolons than commas outside quotes, else `,`. */
export function detectSeparator(text: string): Separator {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** A small CSV reader (RFC 4180 quotes): the rows as cells, each with the line it starts on. */
export function parseCsv(text: string, separator: Separator = ','): Array<{ line: number; cells: string[] }> {
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((c) => c !== '')) rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  cells.push(cell);
  if (cells.some((c) => c !== '')) rows.push({ line: rowLine, cells });
  return rows;
}
