/** The fields of the real OFD e-invoices of ../shared/data/ofd (999.ofd, fptpl.ofd), from their embedded original_invoice.xml. */
export const REAL_OFD_INVOICE = {
  invoiceType: '增值税电子普通发票',
  invoiceCode: '050001700111',
  invoiceNumber: '12235358',
  issueDate: '2020-08-05',
  checkCode: '16630282980991510014',
  buyerName: '个人',
  buyerTaxId: null,
  sellerName: '财天下科技有限公司',
  sellerTaxId: '91500102563638729E',
  amount: 10000,
  taxAmount: 600,
  totalAmount: 10600,
  totalAmountInWords: '壹万零陆佰圆整',
};
