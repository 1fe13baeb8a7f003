// Bản đồ (/ban-do): the province's communes coloured by a measure — overdue tasks, key projects,
// the year's disbursement — for a plan or all; a commune opens in a drawer listing its projects and
// tasks. The map (ECharts, the boundaries) loads with this page only; the same figures are in a
// table below it, and a commune can be chosen from a list, for those who do not use the picture.
// The measure, the plan and the open commune are kept in the address (?chi-so=&ke-hoach=&xa=).
import type { MapMeasure } from '@features/map/schema';
import { MAP_MEASURE_LABELS, MAP_MEASURES, MAP_NOT_AVAILABLE } from '@features/map/schema';
import {
  Alert,
  Button,
  Card,
  Flex,
  Segmented,
  Select,
  Skeleton,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../../app/api';
import { formatDate } from '../../../app/format';
import { QueryError } from '../../../app/query-state';
import { usePlans } from '../../plans/hooks/use-plans';
import { CommuneDrawer } from '../components/commune-drawer';
import { useBoundaries, useMeasures } from '../hooks/use-map';
import { formatMeasure, MEASURE_COLUMNS } from '../measures';

// ECharts' map and the canvas renderer: downloaded when the map is first drawn.
const ProvinceMap = lazy(() => import('../components/province-map'));

const DEFAULT_MEASURE: MapMeasure = 'overdue';

const THIS_YEAR = new Date().getFullYear();
/** The years disbursement can be shown for: this year and the five before. */
const YEARS = Array.from({ length: 6 }, (_, i) => THIS_YEAR - i);

const readYear = (raw: string | null): number | undefined => {
  const n = Number(raw);
  return YEARS.includes(n) ? n : undefined;
};

const readMeasure = (raw: string | null): MapMeasure =>
  (MAP_MEASURES as readonly string[]).includes(raw ?? '') ? (raw as MapMeasure) : DEFAULT_MEASURE;

type Row = { code: string; name: string; value: string };

const vietnamese = new Intl.Collator('vi');

export function MapPage() {
  const [params, setParams] = useSearchParams();
  const measure = readMeasure(params.get('chi-so'));
  const planId = params.get('ke-hoach') || undefined;
  const communeCode = params.get('xa') || undefined;
  const year = readYear(params.get('nam'));
  const plans = usePlans(1, 100);
  const boundaries = useBoundaries();
  const measures = useMeasures(measure, planId, year);
  const data = measures.data;

  const setParam = (name: string, value: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: name !== 'xa' },
    );
  const open = (code: string | undefined) => setParam('xa', code);

  const rows = useMemo<Row[]>(
    () =>
      [...(data?.items ?? [])].sort(
        (a, b) => Number(b.value) - Number(a.value) || vietnamese.compare(a.name, b.name),
      ),
    [data],
  );
  const communeOptions = useMemo(
    () =>
      [...(data?.items ?? [])]
        .sort((a, b) => vietnamese.compare(a.name, b.name))
        .map((c) => ({ value: c.code, label: c.name })),
    [data],
  );
  const openName = data?.items.find((c) => c.code === communeCode)?.name;
  const noMap = boundaries.error instanceof ApiError && boundaries.error.code === MAP_NOT_AVAILABLE;

  const columns: TableColumnsType<Row> = [
    {
      title: 'Xã, phường',
      dataIndex: 'name',
      key: 'name',
      render: (name: string, row) => (
        <Button
          type="link"
          style={{ padding: 0, height: 'auto' }}
          onClick={() => open(row.code)}
          data-testid={`map-row-${row.code}`}
        >
          {name}
        </Button>
      ),
    },
    {
      title: MEASURE_COLUMNS[measure],
      dataIndex: 'value',
      key: 'value',
      align: 'right',
      render: (value: string) => formatMeasure(measure, value),
    },
  ];

  return (
    <div data-testid="map-page">
      <Flex vertical gap={2} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Bản đồ
        </Typography.Title>
        <Typography.Text type="secondary">
          {data
            ? `Nhiệm vụ và dự án trọng điểm theo xã, phường; số liệu đến ngày ${formatDate(data.asOf)}${measure === 'disbursement' ? `, giải ngân năm ${data.year}` : ''}`
            : 'Nhiệm vụ và dự án trọng điểm theo xã, phường'}
        </Typography.Text>
      </Flex>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Segmented<MapMeasure>
          value={measure}
          onChange={(m) => setParam('chi-so', m === DEFAULT_MEASURE ? undefined : m)}
          options={MAP_MEASURES.map((m) => ({ value: m, label: MAP_MEASURE_LABELS[m] }))}
          data-testid="map-measure"
        />
        <Select<string>
          allowClear
          placeholder="Tất cả kế hoạch"
          aria-label="Kế hoạch"
          style={{ minWidth: 220 }}
          value={planId}
          onChange={(id) => setParam('ke-hoach', id || undefined)}
          loading={plans.isFetching}
          data-testid="map-plan"
          options={(plans.data?.items ?? []).map((p) => ({
            value: p.id,
            label: p.document.number ?? p.document.title ?? 'Kế hoạch chưa có số',
          }))}
        />
        {measure === 'disbursement' && (
          <Select<number>
            aria-label="Năm giải ngân"
            style={{ width: 120 }}
            value={year ?? data?.year ?? THIS_YEAR}
            onChange={(y) => setParam('nam', y === THIS_YEAR ? undefined : String(y))}
            options={YEARS.map((y) => ({ value: y, label: `Năm ${y}` }))}
            data-testid="map-year"
          />
        )}
        <Select<string>
          showSearch={{ optionFilterProp: 'label' }}
          allowClear
          placeholder="Chọn xã, phường để xem"
          aria-label="Xã, phường"
          style={{ minWidth: 240 }}
          value={communeCode}
          onChange={(code) => open(code || undefined)}
          options={communeOptions}
          data-testid="map-commune-select"
        />
      </Flex>
      {measures.isError && (
        <QueryError error={measures.error} onRetry={() => void measures.refetch()} />
      )}
      <Flex vertical gap={16}>
        <Card>
          {noMap ? (
            <Alert
              type="info"
              showIcon
              title="Chưa có bản đồ ranh giới xã, phường của tỉnh này: số liệu xem ở bảng dưới."
              data-testid="map-unavailable"
            />
          ) : boundaries.isError ? (
            <QueryError error={boundaries.error} onRetry={() => void boundaries.refetch()} />
          ) : boundaries.data && data ? (
            <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 560 }} />}>
              <ProvinceMap
                boundaries={boundaries.data}
                measure={measure}
                items={data.items}
                selected={communeCode}
                onSelect={open}
              />
            </Suspense>
          ) : (
            <Skeleton active paragraph={{ rows: 10 }} />
          )}
          {!noMap && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              Bấm vào một xã, phường trên bản đồ (hoặc chọn ở danh sách, ở bảng) để xem dự án và
              nhiệm vụ. Nhiệm vụ tính theo địa bàn của cơ quan chủ trì; nhiệm vụ của huyện cũ tính ở
              mọi xã, phường hình thành từ huyện đó; dự án ở nhiều xã tính ở mỗi xã.
            </Typography.Paragraph>
          )}
        </Card>
        <Card title={`Bảng số liệu: ${MAP_MEASURE_LABELS[measure]} theo xã, phường`}>
          <Table<Row>
            rowKey="code"
            size="small"
            columns={columns}
            dataSource={rows}
            loading={measures.isFetching}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
            data-testid="map-table"
          />
        </Card>
      </Flex>
      <CommuneDrawer
        code={communeCode}
        name={openName}
        planId={planId}
        year={year}
        onClose={() => open(undefined)}
      />
    </div>
  );
}
