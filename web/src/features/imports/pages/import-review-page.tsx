// /nhap/:id – reviewing what the importer read from a plan document before it becomes a plan: the
// corrections on the left, the document's text on the right with the selected item's words marked.
import { FileSearchOutlined, PlusOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import type {
  ExtractedProject,
  ExtractedTarget,
  ExtractedTask,
  ImportDraft,
} from '@features/imports/schema';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Drawer,
  Flex,
  Grid,
  Popconfirm,
  Row,
  Skeleton,
  Tabs,
  Tag,
  Typography,
  theme,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useBlocker, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../app/api';
import { formatDateTime } from '../../../app/format';
import { QueryError } from '../../../app/query-state';
import { DocumentFields } from '../components/document-fields';
import { ProjectRow } from '../components/project-row';
import { ReferencesList } from '../components/references-list';
import { ReviewGapsModal } from '../components/review-gaps-modal';
import { type SourceSelection, SourceText } from '../components/source-text';
import { type SourceView, SourceViewContext } from '../components/source-view';
import { TargetRow } from '../components/target-row';
import { TaskEditModal } from '../components/task-edit-modal';
import { TaskRow } from '../components/task-row';
import { type AgencyDecision, UnknownAgencies } from '../components/unknown-agencies';
import { WarningsList } from '../components/warnings-list';
import {
  useConfirmImport,
  useImportDraft,
  useResolveAgency,
  useSaveImport,
} from '../hooks/use-imports';
import { STATUS_LABELS } from '../labels';
import { importErrorMessage } from '../messages';
import {
  hasChanges,
  type Row as ItemRow,
  innerSpans,
  isResolved,
  newKey,
  problemsOf,
  type ReviewState,
  stateFromDraft,
  taskAt,
  toUpdate,
  type Warning,
} from '../review-state';

type TabKey = 'tasks' | 'targets' | 'projects' | 'references';

const ISSUE_LABELS: Record<string, string> = {
  unknown_agency: 'cơ quan không có trong danh mục',
  ambiguous_agency: 'tên cơ quan ứng với nhiều đơn vị',
  unknown_commune: 'mã xã, phường không tồn tại',
  duplicate_document: 'đã có văn bản cùng số, ký hiệu',
  too_small: 'chưa có nội dung',
  invalid_type: 'sai kiểu dữ liệu',
};

/** The fields a refused save or confirmation named, each with what is wrong. */
function ErrorIssues({ error }: { error: unknown }) {
  if (!(error instanceof ApiError) || error.issues.length === 0) return null;
  return (
    <ul style={{ margin: '4px 0 0', paddingLeft: 18 }} data-testid="review-error-issues">
      {error.issues.map((issue, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: issues have no id
        <li key={i}>
          <Typography.Text code>
            {issue.field.replace(/^body\.?/, '') || '(văn bản)'}
          </Typography.Text>
          {`: ${ISSUE_LABELS[issue.code] ?? issue.message}`}
        </li>
      ))}
    </ul>
  );
}

function PreviousPlan({ previous }: { previous: NonNullable<ImportDraft['previous']> }) {
  const c = previous.changes;
  const part = (label: string, x: { added: string[]; removed: string[]; changed: unknown[] }) => {
    const bits = [
      x.added.length > 0 ? `thêm ${x.added.length}` : null,
      x.removed.length > 0 ? `bỏ ${x.removed.length}` : null,
      x.changed.length > 0 ? `sửa ${x.changed.length}` : null,
    ].filter(Boolean);
    return bits.length > 0 ? `${label}: ${bits.join(', ')}` : null;
  };
  const summary = c
    ? c.unchanged
      ? 'Nội dung không khác kế hoạch đang lưu.'
      : [part('Nhiệm vụ', c.tasks), part('Chỉ tiêu', c.targets), part('Dự án', c.projects)]
          .filter(Boolean)
          .join('; ')
    : null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="review-previous"
      title="Đã có kế hoạch cùng số, ký hiệu"
      description={
        <>
          {`Xác nhận sẽ lưu văn bản này thành phiên bản mới của kế hoạch đó (đang ở phiên bản ${previous.revision}); nội dung cũ được giữ trong lịch sử. `}
          {summary && <div>{`So với kế hoạch đang lưu – ${summary}`}</div>}
          <Link to={`/ke-hoach/${previous.planId}`}>Xem kế hoạch đang lưu</Link>
        </>
      }
    />
  );
}

function ReadOnlyNotice({ draft }: { draft: ImportDraft }) {
  if (draft.status === 'confirmed') {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="review-readonly"
        title="Bản nháp đã được xác nhận thành kế hoạch: không sửa được nữa."
        action={
          draft.planId ? (
            <Link to={`/ke-hoach/${draft.planId}`}>
              <Button size="small">Xem kế hoạch</Button>
            </Link>
          ) : undefined
        }
      />
    );
  }
  return (
    <Alert
      type="info"
      showIcon
      data-testid="review-readonly"
      title={
        draft.status === 'discarded'
          ? 'Bản nháp đã bị hủy: chỉ xem được.'
          : draft.status === 'storing'
            ? 'Bản nháp đang được lưu thành kế hoạch: tải lại trang sau ít phút để xem kết quả.'
            : 'Bạn chỉ xem được bản nháp này: chỉ cơ quan tổng hợp được sửa và xác nhận bản nháp.'
      }
    />
  );
}

function ImportReview({ draft, onReload }: { draft: ImportDraft; onReload: () => void }) {
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const { modal, message } = App.useApp();
  // Wide screens show the text beside the lists; narrower ones in a drawer.
  const inline = screens.xl ?? true;
  const [sourceOpen, setSourceOpen] = useState(false);
  const sourceView = useMemo<SourceView>(
    () => ({ inline, show: () => setSourceOpen(true) }),
    [inline],
  );
  const navigate = useNavigate();
  const [saved, setSaved] = useState(draft);
  const [state, setState] = useState<ReviewState>(() => stateFromDraft(draft));
  const savedState = useMemo(() => stateFromDraft(saved), [saved]);
  const [tab, setTab] = useState<TabKey>('tasks');
  const [selection, setSelection] = useState<SourceSelection | null>(null);
  const [editing, setEditing] = useState<{ key: string | null; task: ExtractedTask | null } | null>(
    null,
  );
  const [problems, setProblems] = useState<string[]>([]);
  const [actionError, setActionError] = useState<unknown>(null);
  const save = useSaveImport(draft.id);
  const confirm = useConfirmImport(draft.id);
  const resolveAgency = useResolveAgency(draft.id);
  const [gapPrompt, setGapPrompt] = useState<{
    gaps: ImportDraft['review']['gaps'];
    version: number;
    newVersion: boolean;
  } | null>(null);
  const readOnly = !saved.abilities.update;
  const dirty = !readOnly && hasChanges(state, savedState);
  const busy = save.isPending || confirm.isPending || resolveAgency.isPending;
  const x = saved.extraction;
  const defaultYear = Number((state.document.date ?? new Date().toISOString()).slice(0, 4));

  // Unsaved corrections: ask before leaving the page, in the application or the browser.
  const leaving = useRef(false);
  const block = useRef(false);
  block.current = dirty && !leaving.current;
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      block.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: 'Rời trang khi chưa lưu?',
      content: 'Các sửa đổi chưa lưu của bản nháp sẽ mất.',
      okText: 'Rời trang',
      okButtonProps: { danger: true },
      cancelText: 'Ở lại',
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal]);
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  // The same selection again (a click after a focus) keeps the object: no second scroll.
  const select = useCallback(
    (next: SourceSelection) =>
      setSelection((prev) => (prev && JSON.stringify(prev) === JSON.stringify(next) ? prev : next)),
    [],
  );
  const selectTask = (row: ItemRow<ExtractedTask>) =>
    select({ key: row.key, span: row.value.source, inner: innerSpans(row.value) });
  const selectItem = (row: ItemRow<ExtractedTarget | ExtractedProject>) =>
    select({ key: row.key, span: row.value.source, inner: [] });

  const selectWarning = (warning: Warning, index: number) => {
    const task = taskAt(state, warning.source);
    if (task) {
      setTab('tasks');
      selectTask(task);
      requestAnimationFrame(() =>
        document
          .querySelector(`[data-key="${task.key}"]`)
          ?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }),
      );
    } else if (warning.source) {
      select({ key: `warning-${index}`, span: warning.source, inner: [] });
      if (!inline) setSourceOpen(true);
    }
  };

  // Lists.
  const update = (patch: Partial<ReviewState>) => {
    setProblems([]);
    setState((s) => ({ ...s, ...patch }));
  };
  function replaceIn<T>(rows: ItemRow<T>[], key: string, value: T): ItemRow<T>[] {
    return rows.map((r) => (r.key === key ? { key, value } : r));
  }

  const removeTask = (key: string) => {
    const index = state.tasks.findIndex((r) => r.key === key);
    const row = state.tasks[index];
    if (!row) return;
    update({ tasks: state.tasks.filter((r) => r.key !== key) });
    if (selection?.key === key) setSelection(null);
    const undoKey = `undo-${key}`;
    message.open({
      key: undoKey,
      type: 'info',
      duration: 6,
      content: (
        <span>
          Đã bỏ nhiệm vụ khỏi bản nháp.{' '}
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={() => {
              setState((s) =>
                s.tasks.some((r) => r.key === key)
                  ? s
                  : { ...s, tasks: [...s.tasks.slice(0, index), row, ...s.tasks.slice(index)] },
              );
              message.destroy(undoKey);
            }}
          >
            Hoàn tác
          </Button>
        </span>
      ),
    });
  };

  const saveTask = (task: ExtractedTask) => {
    if (!editing) return;
    if (editing.key === null) {
      const key = newKey('task');
      update({ tasks: [...state.tasks, { key, value: task }] });
      select({ key, span: null, inner: [] });
      requestAnimationFrame(() =>
        document
          .querySelector(`[data-key="${key}"]`)
          ?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }),
      );
    } else {
      update({ tasks: replaceIn(state.tasks, editing.key, task) });
      select({ key: editing.key, span: task.source, inner: innerSpans(task) });
    }
    setEditing(null);
  };

  const addTarget = () => {
    const key = newKey('target');
    const value: ExtractedTarget = {
      text: '',
      indicator: '',
      value: null,
      unit: null,
      year: null,
      section: null,
      source: null,
    };
    update({ targets: [...state.targets, { key, value }] });
    select({ key, span: null, inner: [] });
  };
  const addProject = () => {
    const key = newKey('project');
    const value: ExtractedProject = {
      name: '',
      investment_form: null,
      section: null,
      source: null,
    };
    update({ projects: [...state.projects, { key, value }] });
    select({ key, span: null, inner: [] });
  };

  // Saving and confirming.
  const saveNow = async (): Promise<ImportDraft | null> => {
    setActionError(null);
    const found = problemsOf(state);
    setProblems(found);
    if (found.length > 0) return null;
    const sent = state;
    try {
      const next = await save.mutateAsync(toUpdate(sent, saved.version));
      setSaved(next);
      // Corrections made while the save was under way stay as unsaved changes.
      setState((current) => (current === sent ? stateFromDraft(next, sent) : current));
      return next;
    } catch (error) {
      setActionError(error);
      return null;
    }
  };

  const onSave = async () => {
    if (await saveNow()) message.success('Đã lưu bản nháp');
  };

  const onConfirm = async () => {
    setActionError(null);
    let current = saved;
    if (dirty) {
      const next = await saveNow();
      if (!next) return;
      current = next;
    }
    const newVersion = current.previous !== null;
    if (newVersion) {
      const ok = await modal.confirm({
        title: 'Lưu thành phiên bản mới?',
        content:
          'Đã có kế hoạch cùng số, ký hiệu. Nội dung của kế hoạch đó sẽ được thay bằng văn bản này; phiên bản cũ được giữ trong lịch sử.',
        okText: 'Lưu phiên bản mới',
        cancelText: 'Quay lại',
      });
      if (!ok) return;
    }
    // Gaps are accepted one by one in a dialog; without any, the plan is created at once.
    if (current.review.gaps.length > 0) {
      setGapPrompt({ gaps: current.review.gaps, version: current.version, newVersion });
      return;
    }
    await confirmNow(current.version, newVersion, []);
  };

  const confirmNow = async (version: number, newVersion: boolean, acknowledgedGaps: string[]) => {
    try {
      const { planId } = await confirm.mutateAsync({ version, newVersion, acknowledgedGaps });
      setGapPrompt(null);
      leaving.current = true;
      block.current = false;
      message.success('Đã tạo kế hoạch từ văn bản');
      navigate(`/ke-hoach/${planId}`);
    } catch (error) {
      setGapPrompt(null);
      setActionError(error);
    }
  };

  // An agency the registry does not know: one decision, saved at once with the draft's corrections.
  const decideAgency = async (key: string, resolution: AgencyDecision) => {
    setActionError(null);
    let current = saved;
    if (dirty) {
      const next = await saveNow();
      if (!next) throw new Error('not saved');
      current = next;
    }
    try {
      const next = await resolveAgency.mutateAsync({
        version: current.version,
        key,
        resolution:
          resolution.action === 'map'
            ? resolution
            : { ...resolution, shortName: resolution.shortName ?? null },
      });
      setSaved(next);
      setState(stateFromDraft(next));
      message.success(
        resolution.action === 'map'
          ? 'Đã gán cơ quan cho các nhiệm vụ'
          : 'Đã thêm cơ quan vào danh mục và gán cho các nhiệm vụ',
      );
    } catch (error) {
      setActionError(error);
      throw error;
    }
  };

  const reload = async () => {
    if (dirty) {
      const ok = await modal.confirm({
        title: 'Tải lại bản nháp?',
        content: 'Các sửa đổi chưa lưu sẽ mất.',
        okText: 'Tải lại',
        cancelText: 'Ở lại',
      });
      if (!ok) return;
    }
    leaving.current = true;
    onReload();
  };

  const discard = () => {
    setState(stateFromDraft(saved));
    setProblems([]);
    setActionError(null);
    setSelection(null);
  };

  // A refused save or confirmation is shown above the lists: bring it into view.
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (actionError !== null || problems.length > 0) {
      alertRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    }
  }, [actionError, problems]);

  const errorCode = actionError instanceof ApiError ? actionError.code : null;
  const needsReload =
    errorCode === 'stale_version' || errorCode === 'import_closed' || errorCode === 'plan_exists';
  const status = STATUS_LABELS[saved.status];
  const selectedKey = selection?.key ?? null;

  const tasks = (
    <div>
      {state.tasks.length === 0 && (
        <Typography.Paragraph type="secondary">Chưa có nhiệm vụ nào.</Typography.Paragraph>
      )}
      {state.tasks.map((row, i) => (
        <TaskRow
          key={row.key}
          itemKey={row.key}
          index={i}
          task={row.value}
          selected={selectedKey === row.key}
          readOnly={readOnly}
          onSelect={() => selectTask(row)}
          onEdit={() => setEditing({ key: row.key, task: row.value })}
          onRemove={() => removeTask(row.key)}
        />
      ))}
      {!readOnly && (
        <Button
          icon={<PlusOutlined />}
          onClick={() => setEditing({ key: null, task: null })}
          data-testid="review-task-add"
        >
          Thêm nhiệm vụ
        </Button>
      )}
    </div>
  );
  const targets = (
    <div>
      {state.targets.length === 0 && (
        <Typography.Paragraph type="secondary">Chưa có chỉ tiêu nào.</Typography.Paragraph>
      )}
      {state.targets.map((row, i) => (
        <TargetRow
          key={row.key}
          itemKey={row.key}
          index={i}
          target={row.value}
          selected={selectedKey === row.key}
          readOnly={readOnly}
          onSelect={() => selectItem(row)}
          onChange={(value) => update({ targets: replaceIn(state.targets, row.key, value) })}
          onRemove={() => update({ targets: state.targets.filter((r) => r.key !== row.key) })}
        />
      ))}
      {!readOnly && (
        <Button icon={<PlusOutlined />} onClick={addTarget} data-testid="review-target-add">
          Thêm chỉ tiêu
        </Button>
      )}
    </div>
  );
  const projects = (
    <div>
      {state.projects.length === 0 && (
        <Typography.Paragraph type="secondary">Chưa có dự án trọng điểm nào.</Typography.Paragraph>
      )}
      {state.projects.map((row, i) => (
        <ProjectRow
          key={row.key}
          itemKey={row.key}
          index={i}
          project={row.value}
          selected={selectedKey === row.key}
          readOnly={readOnly}
          onSelect={() => selectItem(row)}
          onChange={(value) => update({ projects: replaceIn(state.projects, row.key, value) })}
          onRemove={() => update({ projects: state.projects.filter((r) => r.key !== row.key) })}
        />
      ))}
      {!readOnly && (
        <Button icon={<PlusOutlined />} onClick={addProject} data-testid="review-project-add">
          Thêm dự án
        </Button>
      )}
    </div>
  );

  return (
    <SourceViewContext value={sourceView}>
      <div data-testid="import-review" data-status={saved.status} data-dirty={dirty}>
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={[
            { title: <Link to="/ke-hoach">Kế hoạch</Link> },
            { title: `Nhập văn bản: ${saved.fileName}` },
          ]}
        />
        {/* The title and the actions stay in view while the lists scroll. */}
        <Flex
          justify="space-between"
          align="center"
          gap={12}
          wrap
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 5,
            background: token.colorBgLayout,
            paddingBlock: 8,
            marginBottom: 8,
          }}
        >
          <div style={{ minWidth: 0 }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              Rà soát văn bản nhập
            </Typography.Title>
            <Flex gap={8} align="center" wrap>
              <Tag color={status.color} data-testid="review-status">
                {status.label}
              </Tag>
              {dirty ? (
                <Tag color="orange" data-testid="review-dirty">
                  Có thay đổi chưa lưu
                </Tag>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {`Lưu lần cuối ${formatDateTime(saved.updatedAt)}`}
                </Typography.Text>
              )}
            </Flex>
          </div>
          <Flex gap={8} wrap>
            {!inline && (
              <Button
                icon={<FileSearchOutlined />}
                onClick={() => setSourceOpen(true)}
                data-testid="review-source-open"
              >
                Văn bản gốc
              </Button>
            )}
            {!readOnly && (
              <Flex gap={8} wrap>
                {dirty && (
                  <Popconfirm
                    title="Bỏ các sửa đổi chưa lưu?"
                    okText="Bỏ thay đổi"
                    cancelText="Không"
                    onConfirm={discard}
                  >
                    <Button disabled={busy} data-testid="review-discard">
                      Bỏ thay đổi
                    </Button>
                  </Popconfirm>
                )}
                <Button
                  icon={<SaveOutlined />}
                  onClick={() => void onSave()}
                  loading={save.isPending && !confirm.isPending}
                  disabled={!dirty || busy}
                  data-testid="review-save"
                >
                  Lưu nháp
                </Button>
                <Button
                  type="primary"
                  onClick={() => void onConfirm()}
                  loading={confirm.isPending}
                  disabled={busy || !saved.abilities.confirm}
                  data-testid="review-confirm"
                >
                  Xác nhận tạo kế hoạch
                </Button>
              </Flex>
            )}
          </Flex>
        </Flex>

        <Row gutter={[16, 16]}>
          <Col span={inline ? 12 : 24}>
            <Flex vertical gap={12}>
              {readOnly && <ReadOnlyNotice draft={saved} />}
              {(actionError !== null || problems.length > 0) && (
                <Flex vertical gap={12} ref={alertRef} style={{ scrollMarginTop: 80 }}>
                  {actionError !== null && (
                    <Alert
                      type="error"
                      showIcon
                      data-testid="review-error"
                      title={importErrorMessage(actionError)}
                      description={<ErrorIssues error={actionError} />}
                      action={
                        needsReload ? (
                          <Button
                            size="small"
                            icon={<ReloadOutlined />}
                            onClick={() => void reload()}
                          >
                            Tải lại
                          </Button>
                        ) : undefined
                      }
                    />
                  )}
                  {problems.length > 0 && (
                    <Alert
                      type="error"
                      showIcon
                      data-testid="review-problems"
                      title="Chưa lưu được: hãy sửa các chỗ sau"
                      description={
                        <ul style={{ margin: 0, paddingLeft: 18 }}>
                          {problems.map((p) => (
                            <li key={p}>{p}</li>
                          ))}
                        </ul>
                      }
                    />
                  )}
                </Flex>
              )}
              {saved.previous && saved.status === 'draft' && (
                <PreviousPlan previous={saved.previous} />
              )}
              <DocumentFields
                value={state.document}
                onChange={(document) => update({ document })}
                readOnly={readOnly}
                selected={selectedKey === 'document'}
                onShowSource={
                  x.document.source
                    ? () => {
                        select({ key: 'document', span: x.document.source, inner: [] });
                        if (!inline) setSourceOpen(true);
                      }
                    : null
                }
              />
              <WarningsList
                warnings={x.warnings}
                sourceText={saved.sourceText}
                isResolved={(w) => isResolved(w, state)}
                onSelect={selectWarning}
              />
              <UnknownAgencies
                agencies={saved.review.unknownAgencies}
                disabled={readOnly || busy}
                onDecide={decideAgency}
              />
              <Card size="small" styles={{ body: { paddingTop: 0 } }}>
                <Tabs
                  activeKey={tab}
                  onChange={(key) => setTab(key as TabKey)}
                  data-testid="review-tabs"
                  items={[
                    { key: 'tasks', label: `Nhiệm vụ (${state.tasks.length})`, children: tasks },
                    {
                      key: 'targets',
                      label: `Chỉ tiêu (${state.targets.length})`,
                      children: targets,
                    },
                    {
                      key: 'projects',
                      label: `Dự án trọng điểm (${state.projects.length})`,
                      children: projects,
                    },
                    {
                      key: 'references',
                      label: `Văn bản viện dẫn (${x.references.length})`,
                      children: (
                        <ReferencesList
                          references={x.references}
                          selectedKey={selectedKey}
                          onSelect={(key, r) => select({ key, span: r.source, inner: [] })}
                        />
                      ),
                    },
                  ]}
                />
              </Card>
            </Flex>
          </Col>
          {inline && (
            <Col span={12}>
              <div style={{ position: 'sticky', top: 76 }}>
                <SourceText
                  text={saved.sourceText}
                  fileName={saved.fileName}
                  selection={selection}
                  height="calc(100vh - 150px)"
                />
              </div>
            </Col>
          )}
        </Row>
        {!inline && (
          <Drawer
            open={sourceOpen}
            onClose={() => setSourceOpen(false)}
            title={`Văn bản gốc – ${saved.fileName}`}
            size={screens.md ? 640 : '100%'}
            styles={{ body: { padding: 0 } }}
            destroyOnHidden
          >
            <SourceText
              text={saved.sourceText}
              fileName={saved.fileName}
              selection={selection}
              height="calc(100vh - 80px)"
              framed={false}
            />
          </Drawer>
        )}
        {editing && (
          <TaskEditModal
            task={editing.task}
            defaultYear={defaultYear}
            onCancel={() => setEditing(null)}
            onSave={saveTask}
          />
        )}
        <ReviewGapsModal
          gaps={gapPrompt?.gaps ?? null}
          confirming={confirm.isPending}
          onCancel={() => setGapPrompt(null)}
          onAccept={(keys) =>
            gapPrompt && void confirmNow(gapPrompt.version, gapPrompt.newVersion, keys)
          }
        />
      </div>
    </SourceViewContext>
  );
}

export function ImportReviewPage() {
  const { id = '' } = useParams();
  const draft = useImportDraft(id);
  const [reloads, setReloads] = useState(0);

  if (draft.isError) {
    return (
      <div data-testid="import-review">
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={[{ title: <Link to="/ke-hoach">Kế hoạch</Link> }, { title: 'Nhập văn bản' }]}
        />
        <QueryError error={draft.error} onRetry={() => void draft.refetch()} />
        {draft.error instanceof ApiError && draft.error.code === 'not_found' && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            Chức năng nhập văn bản hiện chỉ dùng được trên máy chủ (chưa có tài khoản người dùng).
          </Typography.Paragraph>
        )}
      </div>
    );
  }
  if (!draft.data) {
    return (
      <Card data-testid="import-review-loading">
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  return (
    <ImportReview
      key={`${draft.data.id}:${reloads}`}
      draft={draft.data}
      onReload={() => {
        void draft.refetch().then(() => setReloads((n) => n + 1));
      }}
    />
  );
}
