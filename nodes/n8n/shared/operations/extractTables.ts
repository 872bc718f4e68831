import type { Operation } from './operation';

/** Extract Tables: an item per table row, or an item per document with the tables as XLSX or CSV in binary "data". */
export const extractTables: Operation = {
  settings(ctx, i) {
    const output = ctx.getNodeParameter('tableOutput', i, 'rows') as string;
    const tableFile = output === 'xlsx' || output === 'csv' ? output : undefined;
    return { outputMode: tableFile ? 'document' : 'tableRow', tableFile };
  },
};
