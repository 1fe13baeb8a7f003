// The dashboard on paper: A4, the application's menu, header and the page's controls hidden,
// charts and tables no wider than the page, a card never split across two pages.
const PRINT_CSS = `
@media print {
  @page { size: A4 portrait; margin: 12mm; }
  .ant-layout-sider, .ant-layout-header, .dashboard-no-print, [data-testid="demo-banner"] { display: none !important; }
  .ant-layout, .ant-layout-content { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  .dashboard-page { width: 100% !important; }
  .dashboard-page [role="img"] { width: 100% !important; max-width: 186mm !important; }
  .dashboard-page svg { max-width: 100% !important; height: auto !important; }
  .dashboard-panel, .dashboard-table tr { break-inside: avoid; page-break-inside: avoid; }
  .dashboard-table { font-size: 10pt !important; }
  .dashboard-page a { color: inherit !important; text-decoration: none !important; }
}
`;

export function PrintStyle() {
  return <style>{PRINT_CSS}</style>;
}
