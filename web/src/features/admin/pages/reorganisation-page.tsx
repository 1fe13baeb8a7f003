// Sắp xếp tổ chức bộ máy (/quan-tri/to-chuc-lai): the 2025 reorganisation applied to running
// tasks. A merge hands the former agency's unfinished tasks to its successor; a split or an
// abolition puts them in a queue where a person chooses who takes each over. Administrators apply;
// administrators and the consolidating department choose; leadership reads the successions.
import { Alert, Badge, Button, Flex, Switch, Typography } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../../app/query-state';
import { useCurrentUser } from '../../auth/hooks/use-session';
import type { Role } from '../../auth/labels';
import { NewSuccessionModal } from '../components/new-succession-modal';
import { ReviewQueue } from '../components/review-queue';
import { SuccessionTable } from '../components/succession-table';
import { useReviews, useSuccessions } from '../hooks/use-reorganisation';

/** Roles the server lets read the review queue (others get 404: the section is not shown). */
const REVIEW_READERS: readonly Role[] = ['administrator', 'consolidator'];

function Explanation() {
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title="Năm 2025, bộ máy được sắp xếp lại trong khi kế hoạch vẫn đang thực hiện"
      description={
        <div data-testid="reorganisation-explanation">
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            Từ 01/3/2025 nhiều sở được hợp nhất hoặc chia tách; từ 01/7/2025 cấp huyện kết thúc hoạt
            động, nhiệm vụ chuyển về UBND cấp xã. Áp dụng một sắp xếp cho các nhiệm vụ đang thực
            hiện:
          </Typography.Paragraph>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            <li>
              <b>Hợp nhất</b>: nhiệm vụ tự động chuyển sang cơ quan kế thừa từ ngày hiệu lực.
            </li>
            <li>
              <b>Chia tách, giải thể</b>: nhiệm vụ vào danh sách chờ, người có thẩm quyền chọn cơ
              quan chủ trì (hoặc phối hợp) mới trong số các cơ quan kế thừa.
            </li>
            <li>
              Lịch sử được giữ nguyên: kế hoạch vẫn ghi tên cơ quan như văn bản ban hành, và vẫn
              biết cơ quan nào chịu trách nhiệm vào thời điểm nào.
            </li>
          </ul>
        </div>
      }
    />
  );
}

function ReviewSection() {
  const [showResolved, setShowResolved] = useState(false);
  const reviews = useReviews(showResolved ? 'all' : 'open');
  const open = useReviews('open');
  const openCount = open.data?.items.length ?? 0;
  return (
    <section data-testid="review-queue" style={{ marginTop: 32 }}>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Flex align="center" gap={8}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            Nhiệm vụ chờ chọn cơ quan chủ trì mới
          </Typography.Title>
          <Badge count={openCount} data-testid="review-open-count" />
        </Flex>
        <Flex align="center" gap={8}>
          <Switch
            checked={showResolved}
            onChange={setShowResolved}
            size="small"
            id="review-show-resolved"
            data-testid="review-show-resolved"
          />
          <label htmlFor="review-show-resolved">Hiện cả nhiệm vụ đã chọn</label>
        </Flex>
      </Flex>
      {reviews.isError ? (
        <QueryError error={reviews.error} onRetry={() => void reviews.refetch()} />
      ) : (
        <ReviewQueue
          reviews={reviews.data?.items ?? []}
          loading={reviews.isFetching}
          showResolved={showResolved}
        />
      )}
    </section>
  );
}

export function ReorganisationPage() {
  const me = useCurrentUser();
  const [recording, setRecording] = useState(false);
  const successions = useSuccessions();
  return (
    <div data-testid="reorganisation-page">
      <Typography.Title level={3}>Sắp xếp tổ chức bộ máy</Typography.Title>
      <Explanation />
      <section>
        <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            Các sắp xếp cơ quan
          </Typography.Title>
          {me.role === 'administrator' && (
            <Button onClick={() => setRecording(true)} data-testid="succession-new">
              Ghi nhận sắp xếp mới
            </Button>
          )}
        </Flex>
        {recording && <NewSuccessionModal onClose={() => setRecording(false)} />}
        {successions.isError ? (
          <QueryError error={successions.error} onRetry={() => void successions.refetch()} />
        ) : (
          <SuccessionTable
            successions={successions.data?.items ?? []}
            loading={successions.isFetching}
          />
        )}
      </section>
      {REVIEW_READERS.includes(me.role) && <ReviewSection />}
    </div>
  );
}
