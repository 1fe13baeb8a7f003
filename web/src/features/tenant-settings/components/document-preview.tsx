// How the consolidated report's head and foot, and the urging letter's, will print with the values
// on the form (empty ones replaced by the default). A value the page cannot know (the default of a
// field that has a saved value) shows as "(mặc định)".
import type { Signer } from '@features/tenant-settings/schema';
import { Divider, Flex, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

export type PreviewValues = {
  authorityName: string | null;
  authorityShortName: string | null;
  place: string | null;
  agencyName: string | null;
  reportSymbol: string | null;
  urgingSymbol: string | null;
  reportSigner: Signer | null;
  urgingSigner: Signer | null;
  recipients: string[] | null;
  draftingUnit: string | null;
};

const paper: CSSProperties = {
  fontFamily: '"Times New Roman", Times, serif',
  fontSize: 13,
  lineHeight: 1.35,
  color: 'rgba(0, 0, 0, 0.88)',
};
const UNKNOWN = '(mặc định)';
const upper = (text: string) => text.toLocaleUpperCase('vi');

function Value({ text, children }: { text: string | null; children?: (t: string) => ReactNode }) {
  if (text === null) return <Typography.Text type="secondary">{UNKNOWN}</Typography.Text>;
  return <>{children ? children(text) : text}</>;
}

/** "ỦY BAN NHÂN DÂN / TỈNH …": the collective name over the province, as the report prints it. */
function issuerLines(name: string): string[] {
  const split = /^(Ủy ban nhân dân|Uỷ ban nhân dân)\s+(.+)$/iu.exec(name.trim());
  return (split ? [split[1] ?? '', split[2] ?? ''] : [name]).map(upper);
}

function SignatureBlock({ signer }: { signer: Signer | null }) {
  if (!signer) return <Typography.Text type="secondary">{UNKNOWN}</Typography.Text>;
  return (
    <Flex vertical align="center" style={{ textAlign: 'center' }}>
      {signer.authority && <strong>{signer.authority}</strong>}
      {signer.deputy && <strong>{signer.deputy}</strong>}
      {signer.position && <strong>{signer.position}</strong>}
      <div style={{ height: 28 }} />
      <strong>
        {signer.name || <Typography.Text type="secondary">(họ và tên)</Typography.Text>}
      </strong>
    </Flex>
  );
}

function DateLine({ place }: { place: string | null }) {
  return (
    <em>
      <Value text={place} />, ngày … tháng … năm {new Date().getFullYear()}
    </em>
  );
}

export function DocumentPreview({ v }: { v: PreviewValues }) {
  return (
    <div style={paper} data-testid="settings-preview">
      <Typography.Text type="secondary" style={{ fontFamily: 'inherit' }}>
        Báo cáo tổng hợp
      </Typography.Text>
      <Flex gap={8} style={{ marginTop: 6 }}>
        <Flex vertical align="center" style={{ flex: '0 0 42%', textAlign: 'center' }}>
          <Value text={v.authorityName}>
            {(t) => issuerLines(t).map((line) => <strong key={line}>{line}</strong>)}
          </Value>
          <span style={{ marginTop: 4 }}>
            Số: &nbsp;&nbsp;&nbsp;/
            <Value text={v.reportSymbol} />
          </span>
        </Flex>
        <Flex vertical align="center" style={{ flex: 1, textAlign: 'center' }}>
          <strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>
          <strong>Độc lập - Tự do - Hạnh phúc</strong>
          <span style={{ marginTop: 4 }}>
            <DateLine place={v.place} />
          </span>
        </Flex>
      </Flex>
      <div style={{ textAlign: 'center', margin: '10px 0' }}>
        <strong>BÁO CÁO</strong>
        <div>…</div>
      </div>
      <Flex gap={8}>
        <div style={{ flex: '0 0 50%', fontSize: 11 }}>
          <strong>
            <em>Nơi nhận:</em>
          </strong>
          {v.recipients === null ? (
            <div>
              <Typography.Text type="secondary">{UNKNOWN}</Typography.Text>
            </div>
          ) : (
            v.recipients.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines of a preview, may repeat
              <div key={i}>- {r.replace(/[;.,]+$/, '')};</div>
            ))
          )}
          <div>- Lưu: VT{v.draftingUnit ? `, ${v.draftingUnit}` : ''}.</div>
        </div>
        <div style={{ flex: 1 }}>
          <SignatureBlock signer={v.reportSigner} />
        </div>
      </Flex>

      <Divider style={{ margin: '16px 0 10px' }} />
      <Typography.Text type="secondary" style={{ fontFamily: 'inherit' }}>
        Công văn đôn đốc của cơ quan tổng hợp
      </Typography.Text>
      <Flex gap={8} style={{ marginTop: 6 }}>
        <Flex vertical align="center" style={{ flex: '0 0 42%', textAlign: 'center' }}>
          {v.agencyName ? (
            <>
              <Value text={v.authorityShortName}>{(t) => <span>{upper(t)}</span>}</Value>
              <strong>{upper(v.agencyName)}</strong>
            </>
          ) : (
            <Value text={v.authorityShortName}>{(t) => <strong>{upper(t)}</strong>}</Value>
          )}
          <span style={{ marginTop: 4 }}>
            Số: &nbsp;&nbsp;&nbsp;/<Value text={v.urgingSymbol}>{(t) => t || 'KH'}</Value>
          </span>
        </Flex>
        <Flex vertical align="center" style={{ flex: 1, textAlign: 'center' }}>
          <DateLine place={v.place} />
          <div style={{ height: 8 }} />
          <SignatureBlock signer={v.urgingSigner} />
        </Flex>
      </Flex>
    </div>
  );
}
