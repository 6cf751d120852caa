// A file's bytes or text, made safe for a parser: size checked first (constant time),
// then encoding, binary content and emptiness, each in one linear pass.
import { ImportFormatError, ValidationError, type ImportFormat } from '../domain/errors.js';

/** A file as given to a reader: its text, or its bytes (a Node.js `Buffer` is a `Uint8Array`). */
export type ImportFile = string | Uint8Array;

/** Largest file a reader takes unless told otherwise: 32 MiB. LinkedIn's and Google's exports stay far below it. */
export const DEFAULT_MAX_IMPORT_BYTES = 32 * 1024 * 1024;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((byte, at) => bytes[at] === byte);

function decode(bytes: Uint8Array, format: ImportFormat): string {
  // Excel's "Unicode text" and some Outlook exports are UTF-16 with a byte-order mark.
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes);
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes);
  // Checked before decoding, so an image or a program is called binary, not "not UTF-8".
  if (bytes.includes(0)) throw binaryError(format);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFormatError(format, 'encoding', 'the file is not UTF-8 text: save it as UTF-8 (in Excel: "CSV UTF-8") and read it again');
  }
}

/**
 * The text of `file`, with a byte-order mark removed, or `ImportFormatError` for a file
 * that is too large, not text (a ZIP archive, binary data), not UTF-8 or empty.
 */
export function fileText(file: unknown, format: ImportFormat, maxBytes = DEFAULT_MAX_IMPORT_BYTES): string {
  if (typeof file !== 'string' && !(file instanceof Uint8Array)) {
    throw new ValidationError('import file', [{ path: '(root)', message: "the file's text (a string) or bytes (a Buffer or Uint8Array)" }]);
  }
  const size = typeof file === 'string' ? file.length : file.byteLength;
  if (size > maxBytes) {
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    throw new ImportFormatError(format, 'too-large', `the file has ${mb(size)} MiB, more than the ${mb(maxBytes)} MiB a reader takes: pass a larger maxBytes to read it`);
  }
  if (typeof file !== 'string' && startsWith(file, ZIP_MAGIC)) throw zipError(format);
  const text = typeof file === 'string' ? file : decode(file, format);
  if (text.startsWith('PK\u0003\u0004')) throw zipError(format);
  if (text.includes('\u0000')) throw binaryError(format);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') throw new ImportFormatError(format, 'empty', 'the file is empty');
  return body;
}

function binaryError(format: ImportFormat): ImportFormatError {
  return new ImportFormatError(format, 'binary', 'the file holds binary data (NUL bytes), not text: is it the export file itself?');
}

function zipError(format: ImportFormat): ImportFormatError {
  return new ImportFormatError(
    format,
    'binary',
    format === 'vcard'
      ? 'this is a ZIP archive: unzip it and read the .vcf file inside'
      : "this is a ZIP archive (LinkedIn's data download is one): unzip it and read the CSV file inside",
  );
}
