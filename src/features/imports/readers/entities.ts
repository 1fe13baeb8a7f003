// Character references of XML and HTML text ("&amp;", "&#7901;", "&#x1EDD;"), for the .docx readers.

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes numeric references and the named ones in `named` (XML's five by default). */
export function decodeEntities(s: string, named: Record<string, string> = XML_ENTITIES): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X'
          ? Number.parseInt(body.slice(2), 16)
          : Number(body.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '';
    }
    return named[body] ?? whole;
  });
}
