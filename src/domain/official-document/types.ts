// The description of an official document (văn bản hành chính) that build.ts lays out in the
// format of Decree 30/2020/NĐ-CP (DOMAIN.md §6). Text is given as it should read; build.ts applies
// capitals, fonts and spacing, so callers never format.

export type TableColumn = {
  title: string;
  /** Share of the text width; the shares of a table are scaled to add up to the whole width. */
  widthPct: number;
  /** Body cells; header cells are always centred. Default 'left'. */
  align?: 'left' | 'center' | 'right';
};

export type TableRow =
  /** A task group: bold, one cell spanning all columns. */
  { kind: 'group'; text: string } | { kind: 'row'; cells: string[] };

export type Block =
  /** "I. ...", "1. ...", "a) ..." are part of the text. */
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  /** Body text: justified, first-line indent. */
  | { kind: 'paragraph'; text: string; italic?: boolean; bold?: boolean }
  | { kind: 'table'; columns: TableColumn[]; rows: TableRow[] };

export type Signature = {
  /** Collective signing: 'TM. ỦY BAN NHÂN DÂN'. */
  authority?: string;
  /** Signing for the head: 'KT. CHỦ TỊCH'. */
  deputy?: string;
  /** 'PHÓ CHỦ TỊCH', 'GIÁM ĐỐC'. */
  position: string;
  name: string;
};

export type Appendix = {
  /** Printed above the title, e.g. 'PHỤ LỤC' or 'Phụ lục I'; none when absent. */
  label?: string;
  title: string;
  /** '(Kèm theo Công văn số ... ngày ...)', printed in italics as given. */
  subtitle?: string;
  blocks: Block[];
  /** Wide tables: the appendix's pages are A4 landscape. */
  landscape?: boolean;
};

export type OfficialDocument = {
  /** Printed in capitals: parent not bold, name bold with a short rule under it. */
  issuer: { parent?: string; name: string };
  /** The whole number and symbol, e.g. '125/STC-KH'; printed "Số: " + number. */
  number: string;
  /** Letters (công văn): "V/v ..." under the number, 12 pt, centred. */
  excerpt?: string;
  place: string;
  /** ISO yyyy-mm-dd. */
  date: string;
  /** Reports and plans: type ('BÁO CÁO') in bold capitals, subject in bold under it. */
  title?: { type: string; subject: string };
  /** Letters: "Kính gửi:" and these names. */
  addressees?: string[];
  body: Block[];
  /** Lines of "Nơi nhận:" without the leading "- "; the last is e.g. 'Lưu: VT, KH.'. */
  recipients: string[];
  signature: Signature;
  /** Each starts on a new page. */
  appendices?: Appendix[];
};
