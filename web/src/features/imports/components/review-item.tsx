// An item of the review (task, target, project, reference): a frame that shows when it is selected;
// clicking anywhere in it selects it, which marks its words in the source text.
import { DeleteOutlined, FileSearchOutlined } from '@ant-design/icons';
import { Button, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useSourceView } from './source-view';

type Props = {
  testId: string;
  itemKey: string;
  selected: boolean;
  onSelect: () => void;
  label: string;
  children: ReactNode;
  actions?: ReactNode;
};

export function ReviewItem({
  testId,
  itemKey,
  selected,
  onSelect,
  label,
  children,
  actions,
}: Props) {
  const { token } = theme.useToken();
  const source = useSourceView();
  // On a narrow screen the text is in a drawer: the selected item offers to open it.
  const showSource =
    selected && !source.inline ? (
      <Button
        size="small"
        type="link"
        icon={<FileSearchOutlined />}
        onClick={(e) => {
          e.stopPropagation();
          source.show();
        }}
        data-testid="review-show-source"
      >
        Xem trong văn bản
      </Button>
    ) : null;
  return (
    // A group of fields and buttons, selected as a whole by a click or by focusing any of them.
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would restyle the whole item
    // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard selects it through onFocus
    <div
      role="group"
      aria-label={label}
      aria-current={selected || undefined}
      data-testid={testId}
      data-key={itemKey}
      data-selected={selected}
      onClick={onSelect}
      onFocus={onSelect}
      style={{
        border: `1px solid ${selected ? token.colorPrimary : token.colorBorderSecondary}`,
        boxShadow: selected ? `0 0 0 2px ${token.colorPrimaryBg}` : undefined,
        borderRadius: token.borderRadiusLG,
        padding: '10px 14px',
        marginBottom: 8,
        background: selected ? token.colorPrimaryBg : token.colorBgContainer,
        cursor: 'pointer',
        outline: 'none',
        scrollMarginTop: 96,
      }}
    >
      {children}
      {(actions || showSource) && (
        <div style={{ marginTop: 8, display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          {actions}
          {showSource}
        </div>
      )}
    </div>
  );
}

/** The small caption above an editable field of an item. */
export function FieldLabel({ children }: { children: ReactNode }) {
  return (
    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
      {children}
    </Typography.Text>
  );
}

/** Takes an item out of the draft, without selecting it. */
export function RemoveButton({
  testId,
  onRemove,
  children,
}: {
  testId: string;
  onRemove: () => void;
  children: ReactNode;
}) {
  return (
    <Button
      size="small"
      danger
      icon={<DeleteOutlined />}
      onClick={(e) => {
        e.stopPropagation();
        onRemove();
      }}
      data-testid={testId}
    >
      {children}
    </Button>
  );
}
