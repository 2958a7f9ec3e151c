import writeExcelFile from 'write-excel-file/browser';

export type Table = { header: string[]; rows: (string | number | null)[][] };

// Text a spreadsheet would run as a formula (=, +, -, @, tab or CR first, e.g. =HYPERLINK(…)) gets a leading
// apostrophe, as the service's CSV exports do; numbers such as -1.5 stay numbers.
function forSpreadsheet(text: string): string {
  if (!/^[=+\-@\t\r]/.test(text)) return text;
  return /^[+-]/.test(text) && Number.isFinite(Number(text)) ? text : `'${text}`;
}

// RFC 4180 CSV with a byte order mark, so that Excel opens the Chinese text as UTF-8.
export function toCsv(table: Table): string {
  const cell = (value: string | number | null) => {
    const s = value === null ? '' : typeof value === 'number' ? String(value) : forSpreadsheet(value);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\ufeff' + [table.header, ...table.rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function downloadCsv(table: Table, fileName: string): void {
  saveBlob(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }), fileName);
}

export async function downloadXlsx(table: Table, fileName: string, sheet: string): Promise<void> {
  const data = [
    table.header.map((value) => ({ value, fontWeight: 'bold' as const })),
    ...table.rows.map((row) => row.map((value) => (value === null ? null : { value }))),
  ];
  const blob = await writeExcelFile(data, { sheet, stickyRowsCount: 1, columns: table.header.map(() => ({ width: 24 })) }).toBlob();
  saveBlob(blob, fileName);
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
