// Vietnamese names of the codes the administrator's pages show: succession kinds, review roles,
// audited entities and actions, mail states.
import type { OutboxMail, OutboxStatus } from '@features/notifications/schema';
import type { ReassignmentReview, Succession } from '@features/reorganisation/schema';

export type SuccessionKind = Succession['kind'];
export type ReviewRole = ReassignmentReview['role'];

export const SUCCESSION_KIND_LABELS: Record<SuccessionKind, string> = {
  merge: 'Hợp nhất',
  split: 'Chia tách',
  abolish: 'Giải thể',
};

export const SUCCESSION_KIND_COLORS: Record<SuccessionKind, string> = {
  merge: 'blue',
  split: 'purple',
  abolish: 'volcano',
};

export const REVIEW_ROLE_LABELS: Record<ReviewRole, string> = {
  lead: 'Chủ trì',
  coordinator: 'Phối hợp',
};

/** What the audit trail records, by entity; an entity not listed here is shown as recorded. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  task: 'Nhiệm vụ',
  task_assignment: 'Phân công',
  progress_update: 'Báo cáo tiến độ',
  evidence_file: 'Minh chứng',
  extension_request: 'Gia hạn',
  task_comment: 'Ý kiến',
  agency_plan_item: 'Kế hoạch đơn vị',
  user: 'Người dùng',
  plan: 'Kế hoạch',
  plan_revision: 'Phiên bản kế hoạch',
  plan_node: 'Mục của kế hoạch',
  target: 'Chỉ tiêu',
  task_coordinator: 'Cơ quan phối hợp',
  project: 'Dự án',
  project_location: 'Địa điểm dự án',
  document_reference: 'Căn cứ văn bản',
  import_draft: 'Bản nhập',
  legal_document: 'Văn bản',
  agency: 'Cơ quan',
  agency_succession: 'Sắp xếp cơ quan',
  reassignment_review: 'Chọn cơ quan kế thừa',
  succession_application: 'Áp dụng sắp xếp',
  notification: 'Thông báo',
  mail: 'Thư',
};

/** Actions the services record; any other is shown as recorded. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  create: 'Tạo mới',
  update: 'Sửa',
  delete: 'Xóa',
  load: 'Nạp',
  end: 'Kết thúc',
  extend: 'Gia hạn',
  progress: 'Cập nhật tiến độ',
  set_due: 'Đặt thời hạn',
  apply: 'Áp dụng',
  resolve: 'Chọn cơ quan',
  read: 'Đánh dấu đã đọc',
  sent: 'Đã gửi',
  approve: 'Duyệt',
  return: 'Trả lại',
  refuse: 'Từ chối',
  send_failed: 'Gửi lỗi',
  send_abandoned: 'Ngừng gửi',
  login: 'Đăng nhập',
  login_failed: 'Đăng nhập sai',
  // Recorded before sign-in failures were counted per address and name (no account locks since).
  locked: 'Khóa tạm thời',
  withdraw: 'Rút (giao đơn vị khác)',
  password_changed: 'Đổi mật khẩu',
  password_reset: 'Đặt lại mật khẩu',
};

/** An action that means something else on one entity ("entity:action"). */
export const AUDIT_ENTITY_ACTION_LABELS: Record<string, string> = {
  // The consolidator took a plan nobody had worked on back out (plans/withdraw.ts).
  'plan:withdraw': 'Rút kế hoạch',
};

export const entityLabel = (entity: string): string => AUDIT_ENTITY_LABELS[entity] ?? entity;
export const actionLabel = (action: string, entity?: string): string =>
  (entity ? AUDIT_ENTITY_ACTION_LABELS[`${entity}:${action}`] : undefined) ??
  AUDIT_ACTION_LABELS[action] ??
  action;

export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  pending: 'Chờ gửi',
  sent: 'Đã gửi',
  failed: 'Lỗi',
  all: 'Tất cả',
};

export const MAIL_STATUS_COLORS: Record<OutboxMail['status'], string> = {
  pending: 'gold',
  sent: 'green',
  failed: 'red',
};
